"""Single-article extractive summaries: lexical and directed centrality, length, MMR.

One method for every kind of news. A sentence scores by

* how central it is in words: content words and two-word phrases shared with every
  other sentence (TextRank's edges, summed), which suits extractive references;
* how central it is in meaning *towards what follows*: PACSUM's directed degree
  (Zheng & Lapata 2019) over sentence-embedding cosines, where similarity to later
  sentences counts for a sentence and similarity to earlier ones against it. News
  states the gist first and elaborates after, so position enters through the graph;
* how much it says: its length in words, saturating at ``length_cap``.

Maximal Marginal Relevance then picks sentences that add something the picked ones
do not already say.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from summarizer.sentences import is_boilerplate, split_sentences

if TYPE_CHECKING:
    from summarizer.embeddings import Embedder


@dataclass(frozen=True)
class SummaryWeights:
    """How the signals are blended (tuned jointly on BBC and CNN/DM; see docs/briefings.md)."""

    lexical: float = 0.7
    """Lexical centrality: content words shared with the other sentences (TextRank's edges)."""
    phrases: float = 0.2
    """Phrase centrality: word pairs (not both stopwords) shared with the other sentences."""
    directed: float = 0.4
    """Directed embedding centrality: cosines to later sentences plus ``backward`` x earlier."""
    backward: float = -1.0
    """Weight of the cosines to *earlier* sentences in the directed centrality (PACSUM's λ1)."""
    length: float = 0.7
    """Bonus for words, ``min(words, length_cap) / length_cap``."""
    length_cap: int = 30
    diversity: float = 0.2
    """MMR: how much similarity to an already picked sentence costs (0 = none)."""
    same_fact: float = 0.85
    """Cosine at which a sentence repeats a picked one: it is skipped while others are left."""
    min_words: int = 12
    max_words: int = 50
    """Sentences outside these bounds (datelines, captions, run-ons) are picked last."""


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


def directed_centrality(vectors: np.ndarray, backward: float) -> np.ndarray:
    """Per sentence: summed cosine to later sentences plus ``backward`` x that to earlier ones."""
    similarity = vectors @ vectors.T
    later = np.triu(similarity, 1).sum(axis=1)
    earlier = np.tril(similarity, -1).sum(axis=1)
    return (later + backward * earlier).astype(np.float32)


def overlap_degree(units: Sequence[set]) -> np.ndarray:
    """Sum over the other sentences of shared units / (log count + log count)."""
    norms = [math.log(max(len(u), 2)) for u in units]
    degree = np.zeros(len(units), dtype=np.float32)
    for i in range(len(units)):
        for j in range(i + 1, len(units)):
            shared = len(units[i] & units[j])
            if shared:
                edge = shared / (norms[i] + norms[j])
                degree[i] += edge
                degree[j] += edge
    return degree


def lexical_centrality(sentences: Sequence[str]) -> np.ndarray:
    """Overlap degree over content words (stopwords left out)."""
    return overlap_degree(
        [{w for w in _WORD.findall(s.lower()) if w not in STOPWORDS} for s in sentences]
    )


def phrase_centrality(sentences: Sequence[str]) -> np.ndarray:
    """Overlap degree over adjacent word pairs, leaving out pairs of two stopwords."""
    pairs = []
    for sentence in sentences:
        words = _WORD.findall(sentence.lower())
        pairs.append(
            {(a, b) for a, b in pairwise(words) if a not in STOPWORDS or b not in STOPWORDS}
        )
    return overlap_degree(pairs)


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

    Preference goes to eligible sentences less than ``same_fact`` similar to every picked
    one, then to any such new sentence, then to whatever is left.
    """
    picked: list[int] = []
    pool = list(range(len(scores)))
    penalty = np.zeros(len(scores), dtype=np.float32)
    while pool and len(picked) < n:
        novel = [i for i in pool if penalty[i] < same_fact]
        candidates = [i for i in novel if eligible[i]] or novel or pool
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
    words = np.array([len(s.split()) for s in sentences], dtype=np.float32)
    score = (
        weights.lexical * rescale(lexical_centrality(sentences))
        + weights.phrases * rescale(phrase_centrality(sentences))
        + weights.directed * rescale(directed_centrality(vectors, weights.backward))
        + weights.length * np.minimum(words, weights.length_cap) / weights.length_cap
    )
    eligible = np.array(
        [
            weights.min_words <= count <= weights.max_words and not is_boilerplate(s)
            for count, s in zip(words, sentences, strict=True)
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
