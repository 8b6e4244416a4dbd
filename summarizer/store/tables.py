"""Imports every summarizer table module so ``Base.metadata`` is complete."""

from summarizer.store import articles, people, stories  # noqa: F401
