"""Embeddings cached in the store by sha256 of the text, so a restart never recomputes.

Recently used vectors are also kept in process memory (per database and model), so that
rebuilding a large story's briefing does not read them all from the store again.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from summarizer.embeddings.base import DIMENSION, Embedder
from summarizer.store.stories import EmbeddingCacheRow, bytes_vector, vector_bytes
from summarizer.store.upsert import insert_missing

_LOOKUP_CHUNK = 500
MEMORY_VECTORS = 50_000
"""Vectors also kept in process memory (about 80 MB), most recently used first: a story's
briefing reads thousands of sentence vectors each time the story grows."""
_memory: OrderedDict[tuple[str, str, str], np.ndarray] = OrderedDict()
_memory_lock = threading.Lock()


def text_hash(text: str) -> str:
    """The cache key of one text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def embed_cached(
    session: Session, embedder: Embedder, texts: Sequence[str], *, batch_size: int = 64
) -> np.ndarray:
    """Vectors for ``texts`` (rows in order), embedding only those the store has not seen.

    New vectors are inserted in the session (kept as they are where another process stored
    the same text meanwhile); they are saved when the caller's session commits.
    """
    out = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    if not texts:
        return out
    keys = [text_hash(text) for text in texts]
    database = str(session.get_bind().url)
    found = _recall(database, embedder.name, keys)
    found.update(_lookup(session, embedder.name, set(keys) - found.keys()))
    missing: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in found:
            missing.setdefault(key, text)
    if missing:
        vectors = embedder.encode(list(missing.values()), batch_size=batch_size)
        rows = []
        for key, vector in zip(missing, vectors, strict=True):
            found[key] = vector
            rows.append({"model": embedder.name, "text_hash": key, "vector": vector_bytes(vector)})
        insert_missing(session, EmbeddingCacheRow, rows)
    for row, key in enumerate(keys):
        out[row] = found[key]
    _remember(database, embedder.name, found)
    return out


def cached_only(session: Session, model: str, texts: Sequence[str]) -> np.ndarray | None:
    """Vectors for ``texts`` when every one is cached under ``model`` (no model is loaded),
    else None: reading a briefing whose sentences were embedded before needs no model."""
    keys = [text_hash(text) for text in texts]
    database = str(session.get_bind().url)
    found = _recall(database, model, keys)
    found.update(_lookup(session, model, set(keys) - found.keys()))
    if len(found) < len(set(keys)):
        return None
    out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
    for row, key in enumerate(keys):
        out[row] = found[key]
    _remember(database, model, found)
    return out


def _recall(database: str, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
    """Vectors this process read or computed lately for this database and model."""
    with _memory_lock:
        found = {}
        for key in keys:
            vector = _memory.get((database, model, key))
            if vector is not None:
                _memory.move_to_end((database, model, key))
                found[key] = vector
        return found


def _remember(database: str, model: str, vectors: dict[str, np.ndarray]) -> None:
    with _memory_lock:
        for key, vector in vectors.items():
            _memory[(database, model, key)] = vector
            _memory.move_to_end((database, model, key))
        while len(_memory) > MEMORY_VECTORS:
            _memory.popitem(last=False)


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
