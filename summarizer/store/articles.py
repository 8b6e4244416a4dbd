"""Tables for articles, their versions, rejected and pending files, and paragraph statistics;
loaders to plain dataclasses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from summarizer.models import Article
from summarizer.store.base import FILE_SIZE, Base, UTCDateTime, unbounded


class ArticleRow(Base):
    """The latest version of one article. A deleted file keeps its row (``deleted_at``)."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(unbounded(1024), unique=True)
    headline: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(unbounded(200), index=True)
    url: Mapped[str | None] = mapped_column(unbounded(2048))
    published: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    language: Mapped[str] = mapped_column(unbounded(16), default="en")
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    """SHA-256 of the rule-cleaned body: equal for the same article under another name."""
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    """A 64-bit SimHash (16 hex digits) of the body, for near-duplicate detection."""
    version: Mapped[int] = mapped_column(Integer, default=1)
    update_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    file_size: Mapped[int] = mapped_column(FILE_SIZE, default=0)
    file_mtime: Mapped[float] = mapped_column(Float, default=0.0)
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def to_article(self) -> Article:
        """This row as the pipeline's plain dataclass."""
        return Article(
            id=self.id,
            path=self.path,
            headline=self.headline,
            outlet=self.outlet,
            url=self.url,
            published=self.published,
            language=self.language,
            text=self.text,
            content_hash=self.content_hash,
            version=self.version,
            update_of=self.update_of,
        )


class ArticleVersionRow(Base):
    """Every version ever ingested, so a changed or deleted file loses no history."""

    __tablename__ = "article_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    headline: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RejectRow(Base):
    """A file that was not stored as an article, and why (shown to the user).

    Exact duplicates are recorded here too, with ``duplicate_of`` set.
    """

    __tablename__ = "rejects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(unbounded(1024), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    file_size: Mapped[int] = mapped_column(FILE_SIZE, default=0)
    file_mtime: Mapped[float] = mapped_column(Float, default=0.0)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)


class PendingFileRow(Base):
    """The last observation of a file still being written (read once it is stable)."""

    __tablename__ = "pending_files"

    path: Mapped[str] = mapped_column(unbounded(1024), primary_key=True)
    file_size: Mapped[int] = mapped_column(FILE_SIZE, default=0)
    file_mtime: Mapped[float] = mapped_column(Float, default=0.0)
    observed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ParagraphStatRow(Base):
    """In how many distinct articles of one outlet a (normalised) paragraph occurs.

    Paragraphs repeated across an outlet's articles are page boilerplate.
    """

    __tablename__ = "paragraph_stats"

    outlet: Mapped[str] = mapped_column(unbounded(200), primary_key=True)
    paragraph_hash: Mapped[str] = mapped_column(String(16), primary_key=True)
    documents: Mapped[int] = mapped_column(Integer, default=0)


def version_row(row: ArticleRow, now: datetime) -> ArticleVersionRow:
    """The history record of an article's current version."""
    return ArticleVersionRow(
        article_id=row.id,
        version=row.version,
        headline=row.headline,
        text=row.text,
        content_hash=row.content_hash,
        ingested_at=now,
    )


def latest_version(session: Session, article_id: int) -> int:
    """The highest version recorded for an article (0 when none is)."""
    from sqlalchemy import func

    query = select(func.max(ArticleVersionRow.version)).where(
        ArticleVersionRow.article_id == article_id
    )
    return session.scalar(query) or 0


def load_articles(
    session: Session,
    *,
    ids: list[int] | None = None,
    since: datetime | None = None,
    include_updates: bool = False,
) -> list[Article]:
    """Live (not deleted) articles, oldest first; near-duplicate updates left out by default."""
    query = select(ArticleRow).where(ArticleRow.deleted_at.is_(None))
    if ids is not None:
        query = query.where(ArticleRow.id.in_(ids))
    if since is not None:
        query = query.where(ArticleRow.published >= since)
    if not include_updates:
        query = query.where(ArticleRow.update_of.is_(None))
    rows = session.scalars(query.order_by(ArticleRow.published, ArticleRow.id))
    return [row.to_article() for row in rows]


def outlet_counts(session: Session) -> list[tuple[str, int, datetime]]:
    """(outlet, live article count, newest publication) for every known outlet."""
    from sqlalchemy import func

    query = (
        select(ArticleRow.outlet, func.count(ArticleRow.id), func.max(ArticleRow.published))
        .where(ArticleRow.deleted_at.is_(None), ArticleRow.outlet.is_not(None))
        .group_by(ArticleRow.outlet)
        .order_by(func.count(ArticleRow.id).desc(), ArticleRow.outlet)
    )
    return [(outlet, count, newest) for outlet, count, newest in session.execute(query)]
