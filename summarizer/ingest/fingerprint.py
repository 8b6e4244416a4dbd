"""Hashes for identity (exact duplicates, repeated paragraphs) and SimHash for near-duplicates."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from zlib import crc32

import numpy as np

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
SIMHASH_CANDIDATE_BITS = 18
"""Hamming distance under which two SimHashes are compared word by word."""
NEAR_DUPLICATE_JACCARD = 0.6
"""Word-trigram Jaccard similarity from which an article is a re-scrape of another."""


def content_hash(paragraphs: list[str]) -> str:
    """SHA-256 of the body (whitespace-normalised): the article's identity."""
    body = "\n\n".join(" ".join(p.split()) for p in paragraphs)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def paragraph_key(paragraph: str) -> str:
    """A short hash of a paragraph, blind to case, quotes, punctuation and spacing."""
    folded = unicodedata.normalize("NFKC", paragraph).casefold()
    squashed = " ".join(_TOKEN.findall(folded))
    return hashlib.blake2b(squashed.encode("utf-8"), digest_size=8).hexdigest()


def shingles(text: str) -> np.ndarray:
    """Sorted unique 64-bit hashes of the word trigrams (lower-cased) of a text."""
    tokens = _TOKEN.findall(text.casefold())
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    words = np.fromiter(
        (crc32(token.encode("utf-8")) for token in tokens), dtype=np.uint64, count=len(tokens)
    )
    if len(words) >= 3:
        words = _mix(words[:-2] * _P1 + words[1:-1] * _P2 + words[2:])
    return np.unique(_mix(words))


_P1, _P2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)


def _mix(values: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: spreads every input bit over the whole word."""
    with np.errstate(over="ignore"):
        values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return values ^ (values >> np.uint64(31))


def simhash(grams: np.ndarray) -> int:
    """64-bit SimHash over the shingle hashes (each weighted 1)."""
    if not len(grams):
        return 0
    bits = np.unpackbits(grams.astype(">u8").view(np.uint8).reshape(-1, 8), axis=1)
    votes = bits.sum(axis=0, dtype=np.int64) * 2 > len(grams)
    return int.from_bytes(np.packbits(votes).tobytes(), "big")


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """|A ∩ B| / |A ∪ B| of two sorted unique hash arrays (0 for two empty ones)."""
    common = np.intersect1d(a, b, assume_unique=True).size
    union = a.size + b.size - common
    return common / union if union else 0.0


class SimHashIndex:
    """SimHashes of live articles in a growable array; candidates by vectorised Hamming."""

    def __init__(self) -> None:
        self._hashes = np.zeros(1024, dtype=np.uint64)
        self._ids: list[object] = []

    def add(self, key: object, value: int) -> None:
        if len(self._ids) == len(self._hashes):
            self._hashes = np.concatenate([self._hashes, np.zeros_like(self._hashes)])
        self._hashes[len(self._ids)] = np.uint64(value)
        self._ids.append(key)

    def discard(self, key: object) -> None:
        """Forget an entry (its slot stays, pointing nowhere)."""
        for i, known in enumerate(self._ids):
            if known == key:
                self._ids[i] = None

    def candidates(self, value: int, max_bits: int = SIMHASH_CANDIDATE_BITS) -> list[object]:
        """Keys whose SimHash differs from ``value`` in at most ``max_bits`` bits, closest first."""
        count = len(self._ids)
        if not count:
            return []
        distances = np.bitwise_count(self._hashes[:count] ^ np.uint64(value))
        close = np.flatnonzero(distances <= max_bits)
        ordered = close[np.argsort(distances[close], kind="stable")]
        return [self._ids[i] for i in ordered if self._ids[i] is not None]
