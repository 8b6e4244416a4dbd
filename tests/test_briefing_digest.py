"""Digests and story briefings over a real SQLite store, clustered by the stories module."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from summarizer.briefing import build_digest, story_briefing
from summarizer.config import PipelineConfig
from summarizer.models import Article
from summarizer.store import Store
from tests.article_rows import article_row
from tests.briefing_fixtures import harbour_articles

pytestmark = pytest.mark.slow

NOW = datetime(2026, 3, 4, 12, tzinfo=UTC)

CHESS = Article(
    id=0,
    path="chess.txt",
    headline="Teenager wins the Lakeside chess open",
    outlet="Board Weekly",
    url=None,
    published=datetime(2026, 3, 3, 18, tzinfo=UTC),
    language="en",
    text=(
        "A sixteen-year-old player from Orlov won the Lakeside chess open on Monday, beating "
        "four grandmasters on the way to the title.\n\n"
        "The tournament drew three hundred players from nineteen countries this year."
    ),
    content_hash="chess",
    version=1,
)


def _add(store: Store, articles: list[Article], ingested: datetime) -> None:
    with store.session() as session:
        for article in articles:
            session.add(
                article_row(
                    path=article.path,
                    text=article.text,
                    published=article.published,
                    outlet=article.outlet,
                    headline=article.headline,
                    content_hash=article.content_hash,
                    ingested_at=ingested,
                    updated_at=ingested,
                )
            )


def _cluster(store: Store, config: PipelineConfig, at: datetime) -> None:
    from summarizer.stories import update_stories

    update_stories(store, config, clock=lambda: at)


@pytest.fixture
def world(database_url: str):
    config = PipelineConfig(database_url=database_url, corpus_dir=Path("unused"))
    store = Store(database_url)
    harbour = harbour_articles()
    _add(store, [*harbour[:2], CHESS], NOW - timedelta(hours=30))
    _cluster(store, config, NOW - timedelta(hours=30))
    _add(store, harbour[2:], NOW - timedelta(hours=2))  # the third outlet reports later
    _cluster(store, config, NOW - timedelta(hours=2))
    yield store, config
    store.close()


def test_digest_ranks_the_three_outlet_story_first_with_cited_points(world) -> None:
    store, config = world
    digest = build_digest(store, config, since=None, limit=5, topic=None, now=NOW)
    assert [len(s.outlets) for s in digest.stories] == [3, 1]
    first = digest.stories[0]
    assert first.rank == 1
    assert set(first.outlets) == {"Northwind Daily", "Coastal Courier", "Tidewater Post"}
    assert 2 <= len(first.points) <= 4
    assert sum("cable" in p.text for p in first.points) == 1  # one fact, one point
    texts = {a.path: a.text for a in harbour_articles()}
    assert all(any(p.text in t for t in texts.values()) for p in first.points)
    assert not any("newsletter" in p.text.lower() for p in first.points)
    document = digest.to_json()
    assert document["stories"][0]["points"][0].keys() >= {"text", "outlet", "article"}


def test_since_keeps_stories_that_changed_and_marks_them_updated(world) -> None:
    store, config = world
    digest = build_digest(
        store, config, since=NOW - timedelta(hours=6), limit=5, topic=None, now=NOW
    )
    assert len(digest.stories) == 1
    story = digest.stories[0]
    assert story.updated and not story.is_new
    assert "[updated]" in digest.to_text()


def test_topic_filter_is_literal_or_semantic(world) -> None:
    store, config = world
    chess = build_digest(store, config, since=None, limit=5, topic="chess", now=NOW)
    assert [s.outlets for s in chess.stories] == [["Board Weekly"]]
    bridge = build_digest(store, config, since=None, limit=5, topic="storm damage", now=NOW)
    assert bridge.stories and "Tidewater Post" in bridge.stories[0].outlets
    none = build_digest(store, config, since=None, limit=5, topic="volcano eruption", now=NOW)
    assert none.stories == [] and none.to_text() == "No stories about 'volcano eruption'."


def test_story_briefing_by_id_and_unknown_id(world) -> None:
    store, config = world
    digest = build_digest(store, config, since=None, limit=1, topic=None, now=NOW)
    story = story_briefing(store, config, digest.stories[0].id, now=NOW)
    assert story is not None and story.points == digest.stories[0].points
    assert story_briefing(store, config, 9999, now=NOW) is None
