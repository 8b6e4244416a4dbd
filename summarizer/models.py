"""Plain dataclasses the pipeline hands between stages and to the chat side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Article:
    """One clean, attributed article as stored (its latest version)."""

    id: int
    path: str
    headline: str | None
    outlet: str | None
    url: str | None
    published: datetime
    language: str
    text: str
    """Clean text; paragraphs separated by a blank line."""
    content_hash: str
    version: int
    update_of: int | None = None
    """Set when this article is a near-duplicate re-scrape of another one."""

    @property
    def paragraphs(self) -> list[str]:
        """The clean text split into paragraphs."""
        return [p for p in self.text.split("\n\n") if p.strip()]
