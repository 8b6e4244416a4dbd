"""After an upgrade that changes the people extractor, old articles are indexed again."""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import func, insert, inspect, select, update

from summarizer.people import behind, update_people, who
from summarizer.people.extract import EXTRACTOR, RULES, load_nlp
from summarizer.people.resolve import resolve
from summarizer.store import Store
from summarizer.store.migrate import alembic_config
from summarizer.store.people import (
    PeopleAliasRow,
    PeopleEntityRow,
    PeopleIndexedRow,
    PeopleMentionRow,
    PeopleSentenceRow,
)
from tests.article_rows import add_article
from tests.people_texts import TEXTS

pytestmark = pytest.mark.slow

NOW = datetime(2026, 6, 1, tzinfo=UTC)
OLD = "0/en_core_web_sm-3.7.1"


def add(store: Store, key: str) -> int:
    return add_article(
        store,
        path=f"{key}.txt",
        text=TEXTS[key],
        outlet=f"{key.title()} Gazette",
        published=datetime(2026, 5, 1, tzinfo=UTC),
    )


def set_extractor(store: Store, article_id: int, extractor: str | None) -> None:
    """What an older release left: the article indexed by another (or an unrecorded) one."""
    with store.session() as session:
        ix = PeopleIndexedRow
        session.execute(update(ix).where(ix.article_id == article_id).values(extractor=extractor))


def counts(store: Store) -> tuple[int, int]:
    with store.session() as session:
        mentions = session.scalar(select(func.count(PeopleMentionRow.id)))
        sentences = session.scalar(select(func.count(PeopleSentenceRow.id)))
    return mentions or 0, sentences or 0


def extractors(store: Store) -> dict[int, str | None]:
    with store.session() as session:
        ix = PeopleIndexedRow
        rows = session.execute(select(ix.article_id, ix.extractor))
        return {article: extractor for article, extractor in rows}


def test_extractor_names_the_rules_and_the_loaded_model() -> None:
    meta = load_nlp().meta
    assert f"{RULES}/{meta['lang']}_{meta['name']}-{meta['version']}" == EXTRACTOR
    assert len(EXTRACTOR) <= 100  # fits the column


def test_articles_of_another_extractor_are_indexed_again(database_url: str, caplog) -> None:
    store = Store(database_url)
    lopez, okafor, brandt = (add(store, key) for key in ("lopez", "okafor", "brandt"))
    first = update_people(store)
    assert (first.indexed, first.reindexed) == (3, 0)
    assert set(extractors(store).values()) == {EXTRACTOR}
    before = who(store, "Maria Lopez", now=NOW)
    stored = counts(store)

    set_extractor(store, lopez, OLD)
    set_extractor(store, okafor, None)  # indexed before extractors were recorded
    assert behind(store) == 0  # `/who` still answers from them: nothing is missing
    with caplog.at_level(logging.INFO, logger="summarizer.people.index"):
        report = update_people(store)
    assert (report.indexed, report.reindexed, report.removed) == (2, 2, 0)
    assert (
        f"re-indexing 2 articles: people extractor changed from {OLD} (1), unknown (1) "
        f"to {EXTRACTOR}"
    ) in caplog.messages
    assert counts(store) == stored  # replaced, not added to
    assert extractors(store) == {lopez: EXTRACTOR, okafor: EXTRACTOR, brandt: EXTRACTOR}
    after = who(store, "Maria Lopez", now=NOW)
    assert after.status == before.status == "found"
    assert (after.name, after.role, after.articles) == (before.name, before.role, before.articles)
    assert [f.text for f in after.facts] == [f.text for f in before.facts]
    assert who(store, "Okafor", now=NOW).name == "Daniel Okafor"

    caplog.clear()
    again = update_people(store)
    assert (again.indexed, again.reindexed) == (0, 0) and not caplog.messages
    store.close()


def test_reindexing_can_wait_while_new_articles_are_indexed(database_url: str) -> None:
    """``reindex=False`` (a question that must be answered now) indexes only what is missing."""
    store = Store(database_url)
    lopez = add(store, "lopez")
    update_people(store)
    set_extractor(store, lopez, OLD)
    brandt = add(store, "brandt")
    assert behind(store) == 1
    report = update_people(store, reindex=False)
    assert (report.indexed, report.reindexed) == (1, 0)
    assert extractors(store) == {lopez: OLD, brandt: EXTRACTOR}
    assert who(store, "Brandt", now=NOW).role == "chief economist of Nordbank"
    assert update_people(store).reindexed == 1
    assert extractors(store)[lopez] == EXTRACTOR
    store.close()


def test_a_name_the_new_extractor_does_not_find_stops_resolving(database_url: str) -> None:
    store = Store(database_url)
    okafor = add(store, "okafor")
    add(store, "lopez")
    update_people(store)
    with store.session() as session:  # the old extractor's reading of the article
        m = PeopleMentionRow
        session.execute(
            update(m)
            .where(m.article_id == okafor, m.key == "daniel okafor")
            .values(key="quentin zephyr", name="Quentin Zephyr")
        )
        resolve(session)
    assert who(store, "Quentin Zephyr", now=NOW).status == "found"
    set_extractor(store, okafor, OLD)

    assert update_people(store).reindexed == 1
    assert who(store, "Quentin Zephyr", now=NOW).status == "unknown"
    assert who(store, "Daniel Okafor", now=NOW).status == "found"
    with store.session() as session:
        keys = set(session.scalars(select(PeopleEntityRow.key)))
        aliases = set(session.scalars(select(PeopleAliasRow.alias)))
    assert "quentin zephyr" not in keys | aliases and "daniel okafor" in keys
    store.close()


def test_a_store_indexed_at_revision_0003_is_indexed_again(database_url: str, caplog) -> None:
    old = Store(database_url, migrate=False)
    config = alembic_config()
    with old.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003_people")
    article = add(old, "brandt")
    with old.session() as session:  # as the former release indexed it, with a name now gone
        session.execute(
            insert(PeopleIndexedRow.__table__).values(
                article_id=article,
                version=1,
                content_hash=hashlib.sha256(TEXTS["brandt"].encode()).hexdigest(),
                mentions=1,
                indexed_at=NOW,
            )
        )
        session.execute(
            insert(PeopleSentenceRow.__table__).values(
                id=1, article_id=article, position=0, text="Old sentence.", readable=True
            )
        )
        session.execute(
            insert(PeopleMentionRow.__table__).values(
                sentence_id=1,
                article_id=article,
                key="nord",
                name="Nord",
                surface="Nord",
                label="ORG",
            )
        )
    old.close()

    store = Store(database_url)  # upgrades to head
    assert "extractor" in {c["name"] for c in inspect(store.engine).get_columns("people_indexed")}
    assert extractors(store) == {article: None}
    with caplog.at_level(logging.INFO, logger="summarizer.people.index"):
        report = update_people(store)
    assert (report.indexed, report.reindexed) == (1, 1)
    assert any("changed from unknown (1) to" in message for message in caplog.messages)
    assert extractors(store) == {article: EXTRACTOR}
    with store.session() as session:
        keys = set(session.scalars(select(PeopleMentionRow.key)))
    assert "nord" not in keys and "greta brandt" in keys
    assert who(store, "Greta Brandt", now=NOW).role == "chief economist of Nordbank"
    store.close()


def test_the_migration_goes_back_down(database_url: str) -> None:
    store = Store(database_url)
    config = alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003_people")
    columns = {c["name"] for c in inspect(store.engine).get_columns("people_indexed")}
    store.close()
    assert "extractor" not in columns and "content_hash" in columns


def test_who_answers_between_the_batches_of_a_reindex(database_url: str) -> None:
    """Each batch is committed alone: a question meanwhile finds old or new rows, never none."""
    store = Store(database_url)
    articles = [add(store, key) for key in ("lopez", "okafor", "brandt")]
    update_people(store)
    for article in articles:
        set_extractor(store, article, OLD)
    seen: list[tuple[int, list[str | None]]] = []

    def ask(done: int, total: int) -> None:
        names = [who(store, name, now=NOW).name for name in ("Lopez", "Okafor", "Brandt")]
        new = sum(extractor == EXTRACTOR for extractor in extractors(store).values())
        seen.append((new, names))

    report = update_people(store, batch_size=1, progress=ask)
    assert report.reindexed == 3
    everyone = ["Maria Lopez", "Daniel Okafor", "Greta Brandt"]
    assert seen == [(1, everyone), (2, everyone), (3, everyone)]
    store.close()
