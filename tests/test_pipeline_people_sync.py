"""Name resolution after an update rewrites only what changed, yet ends as a full rebuild would."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, select, update

from summarizer.people import update_people
from summarizer.people.resolve import resolve
from summarizer.store import Store
from summarizer.store.articles import ArticleRow
from summarizer.store.people import PeopleAliasRow, PeopleEntityRow, PeopleMentionRow
from tests.article_rows import add_article

pytestmark = pytest.mark.slow

TEXTS = {  # written for these tests
    "lopez": "Port Elden mayor Maria Lopez said on Friday that the harbour bridge would reopen "
    "in May. Lopez told residents the repairs were finished ahead of schedule.",
    "okafor": "Coach Daniel Okafor said his team had trained hard all winter. Okafor expects "
    "a close match against Harbour United on Saturday afternoon.",
    "carlos": "Carlos Lopez, the chief executive of Nordbank, said profits rose sharply. Lopez "
    "told investors in Geneva that the bank would hire 200 staff.",
    "brandt": "Greta Brandt, the chief economist of Nordbank, said inflation would ease this "
    "year. Brandt told clients that interest rates had probably peaked.",
}


def add(store: Store, key: str, day: int) -> int:
    return add_article(
        store,
        path=f"{key}.txt",
        text=TEXTS[key],
        outlet=f"{key.title()} Gazette",
        published=datetime(2026, 5, day, tzinfo=UTC),
    )


def state(store: Store) -> tuple[dict[str, tuple[object, ...]], set[tuple[str, str, bool]]]:
    """Entities by key (every column but the id) and aliases as (alias, entity key, owns)."""
    e, al = PeopleEntityRow, PeopleAliasRow
    with store.session() as session:
        entities = {
            row.key: (row.name, row.kind, row.media, row.role, row.mentions, row.articles,
                      row.outlets, row.first_seen, row.last_seen)
            for row in session.scalars(select(e))
        }  # fmt: skip
        query = select(al.alias, e.key, al.owns).join(e, e.id == al.entity_id)
        aliases = {(alias, key, bool(owns)) for alias, key, owns in session.execute(query)}
    return entities, aliases


def rebuilt(store: Store) -> tuple[dict[str, tuple[object, ...]], set[tuple[str, str, bool]]]:
    """The same tables after resolving from scratch (emptied first)."""
    with store.session() as session:
        session.execute(delete(PeopleAliasRow))
        session.execute(delete(PeopleEntityRow))
        resolve(session)
    return state(store)


def entity_ids(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {
            key: i for key, i in session.execute(select(PeopleEntityRow.key, PeopleEntityRow.id))
        }


def test_each_update_ends_as_a_full_rebuild_would(database_url: str) -> None:
    store = Store(database_url)
    add(store, "lopez", 1)
    add(store, "okafor", 2)
    update_people(store)
    assert state(store) == rebuilt(store)

    carlos = add(store, "carlos", 3)  # "Lopez" becomes ambiguous
    add(store, "brandt", 4)
    report = update_people(store)
    assert report.indexed == 2
    incremental = state(store)
    assert incremental == rebuilt(store)
    assert {"lopez", "maria lopez", "carlos lopez"} <= {a for a, _, _ in incremental[1]}

    with store.session() as session:
        session.execute(
            update(ArticleRow).where(ArticleRow.id == carlos).values(deleted_at=datetime.now(UTC))
        )
    update_people(store)
    assert state(store) == rebuilt(store)
    store.close()


def test_unchanged_entities_keep_their_ids(database_url: str) -> None:
    store = Store(database_url)
    add(store, "lopez", 1)
    add(store, "okafor", 2)
    update_people(store)
    before = entity_ids(store)
    add(store, "brandt", 3)
    update_people(store)
    after = entity_ids(store)
    assert before and all(after[key] == before[key] for key in before if key in after)
    assert set(after) > set(before)
    store.close()


def test_changes_made_behind_its_back_are_noticed(database_url: str) -> None:
    """Key statistics kept between updates are checked against the stored mentions."""
    store = Store(database_url)
    add(store, "lopez", 1)
    add(store, "carlos", 2)
    update_people(store)
    with store.session() as session:  # as another process re-indexing "carlos" might
        session.execute(delete(PeopleMentionRow).where(PeopleMentionRow.key == "carlos lopez"))
    add(store, "brandt", 3)
    update_people(store)
    incremental = state(store)
    assert "carlos lopez" not in incremental[0]
    assert incremental == rebuilt(store)
    store.close()
