"""Sentence embeddings (all-MiniLM-L6-v2, offline) and their store-backed cache.

Importing this package is cheap: torch/transformers load on the first
:func:`load_embedder` call.
"""

from summarizer.embeddings.base import MODEL_NAME, Embedder, EmbeddingError
from summarizer.embeddings.cache import embed_cached, text_hash
from summarizer.embeddings.loader import configure, load_embedder

__all__ = [
    "MODEL_NAME",
    "Embedder",
    "EmbeddingError",
    "configure",
    "embed_cached",
    "load_embedder",
    "text_hash",
]
