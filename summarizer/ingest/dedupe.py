"""Exact duplicates (same content hash) and near-duplicates (SimHash, then word trigrams)."""

from __future__ import annotations

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from summarizer.ingest.document import Draft
from summarizer.ingest.fingerprint import NEAR_DUPLICATE_JACCARD, SimHashIndex, jaccard, shingles
from summarizer.store.articles import ArticleRow

Target = int | Draft
"""A stored article's id, or a draft of this run not stored yet."""


class Deduplicator:
    """Live articles' hashes and SimHashes, loaded once per run and grown as drafts arrive."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._by_hash: dict[str, Target] = {}
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
        ).where(ArticleRow.deleted_at.is_(None))
        for article_id, digest, fingerprint, update_of, outlet in session.execute(query):
            self._by_hash.setdefault(digest, article_id)
            self._roots[article_id] = update_of or article_id
            self._outlets[article_id] = outlet
            if fingerprint:
                self._index.add(article_id, int(fingerprint, 16))

    def exact(self, draft: Draft) -> Target | None:
        """The article with the same content, if any."""
        return self._by_hash.get(draft.content_hash)

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
            if jaccard(draft.grams, self._grams_of(candidate)) >= NEAR_DUPLICATE_JACCARD:
                if isinstance(candidate, Draft):
                    return candidate.update_of or candidate  # type: ignore[return-value]
                return self._roots.get(candidate, candidate)
        return None

    def add(self, draft: Draft) -> None:
        """Make a draft findable by the files after it."""
        self._by_hash.setdefault(draft.content_hash, draft)
        self._index.add(draft, draft.simhash)

    def forget(self, draft: Draft) -> None:
        """Undo :meth:`add` for a draft that was rejected after all."""
        if self._by_hash.get(draft.content_hash) is draft:
            del self._by_hash[draft.content_hash]
        self._index.discard(draft)

    def _grams_of(self, candidate: Target) -> np.ndarray:
        if isinstance(candidate, Draft):
            return candidate.grams
        if candidate not in self._grams:
            text = self._session.get(ArticleRow, candidate)
            self._grams[candidate] = shingles(text.text if text is not None else "")
        return self._grams[candidate]


def resolve(target: Target | None) -> int | None:
    """The stored id of a target (None for a draft that was never stored)."""
    if isinstance(target, Draft):
        return target.article_id
    return target
