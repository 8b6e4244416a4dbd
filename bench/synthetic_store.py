"""Synthetic stored articles with vectors and names, for the story benches."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import numpy as np

from summarizer.store import Store
from summarizer.store.articles import ArticleRow
from summarizer.store.stories import ArticleEmbeddingRow, vector_bytes
from summarizer.stories.features import encode_names

START = datetime(2026, 1, 1, tzinfo=UTC)

Text = Callable[[int, int], str]
"""Text of article ``i`` (second argument) in topic ``topic`` (first argument)."""


def fill_synthetic(
    store: Store,
    count: int,
    days: float,
    model: str,
    *,
    headline: Text,
    text: Text,
    names: Callable[[int], dict[str, int]],
) -> None:
    """``count`` articles in topics of ~10 spread over ``days`` days from :data:`START`,
    each with a stored unit vector near its topic's centre and its topic's ``names``."""
    rng = np.random.default_rng(7)
    topics = max(1, count // 10)
    centres = rng.normal(size=(topics, 384)).astype(np.float32)
    span = timedelta(days=days).total_seconds()
    with store.session() as session:
        for i in range(count):
            topic = i % topics
            published = START + timedelta(seconds=span * topic / topics + 60 * (i // topics))
            vector = centres[topic] + 0.6 * rng.normal(size=384).astype(np.float32)
            row = ArticleRow(
                path=f"synthetic/{i}.txt",
                headline=headline(topic, i),
                outlet=f"Outlet {i % 7}",
                published=published,
                language="en",
                text=text(topic, i),
                content_hash=f"{i:064d}",
                fingerprint="",
                version=1,
                ingested_at=published,
                updated_at=published,
            )
            session.add(row)
            session.flush()
            session.add(
                ArticleEmbeddingRow(
                    article_id=row.id,
                    model=model,
                    content_hash=row.content_hash,
                    vector=vector_bytes(vector / np.linalg.norm(vector)),
                    names=encode_names(names(topic)),
                    computed_at=published,
                )
            )
