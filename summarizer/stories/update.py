"""Incremental clustering: new articles join a story of the window or start their own."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from summarizer.clock import Clock, as_utc, utcnow
from summarizer.config import PipelineConfig
from summarizer.embeddings import Embedder, load_embedder
from summarizer.models import Article
from summarizer.store import Store
from summarizer.store.articles import ArticleRow
from summarizer.store.stories import (
    ArticleEmbeddingRow,
    StoryMemberRow,
    StoryRow,
    vector_bytes,
)
from summarizer.stories.assign import Member, assign
from summarizer.stories.vectors import Features, article_features, stored_features

log = logging.getLogger(__name__)

UNKNOWN = ("und", "")
"""Language codes of articles whose language could not be told; they are clustered too."""
CHUNK = 512
"""New articles are clustered this many at a time (bounds memory on a first big ingest)."""


@dataclass
class StoriesReport:
    """What one :func:`update_stories` call did."""

    articles: int = 0
    """New articles placed in a story."""
    joined: int = 0
    """Of those, how many joined a story that already existed."""
    created: int = 0
    """Stories started."""
    stories: list[int] = field(default_factory=list)
    """Ids of the stories created or grown, ascending."""
    refreshed: int = 0
    """Clustered articles whose text changed and whose vectors were recomputed (they stay put)."""
    left_out: dict[str, int] = field(default_factory=dict)
    """Live articles in no story because of their language (code → count): the story models
    read English; text whose language could not be told (``und``) is clustered as English."""

    def left_out_line(self) -> str | None:
        """What was not clustered and why, in one line (None when nothing was left out)."""
        if not self.left_out:
            return None
        counts = ", ".join(f"{count} in '{code}'" for code, count in self.left_out.items())
        total = sum(self.left_out.values())
        return (
            f"{total} article(s) not clustered because of their language ({counts}): stories "
            "use English models; text too short or mixed to tell counts as English ('und')"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "joined": self.joined,
            "created": self.created,
            "stories": self.stories,
            "refreshed": self.refreshed,
            "left_out": dict(self.left_out),
        }


def update_stories(
    store: Store,
    config: PipelineConfig,
    *,
    clock: Clock = utcnow,
    embedder: Embedder | None = None,
) -> StoriesReport:
    """Place every unclustered live English article (not a near-duplicate update) in a story."""
    report = StoriesReport()
    now = clock()
    window = timedelta(hours=config.story_window_hours)
    with store.session() as session:
        report.left_out = left_out(session)
        if report.left_out:
            log.warning("%s", report.left_out_line())
        pending = unclustered(session)
        changed = changed_members(session)
        if not pending and not changed:
            return report
        embedder = embedder or load_embedder(config.embedding_threads)
        if changed:
            article_features(session, embedder, changed, now=now)
            report.refreshed = len(changed)
        for start in range(0, len(pending), CHUNK):
            chunk = pending[start : start + CHUNK]
            features = article_features(session, embedder, chunk, now=now)
            members = [features[a.id] for a in chunk]
            _cluster(session, members, window, config.story_threshold, now, report)
            session.commit()  # a long first run keeps what it has done if it is stopped
    report.stories = sorted(set(report.stories))
    return report


def unclustered(session: Session) -> list[Article]:
    """Live originals in English (or of unknown language) in no story yet, oldest first."""
    query = select(ArticleRow).order_by(ArticleRow.published, ArticleRow.id)
    return [row.to_article() for row in session.scalars(_unclustered(query))]


def unclustered_count(session: Session) -> int:
    """How many articles :func:`unclustered` would return (one count query)."""
    return int(session.scalar(_unclustered(select(func.count(ArticleRow.id)))) or 0)


def _unclustered(query: Select[Any]) -> Select[Any]:
    """``query`` over articles, narrowed to the live English originals in no story yet."""
    return _in_no_story(query).where(_clustered_language())


def left_out(session: Session) -> dict[str, int]:
    """Live originals in no story because of their language: language code → count."""
    query = (
        _in_no_story(select(ArticleRow.language, func.count(ArticleRow.id)))
        .where(~_clustered_language())
        .group_by(ArticleRow.language)
        .order_by(func.count(ArticleRow.id).desc(), ArticleRow.language)
    )
    return {language: count for language, count in session.execute(query)}


def _in_no_story(query: Select[Any]) -> Select[Any]:
    """``query`` over articles, narrowed to live originals (not updates) in no story."""
    return query.outerjoin(StoryMemberRow, StoryMemberRow.article_id == ArticleRow.id).where(
        StoryMemberRow.article_id.is_(None),
        ArticleRow.deleted_at.is_(None),
        ArticleRow.update_of.is_(None),
    )


def _clustered_language() -> ColumnElement[bool]:
    return or_(func.lower(ArticleRow.language).like("en%"), ArticleRow.language.in_(UNKNOWN))


def changed_members(session: Session) -> list[Article]:
    """Live story members whose stored vectors were computed from an older text."""
    query = (
        select(ArticleRow)
        .join(StoryMemberRow, StoryMemberRow.article_id == ArticleRow.id)
        .join(ArticleEmbeddingRow, ArticleEmbeddingRow.article_id == ArticleRow.id)
        .where(
            ArticleRow.deleted_at.is_(None),
            ArticleEmbeddingRow.content_hash != ArticleRow.content_hash,
        )
        .order_by(ArticleRow.id)
    )
    return [row.to_article() for row in session.scalars(query)]


def _cluster(
    session: Session,
    new: Sequence[Features],
    window: timedelta,
    threshold: float,
    now: datetime,
    report: StoriesReport,
) -> None:
    low = min(as_utc(f.published) for f in new) - window
    high = max(as_utc(f.published) for f in new) + window
    stories = list(
        session.scalars(
            select(StoryRow)
            .where(StoryRow.last_published >= low, StoryRow.first_published <= high)
            .order_by(StoryRow.id)
        )
    )
    members = _members(session, [story.id for story in stories])
    known = stored_features(session, [a for ids in members.values() for a in ids])
    existing = [
        [_member(*known[a]) for a in members.get(story.id, []) if a in known] for story in stories
    ]
    placements = assign(
        existing,
        [Member(f.vector, f.names, as_utc(f.published).timestamp()) for f in new],
        window_seconds=window.total_seconds(),
        threshold=threshold,
    )
    created: dict[int, StoryRow] = {}
    for feature, placement in zip(new, placements, strict=True):
        published = as_utc(feature.published)
        if placement.group < len(stories):
            story = stories[placement.group]
            report.joined += 1
        elif placement.group in created:
            story = created[placement.group]
        else:
            story = created[placement.group] = _new_story(session, published, now)
            report.created += 1
        session.add(
            StoryMemberRow(
                article_id=feature.article_id,
                story_id=story.id,
                joined_at=now,
                similarity=placement.similarity,
            )
        )
        _grow(story, placement.centroid, published, now)
        report.articles += 1
        report.stories.append(story.id)
    session.flush()


def _member(vector: np.ndarray, names: dict[str, int], published: datetime) -> Member:
    return Member(vector, names, as_utc(published).timestamp())


def _members(session: Session, story_ids: Sequence[int]) -> dict[int, list[int]]:
    members: dict[int, list[int]] = {}
    for start in range(0, len(story_ids), 500):
        query = select(StoryMemberRow.story_id, StoryMemberRow.article_id).where(
            StoryMemberRow.story_id.in_(story_ids[start : start + 500])
        )
        for story_id, article_id in session.execute(query):
            members.setdefault(story_id, []).append(article_id)
    return members


def _new_story(session: Session, published: datetime, now: datetime) -> StoryRow:
    story = StoryRow(
        created_at=now,
        updated_at=now,
        first_published=published,
        last_published=published,
        size=0,
        centroid=b"",
    )
    session.add(story)
    session.flush()
    return story


def _grow(story: StoryRow, centroid: np.ndarray, published: datetime, now: datetime) -> None:
    story.first_published = min(as_utc(story.first_published), published)
    story.last_published = max(as_utc(story.last_published), published)
    story.size += 1
    story.centroid = vector_bytes(centroid)
    story.updated_at = now
