"""Settings the NLP pipeline needs, as a plain dataclass the entry point fills in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

STORY_THRESHOLD = 0.20
"""Similarity an article needs to join a story (fit on uci-dev, see docs/stories.md)."""


@dataclass(frozen=True)
class PipelineConfig:
    """Everything :mod:`summarizer` reads from configuration.

    The entry point (``bot.settings``) builds this from ``BRIEFBOT_*`` settings;
    tests build it directly.
    """

    corpus_dir: Path = Path("corpus")
    database_url: str = "sqlite:///data/briefbot.db"
    max_file_bytes: int = 5_000_000
    """Files larger than this are rejected with a clear message."""
    stable_seconds: float = 2.0
    """A file must keep its size and mtime this long before it is read."""
    story_window_hours: float = 96.0
    """An article may join a story whose newest article is at most this old."""
    story_threshold: float = STORY_THRESHOLD
    """The similarity an article needs to join a story (higher: tighter, more stories)."""
    digest_max_stories: int = 5
    abstractive_model_dir: Path | None = None
    """Optional local seq2seq/causal checkpoint for rewriting key points."""
    embedding_threads: int = 2
    embedding_backend: str | None = None
    """``onnx``, ``onnx-int8`` or ``fp32``; None: ``BRIEFBOT_EMBEDDING_BACKEND``, else onnx."""
    model_cache: Path | None = None
    """Where the ONNX export is kept; None: ``BRIEFBOT_MODEL_CACHE``, else ``~/.cache/briefbot``."""
    workers: str = "off"
    """``queue``: on PostgreSQL, share embedding with ``briefbot worker`` processes."""
    worker_wait_seconds: float = 120.0
    """The longest processing waits for the workers before embedding the rest itself."""
