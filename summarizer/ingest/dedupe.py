"""Exact duplicates (same content hash) and near-duplicates (SimHash, then word trigrams).

Both are also close in time: the same text published days apart is a recurring item (a
daily "Markets: live" page, a morning briefing's title), so a new article. Near-duplicates
of longer texts are re-scrapes whatever their dates (a live page keeps its own).
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from summarizer.clock import as_utc
from summarizer.ingest.document import Draft
from summarizer.ingest.fingerprint import NEAR_DUPLICATE_JACCARD, SimHashIndex, jaccard, shingles
from summarizer.store.articles import ArticleRow

Target = int | Draft
"""A stored article's id, or a draft of this run not stored yet."""
SAME_TIME_SECONDS = 36 * 3600.0
"""The same text this far apart or less is one article; further apart, a recurring item."""
SHORT_WORDS = 60
"""Near-duplicates of texts this short (in word trigrams) must be close in time too."""


class Deduplicator:
    """Live articles' hashes and SimHashes, loaded once per run and grown as drafts arrive."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._by_hash: dict[str, list[Target]] = {}
        self._published: dict[int, float] = {}
        self._roots: dict[int, int] = {}
        self._grams: dict[int, np.ndarray] = {}
        self._index = SimHashIndex()
        self._outlets: dict[int, str | None] = {}
        query = select(
            ArticleRow.id,
            ArticleRow.content_hash,
            ArticleRow.fingerprint,
            ArticleRow.update_of,
            ArticleRow.outlet,
            ArticleRow.published,
        ).where(ArticleRow.deleted_at.is_(None))
        rows = session.execute(query)
        for article_id, digest, fingerprint, update_of, outlet, published in rows:
            self._by_hash.setdefault(digest, []).append(article_id)
            self._published[article_id] = as_utc(published).timestamp()
            self._roots[article_id] = update_of or article_id
            self._outlets[article_id] = outlet
            if fingerprint:
                self._index.add(article_id, int(fingerprint, 16))

    def exact(self, draft: Draft) -> Target | None:
        """The article with the same content published close in time, if any."""
        found = self._by_hash.get(draft.content_hash, [])
        return next((target for target in found if self._close(target, draft)), None)

    def near(self, draft: Draft) -> Target | None:
        """The original this draft re-scrapes (the root of any update chain), if any.

        A re-scrape comes from the same outlet (or one of the two is unattributed): the
        same wire story told by two outlets stays two articles.
        """
        for candidate in self._index.candidates(draft.simhash):
            outlet = (
                candidate.outlet if isinstance(candidate, Draft) else self._outlets.get(candidate)
            )
            if outlet and draft.outlet and outlet != draft.outlet:
                continue
            if len(draft.grams) < SHORT_WORDS and not self._close(candidate, draft):
                continue
            if jaccard(draft.grams, self._grams_of(candidate)) >= NEAR_DUPLICATE_JACCARD:
                if isinstance(candidate, Draft):
                    return candidate.update_of or candidate  # type: ignore[return-value]
                return self._roots.get(candidate, candidate)
        return None

    def add(self, draft: Draft) -> None:
        """Make a draft findable by the files after it."""
        self._by_hash.setdefault(draft.content_hash, []).append(draft)
        self._index.add(draft, draft.simhash)

    def forget(self, draft: Draft) -> None:
        """Undo :meth:`add` for a draft that was rejected after all."""
        found = self._by_hash.get(draft.content_hash, [])
        if draft in found:
            found.remove(draft)
        self._index.discard(draft)

    def _close(self, target: Target, draft: Draft) -> bool:
        """Whether a target was published within :data:`SAME_TIME_SECONDS` of the draft."""
        when = _timestamp(target.published) if isinstance(target, Draft) else None
        if when is None:
            when = self._published.get(target)  # type: ignore[arg-type]
        if when is None:
            return True
        return abs(when - _timestamp(draft.published)) <= SAME_TIME_SECONDS

    def _grams_of(self, candidate: Target) -> np.ndarray:
        if isinstance(candidate, Draft):
            return candidate.grams
        if candidate not in self._grams:
            text = self._session.get(ArticleRow, candidate)
            self._grams[candidate] = shingles(text.text if text is not None else "")
        return self._grams[candidate]


def _timestamp(moment: datetime) -> float:
    return as_utc(moment).timestamp()


def resolve(target: Target | None) -> int | None:
    """The stored id of a target (None for a draft that was never stored)."""
    if isinstance(target, Draft):
        return target.article_id
    return target
