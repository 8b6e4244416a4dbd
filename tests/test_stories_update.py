"""update_stories on a real SQLite store with the packaged model: stable, incremental stories."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from summarizer.config import PipelineConfig
from summarizer.embeddings import Embedder
from summarizer.store import Store
from summarizer.store.stories import StoryMemberRow
from summarizer.stories import list_stories, story_articles, story_of, update_stories
from tests.stories_corpus import BRIDGE, T0, add_article, add_events

pytestmark = pytest.mark.slow
NOW = T0 + timedelta(days=1)


@pytest.fixture
def store(database_url: str) -> Store:
    opened = Store(database_url)
    yield opened
    opened.close()


def config() -> PipelineConfig:
    return PipelineConfig(story_window_hours=96.0)


def memberships(store: Store) -> dict[int, int]:
    with store.session() as session:
        return dict(
            session.execute(select(StoryMemberRow.article_id, StoryMemberRow.story_id)).all()
        )


def test_articles_about_one_event_share_a_story_across_outlets(
    store: Store, embedder: Embedder
) -> None:
    with store.session() as session:
        ids = add_events(session)
    report = update_stories(store, config(), clock=lambda: NOW, embedder=embedder)
    owner = memberships(store)
    assert report.articles == 6 and report.created == 3 and report.joined == 0
    assert len({owner[i] for i in ids["bridge"]}) == 1
    assert len({owner[i] for i in ids["tablet"]}) == 1
    stories = {owner[ids["bridge"][0]], owner[ids["tablet"][0]], owner[ids["orchid"][0]]}
    assert len(stories) == 3
    assert report.stories == sorted(stories)


def test_a_higher_threshold_keeps_stories_apart(store: Store, embedder: Embedder) -> None:
    """``BRIEFBOT_STORY_THRESHOLD`` near its maximum: every report stands alone."""
    with store.session() as session:
        ids = add_events(session)
    strict = PipelineConfig(story_window_hours=96.0, story_threshold=0.95)
    report = update_stories(store, strict, clock=lambda: NOW, embedder=embedder)
    owner = memberships(store)
    assert report.created == 6
    assert len({owner[i] for i in ids["bridge"]}) == len(ids["bridge"])


def test_a_story_keeps_its_id_as_it_grows(store: Store, embedder: Embedder) -> None:
    (h1, o1, t1), (h2, o2, t2), (h3, o3, t3) = BRIDGE
    with store.session() as session:
        first = add_article(session, h1, o1, t1, published=T0)
        second = add_article(session, h2, o2, t2, published=T0 + timedelta(hours=2))
    update_stories(store, config(), clock=lambda: NOW, embedder=embedder)
    story = memberships(store)[first]
    later = NOW + timedelta(hours=5)
    with store.session() as session:
        third = add_article(session, h3, o3, t3, published=T0 + timedelta(hours=30))
    report = update_stories(store, config(), clock=lambda: later, embedder=embedder)
    assert report.joined == 1 and report.created == 0 and report.stories == [story]
    assert memberships(store) == {first: story, second: story, third: story}
    with store.session() as session:
        record = next(r for r in list_stories(session) if r.id == story)
        member = session.get(StoryMemberRow, third)
    assert record.article_ids == [first, second, third]
    assert record.created_at == NOW and record.updated_at == later
    assert record.last_published == T0 + timedelta(hours=30)
    assert member.joined_at == later and 0 < member.similarity <= 1


def test_a_rerun_with_nothing_new_changes_nothing(store: Store, embedder: Embedder) -> None:
    with store.session() as session:
        add_events(session)
    update_stories(store, config(), clock=lambda: NOW, embedder=embedder)
    before = memberships(store)
    report = update_stories(store, config(), clock=lambda: NOW, embedder=embedder)
    assert report.articles == 0 and memberships(store) == before


def test_the_same_event_weeks_later_is_a_new_story(store: Store, embedder: Embedder) -> None:
    (h1, o1, t1), (h2, o2, t2), _ = BRIDGE
    with store.session() as session:
        early = add_article(session, h1, o1, t1, published=T0)
        late = add_article(session, h2, o2, t2, published=T0 + timedelta(days=20))
    update_stories(store, config(), clock=lambda: NOW, embedder=embedder)
    owner = memberships(store)
    assert owner[early] != owner[late]


def test_updates_deleted_and_foreign_articles_are_left_out(
    store: Store, embedder: Embedder
) -> None:
    (h1, o1, t1), (h2, o2, t2), (h3, o3, t3) = BRIDGE
    with store.session() as session:
        original = add_article(session, h1, o1, t1, published=T0)
        update = add_article(session, h1, o1, t1 + " Updated.", published=T0, update_of=original)
        deleted = add_article(session, h2, o2, t2, published=T0, deleted=True)
        french = add_article(session, h3, o3, t3, published=T0, language="fr")
    report = update_stories(store, config(), clock=lambda: NOW, embedder=embedder)
    assert report.articles == 1
    assert set(memberships(store)) == {original}
    assert all(story_of_id is None for story_of_id in _stories_of(store, [update, deleted, french]))
    assert report.left_out == {"fr": 1}
    assert report.left_out_line() == (
        "1 article(s) not clustered because of their language (1 in 'fr'): stories use "
        "English models; text too short or mixed to tell counts as English ('und')"
    )


def test_text_of_undetermined_language_is_clustered(store: Store, embedder: Embedder) -> None:
    (h1, o1, _), (h2, o2, t2), _ = BRIDGE
    with store.session() as session:
        short = add_article(session, h1, o1, h1, published=T0, language="und")
        english = add_article(session, h2, o2, t2, published=T0)
    report = update_stories(store, config(), clock=lambda: NOW, embedder=embedder)
    assert report.articles == 2 and report.left_out == {}
    assert None not in _stories_of(store, [short, english])


def _stories_of(store: Store, ids: list[int]) -> list[int | None]:
    with store.session() as session:
        return [story_of(session, i) for i in ids]


def test_clustering_is_deterministic(tmp_path: Path, embedder: Embedder) -> None:
    results = []
    for name in ("one", "two"):
        store = Store(f"sqlite:///{tmp_path / name}.db")
        with store.session() as session:
            add_events(session)
        update_stories(store, config(), clock=lambda: NOW, embedder=embedder)
        results.append(memberships(store))
        store.close()
    assert results[0] == results[1]


def test_listing_stories_and_their_articles(store: Store, embedder: Embedder) -> None:
    with store.session() as session:
        ids = add_events(session)
    update_stories(store, config(), clock=lambda: NOW, embedder=embedder)
    with store.session() as session:
        records = list_stories(session)
        bridge = next(r for r in records if ids["bridge"][0] in r.article_ids)
        articles = story_articles(session, bridge.id)
        recent = list_stories(session, since=T0 + timedelta(hours=5))
        missing = story_articles(session, 999)
    assert sorted(len(r.article_ids) for r in records) == [1, 2, 3]
    assert [a.id for a in articles] == ids["bridge"] == bridge.article_ids
    assert {a.outlet for a in articles} == {"Harbour Gazette", "Coastal Times", "Northern Post"}
    assert records == sorted(records, key=lambda r: (-r.last_published.timestamp(), r.id))
    assert [r.id for r in recent] == [
        r.id for r in records if r.last_published >= T0 + timedelta(hours=5)
    ]
    assert missing == []


def test_an_edited_article_keeps_its_story_and_gets_fresh_vectors(
    store: Store, embedder: Embedder
) -> None:
    from summarizer.store.articles import ArticleRow
    from summarizer.store.stories import ArticleEmbeddingRow

    with store.session() as session:
        ids = add_events(session)
    update_stories(store, config(), clock=lambda: NOW, embedder=embedder)
    before = memberships(store)
    edited = ids["bridge"][0]
    with store.session() as session:
        row = session.get(ArticleRow, edited)
        row.text += "\n\nThe bridge reopened to pedestrians on Friday."
        row.content_hash = "e" * 64
        row.version = 2
    report = update_stories(store, config(), clock=lambda: NOW, embedder=embedder)
    with store.session() as session:
        stored = session.get(ArticleEmbeddingRow, edited)
    assert report.refreshed == 1 and report.articles == 0
    assert stored.content_hash == "e" * 64
    assert memberships(store) == before
