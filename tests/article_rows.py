"""Article rows as ingestion would leave them, for tests that skip ingestion."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from summarizer.store import Store
from summarizer.store.articles import ArticleRow


def article_row(
    *, path: str, text: str, published: datetime, outlet: str | None = None, **fields: Any
) -> ArticleRow:
    """A live English article row; ``fields`` override any column (headline, language, …)."""
    values: dict[str, Any] = {
        "path": path,
        "headline": None,
        "outlet": outlet,
        "url": None,
        "published": published,
        "language": "en",
        "text": text,
        "content_hash": hashlib.sha256(text.encode()).hexdigest(),
        "fingerprint": "",
        "version": 1,
        "file_size": len(text),
        "file_mtime": 0.0,
        "ingested_at": published,
        "updated_at": published,
    }
    values.update(fields)
    return ArticleRow(**values)


def add_article(store: Store, **row: Any) -> int:
    """Insert one :func:`article_row` and return its id."""
    with store.session() as session:
        article = article_row(**row)
        session.add(article)
        session.flush()
        return article.id
