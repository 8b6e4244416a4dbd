"""Embeddings cached in the store by sha256 of the text, so a restart never recomputes."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from summarizer.embeddings.base import Embedder
from summarizer.store.stories import EmbeddingCacheRow, bytes_vector, vector_bytes

_LOOKUP_CHUNK = 500


def text_hash(text: str) -> str:
    """The cache key of one text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def embed_cached(
    session: Session, embedder: Embedder, texts: Sequence[str], *, batch_size: int = 64
) -> np.ndarray:
    """Vectors for ``texts`` (rows in order), embedding only those the store has not seen.

    New vectors are added to the session; they are saved when the caller's session commits.
    """
    out = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    if not texts:
        return out
    keys = [text_hash(text) for text in texts]
    found = _lookup(session, embedder.name, set(keys))
    missing: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in found:
            missing.setdefault(key, text)
    if missing:
        vectors = embedder.encode(list(missing.values()), batch_size=batch_size)
        for key, vector in zip(missing, vectors, strict=True):
            found[key] = vector
            session.add(
                EmbeddingCacheRow(model=embedder.name, text_hash=key, vector=vector_bytes(vector))
            )
        session.flush()
    for row, key in enumerate(keys):
        out[row] = found[key]
    return out


def _lookup(session: Session, model: str, keys: set[str]) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), _LOOKUP_CHUNK):
        chunk = ordered[start : start + _LOOKUP_CHUNK]
        query = select(EmbeddingCacheRow.text_hash, EmbeddingCacheRow.vector).where(
            EmbeddingCacheRow.model == model, EmbeddingCacheRow.text_hash.in_(chunk)
        )
        for key, blob in session.execute(query):
            found[key] = bytes_vector(blob)
    return found
