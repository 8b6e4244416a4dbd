"""The embedder contract and the batching shared by every backend (numpy only)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
MAX_TOKENS = 256
DIMENSION = 384


class EmbeddingError(RuntimeError):
    """The packaged model could not be loaded or run (the message says why)."""


@dataclass(frozen=True)
class Batch:
    """Padded token ids for a run of texts of similar length, with their original positions."""

    positions: np.ndarray
    input_ids: np.ndarray
    attention_mask: np.ndarray


def length_sorted_batches(ids: Sequence[Sequence[int]], batch_size: int) -> Iterator[Batch]:
    """Group tokenised texts by length so that each batch pads as little as possible."""
    lengths = np.fromiter((len(row) for row in ids), dtype=np.int64, count=len(ids))
    order = np.argsort(-lengths, kind="stable")
    for start in range(0, len(order), batch_size):
        positions = order[start : start + batch_size]
        width = int(lengths[positions].max())
        input_ids = np.zeros((len(positions), width), dtype=np.int64)
        mask = np.zeros((len(positions), width), dtype=np.int64)
        for row, position in enumerate(positions):
            tokens = ids[position]
            input_ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1
        yield Batch(positions, input_ids, mask)


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mask-aware mean over tokens, then L2-normalised rows (float32)."""
    weights = mask[..., None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    pooled = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    return normalise(pooled)


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)


class Embedder(ABC):
    """Texts in, float32 L2-normalised vectors out (one row per text, in order)."""

    name: str
    """Identifies model and backend; cached vectors are keyed by it."""
    dimension: int = DIMENSION
    max_batch: int | None = None
    """Backends whose vectors would depend on batch neighbours (dynamic int8) set this to 1."""
    workers: int = 1
    """Batches run this many at a time, each in its own thread (for backends that release
    the GIL and run one small batch per thread best; results are the same)."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        """Embed ``texts``; empty input gives a ``(0, dimension)`` array."""
        texts = [text if isinstance(text, str) else str(text) for text in texts]
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        ids = self.tokenizer(texts, truncation=True, max_length=MAX_TOKENS)["input_ids"]
        size = max(1, min(batch_size, self.max_batch or batch_size))
        batches = list(length_sorted_batches(ids, size))

        def run(batch: Batch) -> np.ndarray:
            return self._embed_batch(batch.input_ids, batch.attention_mask)

        if self.workers > 1 and len(batches) > 1:
            with ThreadPoolExecutor(min(self.workers, len(batches))) as pool:
                results = list(pool.map(run, batches))
        else:
            results = [run(batch) for batch in batches]
        for batch, vectors in zip(batches, results, strict=True):
            out[batch.positions] = vectors
        return out

    @abstractmethod
    def _embed_batch(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """Pooled, normalised vectors for one padded batch."""
