"""Per-article features for clustering, stored so a restart or a re-run never recomputes them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from summarizer.embeddings import Embedder, embed_cached
from summarizer.embeddings.base import normalise
from summarizer.models import Article
from summarizer.store.articles import ArticleRow
from summarizer.store.stories import ArticleEmbeddingRow, bytes_vector, vector_bytes
from summarizer.stories.features import decode_names, encode_names, lead_units, salient_names


@dataclass(frozen=True)
class Features:
    """One article as clustering sees it."""

    article_id: int
    vector: np.ndarray
    """Unit mean of the lead's sentence embeddings."""
    names: dict[str, int]
    published: datetime


def article_features(
    session: Session, embedder: Embedder, articles: Sequence[Article], *, now: datetime
) -> dict[int, Features]:
    """Features of ``articles``, computing (and storing) only what is missing or stale."""
    ids = [article.id for article in articles]
    stored = {
        row.article_id: row
        for row in session.scalars(
            select(ArticleEmbeddingRow).where(ArticleEmbeddingRow.article_id.in_(ids))
        )
    }
    stale = [a for a in articles if not _fresh(stored.get(a.id), a, embedder.name)]
    units = [lead_units(article) for article in stale]
    flat = [unit for article_units in units for unit in article_units]
    vectors = embed_cached(session, embedder, flat)
    start = 0
    for article, article_units in zip(stale, units, strict=True):
        vector = normalise(vectors[start : start + len(article_units)].sum(axis=0))
        start += len(article_units)
        row = stored.get(article.id) or ArticleEmbeddingRow(article_id=article.id)
        row.model = embedder.name
        row.content_hash = article.content_hash
        row.vector = vector_bytes(vector)
        row.names = encode_names(salient_names(article))
        row.computed_at = now
        stored[article.id] = row
        session.add(row)
    session.flush()
    return {
        a.id: Features(
            a.id, bytes_vector(stored[a.id].vector), decode_names(stored[a.id].names), a.published
        )
        for a in articles
    }


def _fresh(row: ArticleEmbeddingRow | None, article: Article, model: str) -> bool:
    return row is not None and row.content_hash == article.content_hash and row.model == model


def stored_features(
    session: Session, article_ids: Sequence[int]
) -> dict[int, tuple[np.ndarray, dict[str, int], datetime]]:
    """The stored vector, names and publication time of already-clustered articles."""
    found: dict[int, tuple[np.ndarray, dict[str, int], datetime]] = {}
    ids = list(article_ids)
    for start in range(0, len(ids), 500):
        query = (
            select(
                ArticleEmbeddingRow.article_id,
                ArticleEmbeddingRow.vector,
                ArticleEmbeddingRow.names,
                ArticleRow.published,
            )
            .join(ArticleRow, ArticleRow.id == ArticleEmbeddingRow.article_id)
            .where(ArticleEmbeddingRow.article_id.in_(ids[start : start + 500]))
        )
        for article_id, blob, names, published in session.execute(query):
            found[article_id] = (bytes_vector(blob), decode_names(names), published)
    return found
