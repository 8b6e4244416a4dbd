"""The feature matrix the learned sentence scorer reads: one row per sentence.

Every feature is computed within the article (centralities rescaled to [0, 1], positions
counted from its start), so one model serves articles of any length or source. The
column order is :data:`FEATURE_NAMES`; the fitted coefficients follow it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from summarizer.summarize.signals import (
    centroid_similarity,
    content_share,
    directed_centrality,
    echo_of_earlier,
    lede_similarity,
    lexical_centrality,
    phrase_centrality,
    phrase_frequency,
    rescale,
    word_frequency,
)

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
_DIGIT = re.compile(r"\d")
_ATTRIBUTION = re.compile(r"\b(?:said|says|told)\b")
_QUOTES = ('"', "“", "”")
_LENGTH_INTERACTIONS = ("lexical", "frequency", "phrases", "directed", "centroid", "pairs")

FEATURE_NAMES: tuple[str, ...] = (
    "lexical",  # content words shared with the other sentences (TextRank's edges)
    "phrases",  # word pairs shared with the other sentences
    "directed",  # PACSUM: cosines to later sentences minus those to earlier ones
    "forward",  # cosines to later sentences only
    "undirected",  # cosines to all other sentences
    "centroid",  # cosine to the article's mean vector
    "frequency",  # mean article frequency of its content words
    "pairs",  # mean number of sentences sharing each of its word pairs
    "content",  # share of its words that are not stopwords
    "attributed",  # said / says / told
    "lede",  # cosine to the first two sentences
    "echo",  # highest cosine to an earlier sentence
    "repeats",  # share of an earlier sentence's content words it repeats
    "digits",  # states a number
    "names",  # capitalised words per word
    "quote",  # contains a quotation mark
    "length",  # min(words, 60) / 60
    "length^2",
    "length30",  # min(words, 30) / 30
    "short",  # under 12 words
    "long",  # over 50 words
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "early",  # exp(-index / 3)
    "index",  # min(index, 20) / 20
    *(f"length*{name}" for name in _LENGTH_INTERACTIONS),
)


def sentence_features(sentences: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    """The (sentences x features) matrix, columns in :data:`FEATURE_NAMES` order."""
    words = np.array([len(s.split()) for s in sentences], dtype=np.float32)
    index = np.arange(len(sentences), dtype=np.float32)
    echo, repeats = echo_of_earlier(sentences, vectors)
    length = np.minimum(words, 60) / 60
    columns = {
        "lexical": rescale(lexical_centrality(sentences)),
        "phrases": rescale(phrase_centrality(sentences)),
        "directed": rescale(directed_centrality(vectors, -1.0)),
        "forward": rescale(directed_centrality(vectors, 0.0)),
        "undirected": rescale(directed_centrality(vectors, 1.0)),
        "centroid": centroid_similarity(vectors),
        "frequency": rescale(word_frequency(sentences)),
        "pairs": rescale(phrase_frequency(sentences)),
        "content": content_share(sentences),
        "attributed": np.array([bool(_ATTRIBUTION.search(s)) for s in sentences], dtype=np.float32),
        "lede": lede_similarity(vectors),
        "echo": echo,
        "repeats": repeats,
        "digits": np.array([bool(_DIGIT.search(s)) for s in sentences], dtype=np.float32),
        "names": np.array(
            [len(_CAPITALISED.findall(s)) / max(len(s.split()), 1) for s in sentences],
            dtype=np.float32,
        ),
        "quote": np.array([any(q in s for q in _QUOTES) for s in sentences], dtype=np.float32),
        "length": length,
        "length^2": length**2,
        "length30": np.minimum(words, 30) / 30,
        "short": (words < 12).astype(np.float32),
        "long": (words > 50).astype(np.float32),
        "early": np.exp(-index / 3),
        "index": np.minimum(index, 20) / 20,
    }
    for position, name in enumerate(("first", "second", "third", "fourth", "fifth")):
        columns[name] = (index == position).astype(np.float32)
    for name in _LENGTH_INTERACTIONS:
        columns[f"length*{name}"] = length * columns[name]
    return np.column_stack([columns[name] for name in FEATURE_NAMES]).astype(np.float32)
