"""Per-sentence signals of one article: centralities, word frequency, echoes of earlier text.

Every function takes the article's sentences (and, where meaning matters, their unit
sentence embeddings) and returns one value per sentence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

_WORD = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(r"[A-Za-z0-9']+")
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


def content_words(sentence: str) -> set[str]:
    """Lower-cased words of a sentence, stopwords left out."""
    return {w for w in _WORD.findall(sentence.lower()) if w not in STOPWORDS}


def rescale(values: np.ndarray) -> np.ndarray:
    """Values mapped linearly onto [0, 1] (all ones when they are all equal)."""
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-9:
        return np.ones_like(values, dtype=np.float32)
    return ((values - low) / (high - low)).astype(np.float32)


def standardise(values: np.ndarray) -> np.ndarray:
    """Values shifted to mean 0 and scaled to unit spread (all zeros when they are equal)."""
    spread = float(values.std())
    return ((values - values.mean()) / (spread if spread > 1e-9 else 1.0)).astype(np.float32)


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
    """Overlap degree over content words (TextRank's edges, summed)."""
    return overlap_degree([content_words(s) for s in sentences])


def phrase_centrality(sentences: Sequence[str]) -> np.ndarray:
    """Overlap degree over adjacent word pairs, leaving out pairs of two stopwords."""
    pairs = []
    for sentence in sentences:
        words = _WORD.findall(sentence.lower())
        pairs.append(
            {(a, b) for a, b in pairwise(words) if a not in STOPWORDS or b not in STOPWORDS}
        )
    return overlap_degree(pairs)


def word_frequency(sentences: Sequence[str]) -> np.ndarray:
    """Mean article frequency of a sentence's content words (SumBasic-style), max word = 1."""
    tokens = [[w.lower() for w in _TOKEN.findall(s)] for s in sentences]
    counts = Counter(w for words in tokens for w in words if w not in STOPWORDS)
    top = max(counts.values(), default=1)
    means = []
    for words in tokens:
        known = [counts[w] / top for w in words if w in counts]
        means.append(sum(known) / len(known) if known else 0.0)
    return np.array(means, dtype=np.float32)


def phrase_frequency(sentences: Sequence[str]) -> np.ndarray:
    """Mean number of sentences sharing each of a sentence's word pairs (stopword pairs 0)."""
    words = [_WORD.findall(s.lower()) for s in sentences]
    counts = Counter(
        pair
        for tokens in words
        for pair in set(pairwise(tokens))
        if pair[0] not in STOPWORDS or pair[1] not in STOPWORDS
    )
    return np.array(
        [
            sum(counts[pair] for pair in pairwise(tokens)) / (len(tokens) - 1)
            if len(tokens) > 1
            else 0.0
            for tokens in words
        ],
        dtype=np.float32,
    )


def content_share(sentences: Sequence[str]) -> np.ndarray:
    """Share of a sentence's words that are not stopwords."""
    words = [_WORD.findall(s.lower()) for s in sentences]
    return np.array(
        [sum(w not in STOPWORDS for w in tokens) / max(len(tokens), 1) for tokens in words],
        dtype=np.float32,
    )


def centroid_similarity(vectors: np.ndarray) -> np.ndarray:
    """Cosine of each sentence to the article's mean sentence vector."""
    centroid = vectors.mean(axis=0)
    return (vectors @ (centroid / max(float(np.linalg.norm(centroid)), 1e-9))).astype(np.float32)


def lede_similarity(vectors: np.ndarray) -> np.ndarray:
    """Cosine of each sentence to the mean of the first two (the lede)."""
    lede = vectors[:2].mean(axis=0)
    return (vectors @ (lede / max(float(np.linalg.norm(lede)), 1e-9))).astype(np.float32)


def echo_of_earlier(sentences: Sequence[str], vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence: highest cosine to an earlier sentence, and the largest share of an
    earlier sentence's content words it repeats (both 0 for the first sentence)."""
    similarity = vectors @ vectors.T
    words = [content_words(s) for s in sentences]
    cosine = np.zeros(len(sentences), dtype=np.float32)
    repeated = np.zeros(len(sentences), dtype=np.float32)
    for i in range(1, len(sentences)):
        cosine[i] = similarity[i, :i].max()
        repeated[i] = max(len(words[i] & words[j]) / max(len(words[j]), 1) for j in range(i))
    return cosine, repeated
