"""Resolving only the region an update touches ends exactly as a full rebuild would.

Each update writes mention rows directly (as ``update_people`` stores NER output), then the
store is copied: the original is resolved incrementally (touched names only, statistics
kept between updates), the copy from scratch statistics with a full rebuild, and the two
must hold the same entity rows (ids, names, kinds, media flags, counts, dates, roles) and
the same aliases.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from summarizer.people import index as index_module
from summarizer.people import resolve as resolve_module
from summarizer.people import update_people
from summarizer.people.names import fold
from summarizer.people.region import find_region
from summarizer.people.resolve import resolve
from summarizer.people.stats import KeyStats, key_stats, refreshed_stats
from summarizer.store import Store
from summarizer.store.articles import ArticleRow
from summarizer.store.people import (
    PeopleAliasRow,
    PeopleEntityRow,
    PeopleIndexedRow,
    PeopleMentionRow,
    PeopleSentenceRow,
)
from tests.article_rows import add_article, article_row

START = datetime(2026, 3, 1, tzinfo=UTC)
FIRST = ["Anna", "Boris", "Clara", "Dmitry", "Dmitri", "Elena", "Felix", "John", "Jane"]
LAST = ["Petrov", "Petrova", "Ivanov", "Kuznetsov", "Kuznetsova", "Smith", "Brandt", "Lopez"]
OUTLETS = ["Port Times", "Northbridge Gazette", "Daily Ledger", "Elden Courier"]
Mention = tuple[str, str, str | None, str | None]
"""(name, label, context, role)"""


@dataclass
class Harness:
    """A store resolved incrementally, checked against a full rebuild after each update."""

    folder: Path
    store: Store
    stats: dict[str, KeyStats] = field(default_factory=dict)
    articles: list[int] = field(default_factory=list)
    day: int = 0
    regions: list[int] = field(default_factory=list)

    def add(self, mentions: list[Mention], outlet: str = "Port Times") -> int:
        self.day += 1
        with self.store.session() as session:
            row = article_row(
                path=f"a{self.day}.txt",
                text=f"Article {self.day}.",
                outlet=outlet,
                published=START + timedelta(hours=self.day),
            )
            session.add(row)
            session.flush()
            self._write(session, row.id, mentions)
            article = row.id
        self.articles.append(article)
        self.resolve({fold(name) for name, _, _, _ in mentions})
        return article

    def change(self, article: int, mentions: list[Mention]) -> None:
        with self.store.session() as session:
            touched = self._forget(session, article)
            self._write(session, article, mentions)
        self.resolve(touched | {fold(name) for name, _, _, _ in mentions})

    def delete(self, article: int) -> None:
        with self.store.session() as session:
            touched = self._forget(session, article)
            session.get(ArticleRow, article).deleted_at = START
        self.articles.remove(article)
        self.resolve(touched)

    def _write(self, session: Session, article: int, mentions: list[Mention]) -> None:
        sentence = PeopleSentenceRow(article_id=article, position=0, text="A sentence.")
        session.add(sentence)
        session.flush()
        for name, label, context, role in mentions:
            session.add(
                PeopleMentionRow(
                    sentence_id=sentence.id,
                    article_id=article,
                    key=fold(name),
                    name=name,
                    surface=name,
                    label=label,
                    context=context,
                    role=role,
                )
            )
        session.add(
            PeopleIndexedRow(
                article_id=article, version=1, content_hash="x", mentions=len(mentions),
                indexed_at=START,
            )
        )  # fmt: skip

    @staticmethod
    def _forget(session: Session, article: int) -> set[str]:
        m = PeopleMentionRow
        touched = set(session.scalars(select(m.key).where(m.article_id == article)))
        session.execute(delete(m).where(m.article_id == article))
        session.execute(delete(PeopleSentenceRow).where(PeopleSentenceRow.article_id == article))
        session.execute(delete(PeopleIndexedRow).where(PeopleIndexedRow.article_id == article))
        return touched

    def resolve(self, touched: set[str]) -> None:
        source = self.folder / "briefbot.db"
        copy = self.folder / f"full{self.day}.db"
        backup(source, copy)
        with self.store.session() as session:
            stats = refreshed_stats(session, self.stats, touched)
            assert stats is not None
            region = find_region(session, stats, touched, limit=10**6)
            self.regions.append(len(region.keys) if region else -1)
            resolve(session, touched, stats=stats)
        self.stats = stats
        full = Store(f"sqlite:///{copy}")
        with full.session() as session:
            resolve(session, None)
        assert dump(self.store) == dump(full), f"after update {self.day}, touched {touched}"
        full.close()
        copy.unlink()


def backup(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database (its WAL included)."""
    with closing(sqlite3.connect(source)) as a, closing(sqlite3.connect(target)) as b:
        a.backup(b)


def dump(store: Store) -> tuple[list[tuple[object, ...]], set[tuple[str, int, bool]]]:
    """Every entity row (all columns) and every alias (alias, entity id, owns)."""
    e, al = PeopleEntityRow, PeopleAliasRow
    with store.session() as session:
        entities = [
            (row.id, row.key, row.name, row.kind, row.media, row.role, row.mentions,
             row.articles, row.outlets, row.first_seen, row.last_seen)
            for row in session.scalars(select(e).order_by(e.id))
        ]  # fmt: skip
        aliases = {
            (alias, entity, bool(owns))
            for alias, entity, owns in session.execute(select(al.alias, al.entity_id, al.owns))
        }
    return entities, aliases


@pytest.fixture
def harness(sqlite_url: str, tmp_path: Path) -> Iterator[Harness]:
    """A SQLite file: each step is checked against a rebuild of a copy of that file."""
    store = Store(sqlite_url)
    with store.session() as session:
        resolve(session, None)
    yield Harness(tmp_path, store)
    store.close()


def person(name: str, role: str | None = None) -> Mention:
    return (name, "PERSON", None, role)


def org(name: str) -> Mention:
    return (name, "ORG", None, None)


def test_a_surname_changes_hands_as_coverage_crosses_the_dominance_ratio(
    harness: Harness,
) -> None:
    harness.add([person("John Smith", "finance minister"), person("Smith")])
    jane = harness.add([person("Jane Smith", "mayor of Elden"), person("Smith")])
    for _ in range(4):  # John Smith in 5 articles, Jane in 1: "smith" becomes his
        harness.add([person("John Smith"), person("Smith")])
    owner = _owners(harness.store, "smith")
    assert owner == {"john smith": True, "jane smith": False}
    harness.add([person("Jane Smith")])  # 5 to 2: ambiguous again
    assert _owners(harness.store, "smith") == {"john smith": False, "jane smith": False}
    harness.delete(jane)
    harness.change(harness.articles[-1], [org("Smith")])


def test_spelling_variants_merge_and_split(harness: Harness) -> None:
    harness.add([person("Volodymyr Zelensky"), person("Zelensky")])
    variant = harness.add([person("Volodymyr Zelenski")])
    merged = _owners(harness.store, "volodymyr zelenski")
    assert len(merged) == 1 and merged == _owners(harness.store, "volodymyr zelensky")
    harness.add([person("Anna Petrova"), person("Anna Petrov"), person("Petrov")])
    harness.delete(variant)
    assert "volodymyr zelenski" not in _owners(harness.store, "zelensky")
    harness.change(harness.articles[-1], [org("Anna Petrov")])  # no longer a person


def test_a_name_voted_a_place_loses_its_entity_and_can_win_it_back(harness: Harness) -> None:
    harness.add([person("Kyiv"), ("Kyiv", "PERSON", "person", None)])
    assert _owners(harness.store, "kyiv") == {"kyiv": True}
    place = harness.add([("Kyiv", "GPE", "place", None), ("Kyiv", "PERSON", "place", None)])
    harness.add([("Kyiv", "PERSON", "place", None)])
    assert _owners(harness.store, "kyiv") == {}
    harness.delete(place)
    harness.add([person("Anna Kyiv")])  # now a surname too


def test_singular_and_plural_organisations_are_one(harness: Harness) -> None:
    harness.add([org("Lib Dems")])
    harness.add([org("Lib Dem"), org("Nordbank"), org("Nordbanks")])
    assert _owners(harness.store, "lib dems") == {"lib dem": True}
    flip = harness.add([person("Lib Dem"), person("Lib Dem"), person("Lib Dem")])
    harness.delete(flip)
    harness.add([person("Nordbank"), person("Nordbank")])


def test_a_new_outlet_makes_its_short_name_a_news_outlet(harness: Harness) -> None:
    harness.add([org("Courier"), person("Maria Lopez")])
    assert not _media(harness.store, "courier")
    harness.add([], outlet="Elden Courier")  # nothing mentioned, yet "Courier" is media now
    assert _media(harness.store, "courier")


def test_random_small_updates_match_a_full_rebuild(harness: Harness) -> None:
    rng = random.Random(20261121)
    names = [f"{first} {last}" for first in FIRST for last in LAST] + LAST
    names += ["Kyiv", "Lib Dem", "Lib Dems", "Nordbank", "Courier", "Reuters", "Anna Kyiv"]
    labels = ["PERSON"] * 6 + ["ORG", "ORG", "GPE"]
    contexts = [None] * 5 + ["place", "person", "org"]
    roles = [None] * 6 + ["mayor of Elden", "finance minister", "chief executive"]

    def mentions() -> list[Mention]:
        return [
            (rng.choice(names), rng.choice(labels), rng.choice(contexts), rng.choice(roles))
            for _ in range(rng.randint(1, 5))
        ]

    for _ in range(40):
        harness.add(mentions(), rng.choice(OUTLETS[:3]))
    for step in range(120):
        action = rng.random()
        if action < 0.5 or len(harness.articles) < 5:
            harness.add(mentions(), rng.choice(OUTLETS if step > 60 else OUTLETS[:3]))
        elif action < 0.75:
            harness.change(rng.choice(harness.articles), mentions())
        else:
            harness.delete(rng.choice(harness.articles))
    with harness.store.session() as session:
        keys = session.scalar(select(func.count(func.distinct(PeopleMentionRow.key))))
    assert 0 < max(harness.regions) < keys  # regions, not the whole store


def test_the_region_of_an_unrelated_name_leaves_the_rest_alone(harness: Harness) -> None:
    for first in FIRST:
        harness.add([person(f"{first} {last}") for last in LAST])
    harness.add([person("Greta Brandt"), person("Brandt"), org("Nordbank")])
    with harness.store.session() as session:
        stats = key_stats(session)
        region = find_region(session, stats, {"greta brandt", "nordbank"}, limit=10**6)
        assert region is not None
        # Greta and every other Brandt (who might own "Brandt"), nothing else
        assert region.keys == {"nordbank", "brandt", "greta brandt"} | {
            f"{fold(first)} brandt" for first in FIRST
        }
        assert find_region(session, stats, {"greta brandt"}, limit=5) is None


def test_a_region_too_large_falls_back_to_the_full_rebuild(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resolve_module, "MIN_REGION", 0)
    monkeypatch.setattr(resolve_module, "REGION_SHARE", 0.0)
    harness.add([person("John Smith"), person("Smith")])
    harness.add([person("Jane Smith"), org("Lib Dems")])


def _owners(store: Store, alias: str) -> dict[str, bool]:
    """Entity key → owns, for the entities this alias finds."""
    e, al = PeopleEntityRow, PeopleAliasRow
    with store.session() as session:
        query = select(e.key, al.owns).join(al, al.entity_id == e.id).where(al.alias == alias)
        return {key: bool(owns) for key, owns in session.execute(query)}


def _media(store: Store, key: str) -> bool:
    with store.session() as session:
        return bool(session.scalar(select(PeopleEntityRow.media).where(PeopleEntityRow.key == key)))


TEXTS = [  # written for this test
    "Port Elden mayor Maria Lopez said on Friday that the harbour bridge would reopen in May. "
    "Lopez told residents in Port Elden that the repairs were finished.",
    "Carlos Lopez, the chief executive of Nordbank, said profits rose sharply. Lopez told "
    "investors in Geneva that Nordbank would hire 200 staff.",
    "Greta Brandt, the chief economist of Nordbank, said inflation would ease this year. "
    "Brandt told clients of the Lib Dems that rates had peaked.",
]


@pytest.mark.slow
def test_update_people_resolves_each_update_as_a_full_rebuild_would(
    sqlite_url: str, tmp_path: Path
) -> None:
    """The real path: NER on new articles, cached statistics, the region rebuilt."""
    store = Store(sqlite_url)  # copied as a SQLite file below
    for day, text in enumerate(TEXTS, start=1):
        add_article(
            store, path=f"{day}.txt", text=text, outlet="Elden Courier",
            published=START + timedelta(days=day),
        )  # fmt: skip
        copy = tmp_path / f"before{day}.db"
        backup(tmp_path / "briefbot.db", copy)
        update_people(store)
        full = Store(f"sqlite:///{copy}")
        with full.session() as session:  # the same mentions, resolved from scratch
            session.execute(delete(PeopleMentionRow))
            session.execute(delete(PeopleSentenceRow))
            session.execute(delete(PeopleIndexedRow))
        update_people(full)
        assert _by_key(dump(store)) == _by_key(dump(full))
        full.close()
    assert _owners(store, "lopez") == {"maria lopez": False, "carlos lopez": False}
    store.close()


@pytest.mark.slow
def test_an_update_whose_resolution_failed_is_resolved_in_full_next_time(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its mentions are stored but its entities were rolled back: the next update cannot
    trust the statistics kept in memory, whatever it touches."""
    store = Store(sqlite_url)  # copied as a SQLite file below
    for day, text in enumerate(TEXTS[:2], start=1):
        add_article(store, path=f"{day}.txt", text=text, published=START + timedelta(days=day))
        if day == 1:
            update_people(store)
    real = index_module.resolve

    def fails(*args: object, **kwargs: object) -> int:
        real(*args, **kwargs)  # type: ignore[arg-type]
        raise OSError("disk full")

    monkeypatch.setattr(index_module, "resolve", fails)
    with pytest.raises(OSError, match="disk full"):
        update_people(store)  # Carlos Lopez's article: mentions kept, entities rolled back
    monkeypatch.undo()
    add_article(store, path="3.txt", text=TEXTS[2], published=START + timedelta(days=3))
    update_people(store)
    assert "carlos lopez" in _owners(store, "lopez")
    copy = tmp_path / "copy.db"
    backup(tmp_path / "briefbot.db", copy)
    full = Store(f"sqlite:///{copy}")
    with full.session() as session:
        resolve(session, None)
    assert dump(store) == dump(full)
    full.close()
    store.close()


def _by_key(state: tuple[list[tuple[object, ...]], set[tuple[str, int, bool]]]) -> object:
    """Entities and aliases with entity keys for ids (a fresh store numbers them anew)."""
    entities, aliases = state
    keys = {row[0]: row[1] for row in entities}
    return {row[1:] for row in entities}, {(a, keys[e], owns) for a, e, owns in aliases}
