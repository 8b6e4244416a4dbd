"""``briefbot digest`` / ``story`` as a user runs them, and the seeds end to end."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

import bot.cli.briefs  # noqa: F401  (registers the commands)
from bot.cli.app import app
from bot.cli.briefs import parse_since
from tests.briefing_fixtures import HARBOUR

runner = CliRunner()


def test_parse_since_durations_and_dates() -> None:
    now = datetime(2026, 3, 4, 12, tzinfo=UTC)
    assert parse_since("24h", now) == now - timedelta(hours=24)
    assert parse_since("90m", now) == now - timedelta(minutes=90)
    assert parse_since("2w", now) == now - timedelta(weeks=2)
    assert parse_since("2026-03-01", now) == datetime(2026, 3, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match="use a duration like 24h"):
        parse_since("yesterday", now)


def test_a_bad_since_is_refused_with_a_clear_message(database_url: str) -> None:
    result = runner.invoke(app, ["--database-url", database_url, "digest", "--since", "soon"])
    assert result.exit_code == 2
    assert "--since 'soon': use a duration like 24h" in result.output


def test_an_unknown_story_says_how_to_find_one(database_url: str) -> None:
    result = runner.invoke(app, ["--database-url", database_url, "story", "42"])
    assert result.exit_code == 1
    assert "no story 42; `briefbot digest` lists the stories" in result.output


def test_digest_on_an_empty_store_says_so(database_url: str) -> None:
    result = runner.invoke(app, ["--database-url", database_url, "digest", "--no-update"])
    assert result.exit_code == 0, result.output
    assert "No stories." in result.output


def test_digest_takes_any_positive_limit(database_url: str) -> None:
    args = ["--database-url", database_url, "digest", "--no-update", "--limit"]
    assert runner.invoke(app, [*args, "80"]).exit_code == 0
    refused = runner.invoke(app, [*args, "0"])
    assert refused.exit_code == 2 and "--limit" in refused.output


@pytest.mark.slow
def test_digest_clusters_new_articles_then_prints_cited_points(database_url, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, (outlet, headline, text) in enumerate(HARBOUR):
        title = f"{headline}\n\n" if headline else ""
        path = corpus / f"{number}.txt"
        path.write_text(f"{title}{text}\n\n– {outlet}\n", encoding="utf-8")
        os.utime(path, (time.time() - 3600, time.time() - 3600))  # settled: no longer written
    ingest = runner.invoke(app, ["--database-url", database_url, "ingest", "--corpus", str(corpus)])
    assert ingest.exit_code == 0, ingest.output
    result = runner.invoke(app, ["--database-url", database_url, "digest", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    story = document["stories"][0]
    assert story["rank"] == 1 and story["points"]
    assert all({"text", "outlet", "article"} <= set(p) for p in story["points"])
    shown = runner.invoke(app, ["--database-url", database_url, "story", str(story["id"])])
    assert shown.exit_code == 0, shown.output
    assert story["headline"] in shown.output and "Sources:" in shown.output


@pytest.mark.slow
def test_seeds_digest_first_story_cites_three_outlets(database_url, seeds_dir) -> None:
    ingest = runner.invoke(
        app, ["--database-url", database_url, "ingest", "--corpus", str(seeds_dir)]
    )
    assert ingest.exit_code == 0, ingest.output
    result = runner.invoke(app, ["--database-url", database_url, "digest", "--json"])
    assert result.exit_code == 0, result.output
    first = json.loads(result.output)["stories"][0]
    assert {"France24", "The Moscow Times", "The Independent"} <= set(first["outlets"])
    texts = [p["text"] for p in first["points"]]
    assert 2 <= len(texts) <= 4 and len(set(texts)) == len(texts)
    boiler = ("support", "subscribe", "optimized by", "dear readers", "#")
    assert not any(word in t.lower() for t in texts for word in boiler)


SEED_DATES = {
    "000": datetime(2025, 3, 17, 9, tzinfo=UTC),
    "001": datetime(2025, 3, 16, 12, tzinfo=UTC),
    "002": datetime(2025, 4, 22, 9, tzinfo=UTC),
    "003": datetime(2025, 3, 16, 18, tzinfo=UTC),
    "004": datetime(2025, 3, 14, 15, tzinfo=UTC),
}
"""When each seed was published, as its own text dates it ("the Kremlin said Friday", "a
televised interview aired Monday" after the Easter truce): a scraper that keeps dates
(file times, front matter or JSON ``published``) hands Briefbot these."""


@pytest.mark.slow
def _ingest_dated_seeds(database_url, seeds_dir, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    for path in corpus.iterdir():
        stamp = SEED_DATES[path.name[:3]].timestamp()
        os.utime(path, (stamp, stamp))
    ingest = runner.invoke(app, ["--database-url", database_url, "ingest", "--corpus", str(corpus)])
    assert ingest.exit_code == 0, ingest.output


def test_seeds_with_their_publication_dates_give_two_stories(database_url, seeds_dir, tmp_path):
    _ingest_dated_seeds(database_url, seeds_dir, tmp_path)
    result = runner.invoke(
        app, ["--database-url", database_url, "digest", "--since", "2025-03-01", "--json"]
    )
    assert result.exit_code == 0, result.output
    stories = json.loads(result.output)["stories"]
    assert len(stories) == 2
    march, april = stories
    assert set(march["outlets"]) == {"France24", "The Moscow Times", "The Independent"}
    assert len(march["articles"]) == 4 and len(april["articles"]) == 1
    assert not any("civilian infrastructure" in p["text"] for p in march["points"])


def test_the_dated_seeds_digest_has_short_headlines_and_fits_one_telegram_message(
    database_url, seeds_dir, tmp_path
):
    """Before, story 2 (a seed without a headline) was headed by its 328-character lede."""
    _ingest_dated_seeds(database_url, seeds_dir, tmp_path)
    result = runner.invoke(app, ["--database-url", database_url, "digest", "--since", "2025-03-01"])
    assert result.exit_code == 0, result.output
    text = result.output
    headlines = [line for line in text.splitlines() if line[:3] in ("1. ", "2. ")]
    assert len(headlines) == 2, text
    for line in headlines:
        headline = line[3:].removesuffix(" [new]")
        assert len(headline) <= 90 and not headline.endswith("."), headline
    assert (
        "2. Vladimir Putin has expressed a willingness to engage in direct talks with Ukraine"
        in (text)
    )
    assert len(text.encode("utf-16-le")) // 2 <= 4096
    assert "more: briefbot story" in text
    assert "Organisations: Kremlin" in text
    assert not any("Kremlin" in line for line in text.splitlines() if "People:" in line)


def test_an_empty_search_is_refused_with_an_example(database_url: str) -> None:
    result = runner.invoke(app, ["--database-url", database_url, "search", "  "])
    assert result.exit_code == 2
    assert "the search query is empty; give some words" in result.output
