"""Imports every summarizer table module so ``Base.metadata`` is complete."""

from summarizer.store import articles  # noqa: F401
