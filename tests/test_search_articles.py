"""Searching the store: meaning first, literal matches favoured, clear errors."""

from __future__ import annotations

from datetime import timedelta

import pytest

from summarizer.config import PipelineConfig
from summarizer.embeddings import Embedder
from summarizer.search import SearchHit, search_articles, snippet
from summarizer.store import Store
from summarizer.stories import update_stories
from tests.stories_corpus import T0, add_article, add_events

pytestmark = pytest.mark.slow


@pytest.fixture
def store(database_url: str, embedder: Embedder) -> Store:
    opened = Store(database_url)
    with opened.session() as session:
        add_events(session)
    update_stories(
        opened, PipelineConfig(), clock=lambda: T0 + timedelta(days=1), embedder=embedder
    )
    yield opened
    opened.close()


def test_a_question_in_other_words_finds_the_event(store: Store, embedder: Embedder) -> None:
    hits = search_articles(store, "structural damage to a river crossing", embedder=embedder)
    assert hits and "bridge" in (hits[0].headline or "").lower()


def test_a_name_in_the_text_ranks_first(store: Store, embedder: Embedder) -> None:
    hits = search_articles(store, "Ravi Okonjo", limit=3, embedder=embedder)
    assert {h.outlet for h in hits[:2]} == {"Tech Ledger", "Gadget Wire"}
    assert "Okonjo" in hits[0].snippet
    assert all(h.score < hits[1].score for h in hits[2:])


def test_hits_carry_what_a_reply_needs(store: Store, embedder: Embedder) -> None:
    hit = search_articles(store, "ghost orchid", limit=1, embedder=embedder)[0]
    assert isinstance(hit, SearchHit)
    assert hit.outlet == "Nature Desk" and hit.published == T0 + timedelta(hours=2)
    data = hit.to_json()
    assert set(data) == {"article_id", "headline", "outlet", "published", "snippet", "score"}
    assert data["published"] == "2026-03-02T10:00:00+00:00"


def test_limit_and_deleted_articles(store: Store, embedder: Embedder) -> None:
    with store.session() as session:
        add_article(
            session,
            "Ghost orchid photographs withdrawn",
            "Nature Desk",
            "The ghost orchid pictures were withdrawn.",
            published=T0,
            deleted=True,
        )
    hits = search_articles(store, "ghost orchid", limit=2, embedder=embedder)
    assert len(hits) <= 2
    assert all("withdrawn" not in (h.headline or "") for h in hits)
    assert search_articles(store, "ghost orchid", limit=0, embedder=embedder) == []


def test_an_empty_query_says_what_to_do(store: Store) -> None:
    with pytest.raises(ValueError, match="the search is empty: give a few words"):
        search_articles(store, "   ")


def test_an_empty_store_finds_nothing_without_loading_anything(database_url: str) -> None:
    empty = Store(database_url)
    assert search_articles(empty, "bridge") == []
    empty.close()


def test_snippet_prefers_the_sentence_with_the_words() -> None:
    text = "First sentence here. The Slate 7 battery lasts a week. Last one."
    assert snippet(text, ["battery"]) == "The Slate 7 battery lasts a week."
    assert snippet("word " * 200, ["zzz"]).endswith("…")
