"""What clustering compares: the lead's sentences (to embed) and the article's salient names."""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np

from summarizer.models import Article
from summarizer.sentences import clean_sentence, split_sentences

LEAD_CHARS = 1000
"""Sentences are embedded until this many characters of the lead are covered."""
NAME_DIMENSION = 2048
"""Names are hashed (signed) into a dense vector of this size."""

_TOKEN = re.compile(r"[A-Za-z][\w'’.&-]*\w|[A-Za-z0-9]")
_STOP_WORDS = """a an the and or but if then so of in on at to for from by with as is are
    was were be
    been it its this that these those he she they we you i his her their our my your not no
    yes mr mrs ms dr prof sir new says said say will would can could may might must shall also
    after before when while where who what which how why there here all one two three four
    five first last more most many much some any other such than over under about into up
    down out just only very even still monday tuesday wednesday thursday friday saturday
    sunday january february march april june july august september october november december
    today yesterday tomorrow tonight week month year read image photo picture video getty
    images click share follow update updated via per according however meanwhile"""
_STOP = frozenset(_STOP_WORDS.split())


def lead_units(article: Article, *, budget: int = LEAD_CHARS) -> list[str]:
    """The headline, then the text's first sentences until ``budget`` characters are covered."""
    units: list[str] = []
    headline = " ".join((article.headline or "").split())
    if headline:
        units.append(headline)
    used = len(headline)
    for raw in split_sentences(article.text):
        if used >= budget:
            break
        sentence = clean_sentence(raw)
        if sentence and sentence != headline:
            units.append(sentence)
            used += len(sentence)
    return units or [" ".join(article.text.split())[:budget]]


def salient_names(article: Article) -> dict[str, int]:
    """Capitalised words not opening a sentence (proper nouns, roughly), lower-cased, counted.

    A sentence's first word, and any headline word (headlines are often in title case),
    counts only when the article also writes it capitalised mid-sentence.
    """
    counts: Counter[str] = Counter()
    openers: Counter[str] = Counter()
    lines = [article.headline or "", *split_sentences(article.text)]
    for index, sentence in enumerate(lines):
        title = index == 0
        for position, token in enumerate(_TOKEN.findall(sentence)):
            if not token[0].isupper():
                continue
            key = _normal(token)
            if len(key) < 2 or key in _STOP:
                continue
            (openers if position == 0 or title else counts)[key] += 1
    for key, count in openers.items():
        if key in counts:
            counts[key] += count
    return dict(counts)


def _normal(token: str) -> str:
    key = token.lower().replace("’", "'").rstrip(".")
    return key[:-2] if key.endswith("'s") else key


def idf_table(documents: Iterable[Mapping[str, int]]) -> tuple[dict[str, float], float]:
    """Smoothed inverse document frequency of each name, and the value for unseen names."""
    frequency: Counter[str] = Counter()
    total = 0
    for names in documents:
        frequency.update(names.keys())
        total += 1
    idf = {name: math.log((1 + total) / (1 + df)) + 1.0 for name, df in frequency.items()}
    return idf, math.log(1 + total) + 1.0


def name_vector(names: Mapping[str, int], idf: Mapping[str, float], unseen: float) -> np.ndarray:
    """Unit tf-idf vector of the names (sublinear tf), hashed with signs into a dense array."""
    vector = np.zeros(NAME_DIMENSION, dtype=np.float32)
    for name, count in names.items():
        digest = zlib.crc32(name.encode("utf-8"))
        sign = 1.0 if digest & 1 else -1.0
        vector[(digest >> 1) % NAME_DIMENSION] += (
            sign * (1.0 + math.log(count)) * idf.get(name, unseen)
        )
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def encode_names(names: Mapping[str, int]) -> str:
    """Names as stored: ``name:count`` pairs separated by spaces (names contain no spaces)."""
    return " ".join(f"{name}:{count}" for name, count in sorted(names.items()))


def decode_names(stored: str) -> dict[str, int]:
    """The inverse of :func:`encode_names`."""
    names: dict[str, int] = {}
    for pair in stored.split():
        name, _, count = pair.rpartition(":")
        if name and count.isdigit():
            names[name] = int(count)
    return names
