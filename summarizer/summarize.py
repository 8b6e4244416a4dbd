"""Single-article extractive summaries: centrality plus a position prior, with MMR.

One method for every kind of news: a sentence scores by how central it is to the
article, in meaning (cosine to the article's mean sentence embedding) and in words
(content words shared with the other sentences), *and* by how early it comes (news
puts the gist first). Maximal Marginal Relevance then picks sentences that add
something the picked ones do not already say.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from summarizer.sentences import is_boilerplate, split_sentences

if TYPE_CHECKING:
    from summarizer.embeddings import Embedder


@dataclass(frozen=True)
class SummaryWeights:
    """How the signals are blended (tuned jointly on BBC and CNN/DM; see bench/summarize.py)."""

    centrality: float = 0.2
    """Transformer centrality: cosine of the sentence embedding to the article's mean."""
    lexical: float = 0.8
    """Lexical centrality: content words shared with the other sentences (TextRank's edges)."""
    position: float = 0.3
    """The position prior ``1 / (1 + index)``: news puts the gist first."""
    diversity: float = 0.3
    """MMR: how much similarity to an already picked sentence costs (0 = none)."""
    same_fact: float = 0.8
    """Cosine at which a sentence repeats a picked one: it is skipped while others are left."""
    min_words: int = 5
    max_words: int = 60
    """Sentences outside these bounds (datelines, run-together captions) are picked last."""


DEFAULT_WEIGHTS = SummaryWeights()

_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS_TEXT = """a about above after again against all also am an and any are as at be
    because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own said same says she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would
    year years you your yours mr mrs ms one two new"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def centrality(vectors: np.ndarray) -> np.ndarray:
    """Cosine of each (unit) row to the normalised mean of all rows."""
    centroid = vectors.mean(axis=0)
    norm = float(np.linalg.norm(centroid))
    if norm == 0.0:
        return np.zeros(len(vectors), dtype=np.float32)
    return (vectors @ (centroid / norm)).astype(np.float32)


def lexical_centrality(sentences: Sequence[str]) -> np.ndarray:
    """Sum over the other sentences of shared content words / (log len + log len)."""
    words = [{w for w in _WORD.findall(s.lower()) if w not in STOPWORDS} for s in sentences]
    norms = [math.log(max(len(w), 2)) for w in words]
    degree = np.zeros(len(sentences), dtype=np.float32)
    for i in range(len(words)):
        for j in range(i + 1, len(words)):
            shared = len(words[i] & words[j])
            if shared:
                edge = shared / (norms[i] + norms[j])
                degree[i] += edge
                degree[j] += edge
    return degree


def rescale(values: np.ndarray) -> np.ndarray:
    """Values mapped linearly onto [0, 1] (all ones when they are all equal)."""
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-9:
        return np.ones_like(values, dtype=np.float32)
    return ((values - low) / (high - low)).astype(np.float32)


def mmr_select(
    scores: np.ndarray,
    vectors: np.ndarray,
    n: int,
    diversity: float,
    *,
    eligible: np.ndarray,
    same_fact: float = 1.0,
) -> list[int]:
    """Indices picked greedily by ``score - diversity * max similarity to the picked``.

    A sentence at least ``same_fact`` similar to a picked one, or not ``eligible``, is
    picked only when nothing else is left.
    """
    picked: list[int] = []
    pool = list(range(len(scores)))
    penalty = np.zeros(len(scores), dtype=np.float32)
    while pool and len(picked) < n:
        candidates = [i for i in pool if eligible[i] and penalty[i] < same_fact] or pool
        best = max(candidates, key=lambda i: scores[i] - diversity * penalty[i])
        picked.append(best)
        pool.remove(best)
        penalty = np.maximum(penalty, vectors @ vectors[best])
    return picked


def rank_sentences(
    sentences: Sequence[str],
    vectors: np.ndarray,
    n: int = 3,
    weights: SummaryWeights = DEFAULT_WEIGHTS,
) -> list[int]:
    """Indices of the ``n`` summary sentences, in document order."""
    if not sentences:
        return []
    position = 1.0 / (1.0 + np.arange(len(sentences), dtype=np.float32))
    score = (
        weights.centrality * rescale(centrality(vectors))
        + weights.lexical * rescale(lexical_centrality(sentences))
        + weights.position * position
    )
    eligible = np.array(
        [
            weights.min_words <= len(s.split()) <= weights.max_words and not is_boilerplate(s)
            for s in sentences
        ]
    )
    picked = mmr_select(
        score, vectors, n, weights.diversity, eligible=eligible, same_fact=weights.same_fact
    )
    return sorted(picked)


def summarize_article(
    text: str,
    n: int = 3,
    *,
    embedder: Embedder | None = None,
    weights: SummaryWeights = DEFAULT_WEIGHTS,
) -> list[str]:
    """The ``n`` sentences of ``text`` that best summarise it, verbatim and in order.

    ``text`` is the article body (leave the headline out). The packaged embedder is
    loaded on first use when none is given.
    """
    sentences = split_sentences(text)
    if len(sentences) <= n:
        return sentences
    if embedder is None:
        from summarizer.embeddings import load_embedder

        embedder = load_embedder()
    vectors = embedder.encode(sentences)
    return [sentences[i] for i in rank_sentences(sentences, vectors, n, weights)]
