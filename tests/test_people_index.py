"""The people index is incremental and stored; the CLI indexes first when behind."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from summarizer.people import behind, update_people, who
from summarizer.store import Base, Store
from summarizer.store.articles import ArticleRow
from tests.article_rows import add_article
from tests.people_texts import TEXTS

pytestmark = pytest.mark.slow

NOW = datetime(2026, 5, 2, tzinfo=UTC)


def add(store: Store, key: str, text: str | None = None, day: int = 1) -> int:
    return add_article(
        store,
        path=f"{key}.txt",
        text=text or TEXTS[key],
        outlet=f"{key.title()} Gazette",
        published=datetime(2026, 5, day, tzinfo=UTC),
    )


def test_only_new_changed_or_deleted_articles_are_reindexed(database_url: str) -> None:
    store = Store(database_url)
    lopez = add(store, "lopez")
    add(store, "okafor")
    assert behind(store) == 2
    assert update_people(store).indexed == 2
    assert behind(store) == 0 and update_people(store).indexed == 0
    add(store, "brandt", day=2)
    report = update_people(store)
    assert (report.indexed, report.removed) == (1, 0)
    assert who(store, "Brandt", now=NOW).role == "chief economist of Nordbank"

    changed = "Port Elden mayor Ines Ferreira opened the harbour bridge on Monday morning."
    with store.session() as session:
        row = session.get(ArticleRow, lopez)
        row.text, row.version = changed, 2
        row.content_hash = hashlib.sha256(changed.encode()).hexdigest()
    assert update_people(store).indexed == 1
    assert who(store, "Maria Lopez", now=NOW).status == "unknown"
    assert who(store, "Ferreira", now=NOW).role == "Port Elden mayor"

    with store.session() as session:
        session.get(ArticleRow, lopez).deleted_at = NOW
    assert update_people(store).removed == 1
    assert who(store, "Ferreira", now=NOW).status == "unknown"
    store.close()


def test_articles_not_in_english_are_marked_but_not_tagged(database_url: str) -> None:
    store = Store(database_url)
    article = add(store, "brandt", "Bundeskanzler Olaf Scholz sagte am Montag in Berlin etwas.")
    with store.session() as session:
        session.get(ArticleRow, article).language = "de"
    report = update_people(store)
    assert (report.indexed, report.mentions) == (1, 0) and behind(store) == 0
    assert who(store, "Scholz", now=NOW).status == "unknown"
    store.close()


def test_cli_indexes_then_answers_in_json(database_url: str) -> None:
    import bot.cli.people  # noqa: F401  (registers the command)
    from bot.cli.app import app

    store = Store(database_url)
    add(store, "okafor")
    store.close()
    runner = CliRunner()
    result = runner.invoke(app, ["--database-url", database_url, "who", "Okafor", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["status"] == "found" and data["name"] == "Daniel Okafor"
    assert data["role"] == "Coach"
    unknown = runner.invoke(app, ["--database-url", database_url, "who", "Okafro"])
    assert unknown.exit_code == 1 and "Did you mean: Daniel Okafor?" in unknown.stdout
    usage = runner.invoke(app, ["--database-url", database_url, "who"])
    assert usage.exit_code == 2 and "Usage: /who NAME" in usage.stdout


def test_people_migration_matches_the_models(database_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import summarizer.store.people  # noqa: F401  (registers the people tables)

    store = Store(database_url)
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    store.close()
    ours = [d for d in diff if "people_" in repr(d)]
    assert ours == []


def test_who_reads_the_index_without_the_model(database_url: str, monkeypatch) -> None:
    store = Store(database_url)
    add(store, "okafor")
    update_people(store)
    import summarizer.people.extract as extract

    monkeypatch.setattr(extract, "load_nlp", lambda full=False: pytest.fail("NER at question"))
    answer = who(store, "Daniel Okafor", now=NOW + timedelta(days=1))
    assert answer.status == "found" and answer.facts
    with store.session() as session:
        assert session.scalar(select(ArticleRow.id)) is not None
    store.close()


def test_ingested_seeds_answer_who_from_the_cli(database_url: str, tmp_path, seeds_dir) -> None:
    """``briefbot ingest`` then ``briefbot who``: the index catches up on the first question."""
    import os
    import shutil

    ingest = pytest.importorskip("summarizer.ingest")
    import bot.cli.people  # noqa: F401  (registers the command)
    from bot.cli.app import app
    from summarizer.config import PipelineConfig

    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    for path in corpus.iterdir():
        os.utime(path, (0, 0))  # long stable, as the watcher requires
    store = Store(database_url)
    ingest.ingest_corpus(store, corpus, PipelineConfig(corpus_dir=corpus, stable_seconds=0))
    store.close()
    result = CliRunner().invoke(app, ["--database-url", database_url, "who", "Witkoff", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["name"] == "Steve Witkoff" and "envoy" in data["role"]
    assert "France24" in data["outlets"]
