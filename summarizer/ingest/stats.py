"""Incremental corpus statistics: in how many articles of an outlet each paragraph occurs.

Counts live in the ``paragraph_stats`` table and grow with each new article, so finding
repeated blocks never rescans the corpus. A paragraph found in at least
:data:`BOILERPLATE_MIN_ARTICLES` distinct articles of one outlet is boilerplate.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from summarizer.ingest.fingerprint import paragraph_key
from summarizer.store.articles import ArticleRow, ArticleVersionRow, ParagraphStatRow

BOILERPLATE_MIN_ARTICLES = 3
_BATCH = 500

Key = tuple[str, str]
"""(outlet, paragraph hash)."""


def update_counts(
    session: Session,
    documents: Iterable[tuple[str, set[str], bool]],
) -> tuple[set[Key], set[Key]]:
    """Count the paragraphs of new articles and report which are boilerplate.

    ``documents`` holds ``(outlet, paragraph hashes, counts)``; only documents with
    ``counts`` (new originals, not duplicates or re-scrapes) add to the statistics, but every
    document's hashes are looked up. Returns (boilerplate keys among those hashes, keys
    that became boilerplate just now).
    """
    wanted: dict[str, set[str]] = defaultdict(set)
    increments: Counter[Key] = Counter()
    for outlet, hashes, counts in documents:
        wanted[outlet] |= hashes
        if counts:
            increments.update((outlet, h) for h in hashes)
    rows = _load(session, wanted)
    boilerplate: set[Key] = set()
    crossed: set[Key] = set()
    for key, increment in increments.items():
        row = rows.get(key)
        if row is None:
            row = ParagraphStatRow(outlet=key[0], paragraph_hash=key[1], documents=0)
            session.add(row)
            rows[key] = row
        before = row.documents
        row.documents = before + increment
        if before < BOILERPLATE_MIN_ARTICLES <= row.documents:
            crossed.add(key)
    for key, row in rows.items():
        if row.documents >= BOILERPLATE_MIN_ARTICLES:
            boilerplate.add(key)
    return boilerplate, crossed


def _load(session: Session, wanted: dict[str, set[str]]) -> dict[Key, ParagraphStatRow]:
    rows: dict[Key, ParagraphStatRow] = {}
    for outlet, hashes in wanted.items():
        ordered = sorted(hashes)
        for start in range(0, len(ordered), _BATCH):
            query = select(ParagraphStatRow).where(
                ParagraphStatRow.outlet == outlet,
                ParagraphStatRow.paragraph_hash.in_(ordered[start : start + _BATCH]),
            )
            for row in session.scalars(query):
                rows[(row.outlet, row.paragraph_hash)] = row
    return rows


def reclean(session: Session, crossed: set[Key], now: datetime) -> int:
    """Drop paragraphs that just became boilerplate from their outlet's stored articles.

    Touches only the outlets in ``crossed``, and only when a paragraph first reaches the
    threshold; returns how many articles changed (their ``updated_at`` moves to ``now``).
    """
    by_outlet: dict[str, set[str]] = defaultdict(set)
    for outlet, key in crossed:
        by_outlet[outlet].add(key)
    changed = 0
    for outlet, keys in by_outlet.items():
        query = select(ArticleRow).where(
            ArticleRow.outlet == outlet, ArticleRow.deleted_at.is_(None)
        )
        for row in session.scalars(query):
            paragraphs = row.text.split("\n\n")
            kept = [p for p in paragraphs if paragraph_key(p) not in keys]
            if not kept or len(kept) == len(paragraphs):
                continue
            row.text, row.updated_at = "\n\n".join(kept), now
            session.execute(
                update(ArticleVersionRow)
                .where(
                    ArticleVersionRow.article_id == row.id,
                    ArticleVersionRow.version == row.version,
                )
                .values(text=row.text)
            )
            changed += 1
    return changed
