"""Tables for embeddings (a text-hash cache and per-article vectors), stories and members."""

from __future__ import annotations

from datetime import datetime

import numpy as np
from sqlalchemy import Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from summarizer.store.base import Base, UTCDateTime, unbounded


def vector_bytes(vector: np.ndarray) -> bytes:
    """A float32 vector as portable little-endian bytes."""
    return np.asarray(vector, dtype="<f4").tobytes()


def bytes_vector(blob: bytes) -> np.ndarray:
    """The inverse of :func:`vector_bytes`."""
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


class EmbeddingCacheRow(Base):
    """One embedded text, keyed by model and the sha256 of the text."""

    __tablename__ = "embedding_cache"

    model: Mapped[str] = mapped_column(unbounded(100), primary_key=True)
    text_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class ArticleEmbeddingRow(Base):
    """An article's vector and salient names, valid while its content hash is unchanged."""

    __tablename__ = "article_embeddings"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    model: Mapped[str] = mapped_column(unbounded(100))
    content_hash: Mapped[str] = mapped_column(String(64))
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    names: Mapped[str] = mapped_column(Text, default="")
    """Salient proper nouns, space-separated lower-case tokens, for entity overlap."""
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StoryRow(Base):
    """One story: a cluster of articles about the same event, across outlets."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    first_published: Mapped[datetime] = mapped_column(UTCDateTime)
    last_published: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    size: Mapped[int] = mapped_column(Integer, default=0)
    centroid: Mapped[bytes] = mapped_column(LargeBinary)
    """Sum of the members' vectors (float32 bytes); normalise before comparing."""


class StoryMemberRow(Base):
    """An article's place in a story; an article belongs to at most one story."""

    __tablename__ = "story_members"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)
    similarity: Mapped[float] = mapped_column(Float, default=1.0)
    """The match score when it joined (1.0 for the article that started the story)."""
