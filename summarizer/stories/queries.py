"""Reading stories back: the list with member ids, and one story's articles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from summarizer.clock import as_utc
from summarizer.models import Article
from summarizer.store.articles import ArticleRow
from summarizer.store.stories import StoryMemberRow, StoryRow


@dataclass(frozen=True)
class StoryRecord:
    """One story as stored: its live member articles, oldest first, and its times."""

    id: int
    article_ids: list[int]
    created_at: datetime
    updated_at: datetime
    first_published: datetime
    last_published: datetime


def list_stories(session: Session, since: datetime | None = None) -> list[StoryRecord]:
    """Stories with at least one live article, newest activity first.

    ``since`` keeps the stories with an article published at or after that moment.
    """
    query = select(StoryRow)
    if since is not None:
        query = query.where(StoryRow.last_published >= since)
    rows = list(session.scalars(query.order_by(StoryRow.last_published.desc(), StoryRow.id)))
    members = _live_members(session, [row.id for row in rows])
    return [
        StoryRecord(
            id=row.id,
            article_ids=members[row.id],
            created_at=as_utc(row.created_at),
            updated_at=as_utc(row.updated_at),
            first_published=as_utc(row.first_published),
            last_published=as_utc(row.last_published),
        )
        for row in rows
        if members.get(row.id)
    ]


def story_articles(session: Session, story_id: int) -> list[Article]:
    """The live articles of one story, oldest first (empty when the story does not exist)."""
    query = (
        select(ArticleRow)
        .join(StoryMemberRow, StoryMemberRow.article_id == ArticleRow.id)
        .where(StoryMemberRow.story_id == story_id, ArticleRow.deleted_at.is_(None))
        .order_by(ArticleRow.published, ArticleRow.id)
    )
    return [row.to_article() for row in session.scalars(query)]


def story_of(session: Session, article_id: int) -> int | None:
    """The id of the story an article belongs to, if any."""
    return session.scalar(
        select(StoryMemberRow.story_id).where(StoryMemberRow.article_id == article_id)
    )


def stories_of(session: Session, article_ids: Sequence[int]) -> list[int]:
    """The ids of the stories these articles belong to, ascending."""
    if not article_ids:
        return []
    query = (
        select(StoryMemberRow.story_id)
        .where(StoryMemberRow.article_id.in_(article_ids))
        .distinct()
        .order_by(StoryMemberRow.story_id)
    )
    return list(session.scalars(query))


def _live_members(session: Session, story_ids: list[int]) -> dict[int, list[int]]:
    members: dict[int, list[int]] = {}
    for start in range(0, len(story_ids), 500):
        query = (
            select(StoryMemberRow.story_id, ArticleRow.id)
            .join(ArticleRow, ArticleRow.id == StoryMemberRow.article_id)
            .where(
                StoryMemberRow.story_id.in_(story_ids[start : start + 500]),
                ArticleRow.deleted_at.is_(None),
            )
            .order_by(ArticleRow.published, ArticleRow.id)
        )
        for story_id, article_id in session.execute(query):
            members.setdefault(story_id, []).append(article_id)
    return members
