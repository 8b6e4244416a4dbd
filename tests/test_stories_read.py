"""Reading a story back: once its sentences are embedded, no model is loaded again."""

from __future__ import annotations

from datetime import timedelta

import pytest

import summarizer.embeddings as embeddings
from summarizer.briefing import story_briefing
from summarizer.config import PipelineConfig
from summarizer.embeddings import Embedder
from summarizer.store import Store
from summarizer.stories import story_of, update_stories
from tests.stories_corpus import T0, add_events

pytestmark = pytest.mark.slow


def test_a_story_read_again_needs_no_model(
    database_url: str, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(database_url)
    config = PipelineConfig(story_window_hours=96.0)
    now = T0 + timedelta(days=1)
    with store.session() as session:
        ids = add_events(session)
    update_stories(store, config, clock=lambda: now, embedder=embedder)
    with store.session() as session:
        story = story_of(session, ids["bridge"][0])
    first = story_briefing(store, config, story, now=now)

    def refuse(*args: object, **kwargs: object) -> Embedder:
        raise AssertionError("the model was loaded to read a story whose sentences are cached")

    monkeypatch.setattr(embeddings, "load_embedder", refuse)
    embeddings.cache._memory.clear()  # as in a fresh process: only the store's cache
    again = story_briefing(store, config, story, now=now)
    store.close()
    assert first is not None and again is not None
    assert again.points == first.points and again.headline == first.headline
