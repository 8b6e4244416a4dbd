"""Name resolution after one new article: the touched region only vs a full rebuild.

Two stores: a synthetic one (``--articles`` articles naming tens of thousands of distinct
generated people, organisations and places, written straight as mention rows), and, when
given (``--store``: a store saved by ``bench/pipeline.py --keep PATH``), a copy of that real
store, never the file itself. Each store is resolved once in
full; then, ``--updates`` times, one article is added (synthetic: generated names, some new;
real: the mentions of a random stored article again) and resolution is timed both ways on
the same state: incremental (``resolve(session, touched)``) and the full rebuild it
replaces (``whole=True``), each rolled back; the first few are checked to write the same
entities. The incremental one is then kept so the next update starts from it.

    python bench/resolve.py [--articles 10000] [--updates 20] [--store PATH]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from summarizer.people.names import fold  # noqa: E402
from summarizer.people.region import find_region  # noqa: E402
from summarizer.people.resolve import MIN_REGION, REGION_SHARE, resolve  # noqa: E402
from summarizer.people.stats import KeyStats, key_stats, refreshed_stats  # noqa: E402
from summarizer.store import Store  # noqa: E402
from summarizer.store.articles import ArticleRow  # noqa: E402
from summarizer.store.people import (  # noqa: E402
    PeopleAliasRow,
    PeopleEntityRow,
    PeopleMentionRow,
    PeopleSentenceRow,
)

START = datetime(2025, 1, 1, tzinfo=UTC)
SYLLABLES = [
    *("ka", "lo", "mir", "ven", "ta", "ro", "bel", "san", "dor", "fi", "gra", "hul", "jen"),
    *("ko", "lan", "mar", "nor", "pet", "qua", "ris", "sol", "tev", "ur", "vas", "wen", "yor"),
    *("zel", "bra", "cor", "dem", "el", "fan", "gor", "hin", "ix", "jul"),
]
ORG_WORDS = ["Holdings", "Council", "Bank", "Party", "Group", "Institute", "Union", "Trust"]
ROLES = ["finance minister", "chief executive", "mayor of Elden", "party leader", "envoy"]
OUTLETS = ["North Gazette", "Daily Ledger", "Port Times", "Elden Courier"]
Mention = tuple[str, str, str | None, str | None]
"""(name, label, context, role)"""


class Names:
    """A synthetic population: first names, surnames, people, organisations and places."""

    def __init__(self, rng: random.Random, people: int) -> None:
        self.rng = rng
        firsts = sorted({self.word(2) for _ in range(900)})
        lasts = sorted({self.word(3) for _ in range(people // 5)})
        self.people = sorted({f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(people)})
        self.orgs = sorted(
            {f"{self.word(2)} {rng.choice(ORG_WORDS)}" for _ in range(people // 4)}
            | {self.word(3).upper()[:5] for _ in range(people // 20)}
        )
        self.places = sorted({self.word(2) for _ in range(people // 20)})
        self.fresh = 0

    def word(self, syllables: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()

    def article(self) -> list[Mention]:
        """About ten mentions: well-known and obscure people (some by surname only),
        organisations, places (which the model sometimes calls people)."""
        rng, mentions = self.rng, []
        popular = [self.people[int(300 * rng.random() ** 3)] for _ in range(2)]
        for name in popular + [rng.choice(self.people) for _ in range(4)]:
            for _ in range(rng.randint(1, 2)):  # a role with one mention in 15, as in news
                role = rng.choice(ROLES) if rng.random() < 1 / 15 else None
                mentions.append((name, "PERSON", None, role))
        mentions.append((rng.choice(self.people).split()[-1], "PERSON", None, None))
        mentions += [(rng.choice(self.orgs), "ORG", None, None) for _ in range(2)]
        place = rng.choice(self.places)
        mentions.append((place, rng.choice(["GPE", "GPE", "PERSON"]), "place", None))
        return mentions

    def new_article(self) -> list[Mention]:
        """An article naming one person never seen before, besides the usual."""
        self.fresh += 1
        newcomer = f"{self.word(2)} {self.word(3)}{'a' * self.fresh}"
        return self.article() + [(newcomer, "PERSON", None, None)] * 2


def add_article(session: Session, mentions: list[dict[str, object]], day: int) -> set[str]:
    """Insert one article with one sentence holding these mention rows (key, name, label,
    context, role); returns their keys."""
    article = session.scalar(insert(ArticleRow).returning(ArticleRow.id), _article_row(day))
    sentence = session.scalar(
        insert(PeopleSentenceRow).returning(PeopleSentenceRow.id),
        {"article_id": article, "position": 0, "text": "A sentence.", "readable": True},
    )
    rows = [
        {"sentence_id": sentence, "article_id": article, "surface": row["name"], **row}
        for row in mentions
    ]
    session.execute(insert(PeopleMentionRow), rows)
    return {str(row["key"]) for row in rows}


def rows_of(mentions: list[Mention]) -> list[dict[str, object]]:
    keys = ("name", "label", "context", "role")
    return [{"key": fold(m[0]), **dict(zip(keys, m, strict=True))} for m in mentions]


def _article_row(day: int) -> dict[str, object]:
    text = f"Synthetic article {day}."
    published = START + timedelta(hours=day)
    return {
        "path": f"synthetic/{day}.txt",
        "headline": None,
        "outlet": OUTLETS[day % len(OUTLETS)],
        "url": None,
        "published": published,
        "language": "en",
        "text": text,
        "content_hash": str(day),
        "fingerprint": "",
        "version": 1,
        "file_size": len(text),
        "file_mtime": 0.0,
        "ingested_at": published,
        "updated_at": published,
    }


def build_synthetic(store: Store, names: Names, articles: int) -> None:
    with Session(store.engine) as session:
        for day in range(articles):
            add_article(session, rows_of(names.article()), day)
        session.commit()


def timed(work: Callable[..., object], *args: object, **kwargs: object) -> float:
    began = time.perf_counter()
    work(*args, **kwargs)
    return time.perf_counter() - began


def dump(session: Session) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    e, al = PeopleEntityRow, PeopleAliasRow
    entities = set(session.execute(select(e.__table__)))
    aliases = set(session.execute(select(al.alias, al.entity_id, al.owns)))
    return entities, aliases


def updates(
    store: Store, next_article: Callable[[Session, int], set[str]], count: int, first_day: int
) -> dict[str, list[float]]:
    """Time ``count`` one-article updates both ways; returns the samples (seconds)."""
    samples: dict[str, list[float]] = {"stats": [], "incremental": [], "full": [], "region": []}
    with Session(store.engine) as session:
        stats: dict[str, KeyStats] = key_stats(session)
        resolve(session, None, stats=stats)  # the store as this version resolves it
        session.commit()
    for update in range(count):
        with Session(store.engine) as session:
            touched = next_article(session, first_day + update)
            session.commit()
            began = time.perf_counter()
            refreshed = refreshed_stats(session, stats, touched)
            samples["stats"].append(time.perf_counter() - began)
            assert refreshed is not None
            limit = max(MIN_REGION, int(REGION_SHARE * len(refreshed)))
            region = find_region(session, refreshed, touched, limit)
            samples["region"].append(len(region.keys) if region else float("nan"))
            samples["full"].append(timed(resolve, session, touched, stats=refreshed, whole=True))
            expected = dump(session) if update < 3 else None
            session.rollback()
            samples["incremental"].append(timed(resolve, session, touched, stats=refreshed))
            if expected is not None and dump(session) != expected:
                sys.exit(f"update {update}: incremental and full resolution differ")
            session.commit()
            stats = refreshed
    return samples


def report(title: str, store: Store, samples: dict[str, list[float]]) -> None:
    with Session(store.engine) as session:
        articles = session.scalar(select(func.count(ArticleRow.id)))
        keys = session.scalar(select(func.count(func.distinct(PeopleMentionRow.key))))
        entities = session.scalar(select(func.count(PeopleEntityRow.id)))
    inc = statistics.median(samples["incremental"]) * 1000
    full = statistics.median(samples["full"]) * 1000
    inc_max, full_max = max(samples["incremental"]) * 1000, max(samples["full"]) * 1000
    region = statistics.median(samples["region"])
    print(f"\n{title}: {articles:,} articles, {keys:,} distinct names, {entities:,} entities")
    print(f"{'figure (one new article, ms)':<48}{'ours':>10}{'baseline':>10}{'ratio':>8}")
    print(f"{'resolution, median: region vs full rebuild':<48}{inc:>10.1f}{full:>10.1f}"
          f"{full / inc:>7.0f}x")  # fmt: skip
    print(f"{'resolution, worst: region vs full rebuild':<48}{inc_max:>10.1f}{full_max:>10.1f}"
          f"{full_max / inc_max:>7.0f}x")  # fmt: skip
    stats_ms = statistics.median(samples["stats"]) * 1000
    print(f"{'with the key statistics re-read first (median)':<48}{stats_ms + inc:>10.1f}"
          f"{stats_ms + full:>10.1f}{(stats_ms + full) / (stats_ms + inc):>7.0f}x")  # fmt: skip
    print(f"median region: {region:.0f} names of {keys:,}; statistics {stats_ms:.1f} ms")


def copy_database(source: Path, target: Path) -> None:
    """Read-only (the source is never written, not even its WAL); closed after."""
    with (
        closing(sqlite3.connect(f"file:{source}?immutable=1", uri=True)) as a,
        closing(sqlite3.connect(target)) as b,
    ):
        a.backup(b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="synthetic store size")
    parser.add_argument("--people", type=int, default=100_000, help="synthetic population")
    parser.add_argument("--updates", type=int, default=20, help="one-article updates timed")
    parser.add_argument(
        "--store", type=Path, help="a real store saved by bench/pipeline.py --keep (copied)"
    )
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory(prefix="bench-resolve-") as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'synthetic.db'}")
        names = Names(rng, args.people)
        began = time.perf_counter()
        build_synthetic(store, names, args.articles)
        print(f"synthetic store written in {time.perf_counter() - began:.0f} s")

        def synthetic(session: Session, day: int) -> set[str]:
            return add_article(session, rows_of(names.new_article()), day)

        samples = updates(store, synthetic, args.updates, args.articles)
        report("synthetic store", store, samples)
        store.close()
        if args.store is None or not args.store.is_file():
            return
        copy = Path(tmp) / "real.db"
        copy_database(args.store, copy)
        store = Store(f"sqlite:///{copy}")
        with Session(store.engine) as session:
            ids = list(session.scalars(select(PeopleMentionRow.article_id).distinct()))

        def real(session: Session, day: int) -> set[str]:
            m = PeopleMentionRow
            query = select(m.key, m.name, m.label, m.context, m.role, m.quote)
            chosen = session.execute(query.where(m.article_id == rng.choice(ids)))
            return add_article(session, [dict(row._mapping) for row in chosen], day)

        samples = updates(store, real, args.updates, 10**6)
        report(f"copy of {args.store}", store, samples)
        store.close()


if __name__ == "__main__":
    main()
