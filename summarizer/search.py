"""Search articles by meaning (query embedding vs stored article vectors), literal matches first.

The score is the cosine between the query and the article's lead vector, plus a bonus
for each query word the article contains and for the whole query as a phrase, so an
article that names what was asked for outranks one that is merely close in meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from summarizer.clock import as_utc
from summarizer.embeddings import Embedder, load_embedder
from summarizer.sentences import split_sentences
from summarizer.store import Store
from summarizer.store.articles import ArticleRow
from summarizer.store.stories import ArticleEmbeddingRow, bytes_vector

WORD_BONUS = 0.3
"""Added in proportion to the share of query words found in the article."""
PHRASE_BONUS = 0.2
"""Added when the article contains the whole query as written."""
MIN_SCORE = 0.2
"""Hits scoring below this are dropped (nothing close in meaning, no word in common)."""
SNIPPET_CHARS = 240
_WORD = re.compile(r"\w[\w'’-]*\w|\w")
_STOPWORDS = frozenset(
    {"a", "an", "and", "the", "of", "in", "on", "at", "to", "for", "or", "about", "with"}
)


@dataclass(frozen=True)
class SearchHit:
    """One article that answers a search."""

    article_id: int
    headline: str | None
    outlet: str | None
    published: datetime
    snippet: str
    score: float

    def to_json(self) -> dict[str, object]:
        return {
            "article_id": self.article_id,
            "headline": self.headline,
            "outlet": self.outlet,
            "published": as_utc(self.published).isoformat(),
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }


def query_words(query: str) -> list[str]:
    """The lower-cased content words of a query, each once."""
    words = [w.lower() for w in _WORD.findall(query)]
    kept = [w for w in words if w not in _STOPWORDS] or words
    return list(dict.fromkeys(kept))


def search_articles(
    store: Store, query: str, *, limit: int = 5, embedder: Embedder | None = None
) -> list[SearchHit]:
    """The ``limit`` live articles that best answer ``query``, best first.

    Raises ``ValueError`` with a message for the user when the query has no words.
    """
    phrase = " ".join(query.split())
    words = query_words(phrase)
    if not words:
        raise ValueError("the search is empty: give a few words, for example 'ceasefire talks'")
    with store.session() as session:
        scores = _semantic(session, phrase, embedder)
        for article_id, found in _literal(session, words).items():
            scores[article_id] = scores.get(article_id, 0.0) + WORD_BONUS * found / len(words)
        if len(words) > 1:
            for article_id in _containing(session, phrase.lower()):
                scores[article_id] = scores.get(article_id, 0.0) + PHRASE_BONUS
        ranked = sorted(
            (item for item in scores.items() if item[1] >= MIN_SCORE),
            key=lambda item: (-item[1], -item[0]),
        )[: max(0, limit)]
        rows = {
            row.id: row
            for row in session.scalars(
                select(ArticleRow).where(ArticleRow.id.in_([i for i, _ in ranked]))
            )
        }
        return [
            SearchHit(
                article_id=i,
                headline=rows[i].headline,
                outlet=rows[i].outlet,
                published=as_utc(rows[i].published),
                snippet=snippet(rows[i].text, words),
                score=score,
            )
            for i, score in ranked
        ]


def snippet(text: str, words: list[str]) -> str:
    """The sentence naming most query words (the first sentence if none does), shortened."""
    sentences = split_sentences(text) or [text]
    best = max(sentences, key=lambda s: sum(w in s.lower() for w in words))
    best = " ".join(best.split())
    if len(best) <= SNIPPET_CHARS:
        return best
    return best[: SNIPPET_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _semantic(session: Session, phrase: str, embedder: Embedder | None) -> dict[int, float]:
    query = (
        select(ArticleEmbeddingRow.article_id, ArticleEmbeddingRow.vector)
        .join(ArticleRow, ArticleRow.id == ArticleEmbeddingRow.article_id)
        .where(ArticleRow.deleted_at.is_(None))
    )
    found = session.execute(query).all()
    if not found:
        return {}
    vector = (embedder or load_embedder()).encode([phrase])[0]
    matrix = np.vstack([bytes_vector(blob) for _, blob in found])
    similarity = matrix @ vector
    return {article_id: float(s) for (article_id, _), s in zip(found, similarity, strict=True)}


def _literal(session: Session, words: list[str]) -> dict[int, int]:
    """How many of the words each live article contains (headline or text)."""
    counts: dict[int, int] = {}
    for word in words:
        for article_id in _containing(session, word):
            counts[article_id] = counts.get(article_id, 0) + 1
    return counts


def _containing(session: Session, needle: str) -> list[int]:
    query = select(ArticleRow.id).where(
        ArticleRow.deleted_at.is_(None),
        or_(
            func.lower(ArticleRow.headline).contains(needle, autoescape=True),
            func.lower(ArticleRow.text).contains(needle, autoescape=True),
        ),
    )
    return list(session.scalars(query))
