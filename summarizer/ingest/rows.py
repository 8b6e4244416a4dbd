"""Article rows from drafts: a new article, or a new version of a stored one."""

from __future__ import annotations

from datetime import datetime

from summarizer.ingest.document import Draft
from summarizer.store.articles import ArticleRow


def new_article_row(draft: Draft, body: list[str], now: datetime) -> ArticleRow:
    """The row for a file seen for the first time (version 1)."""
    return ArticleRow(
        path=draft.entry.location,
        headline=draft.headline,
        outlet=draft.outlet,
        url=draft.url,
        published=draft.published,
        language=draft.language,
        text="\n\n".join(body),
        content_hash=draft.content_hash,
        fingerprint=draft.fingerprint,
        version=1,
        update_of=draft.update_of if isinstance(draft.update_of, int) else None,
        file_size=draft.entry.size,
        file_mtime=draft.entry.mtime,
        ingested_at=now,
        updated_at=now,
    )


def apply_version(row: ArticleRow, draft: Draft, body: list[str], now: datetime) -> bool:
    """Bring a stored row up to the re-read file; False when its content did not change."""
    row.file_size, row.file_mtime = draft.entry.size, draft.entry.mtime
    if row.content_hash == draft.content_hash and row.deleted_at is None:
        return False
    if row.content_hash != draft.content_hash:
        row.version += 1
    row.headline, row.outlet, row.url = draft.headline, draft.outlet, draft.url
    row.published, row.language = draft.published, draft.language
    row.text, row.content_hash = "\n\n".join(body), draft.content_hash
    row.fingerprint, row.updated_at, row.deleted_at = draft.fingerprint, now, None
    return True
