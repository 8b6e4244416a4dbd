"""What the people extractor gives for one article: its sentences and name mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizer.models import Article


@dataclass
class Mention:
    """One name in one sentence of an article."""

    sentence: int
    start: int
    end: int
    surface: str
    name: str
    key: str
    label: str
    context: str | None = None
    role: str | None = None
    quote: str | None = None


@dataclass
class ArticleExtract:
    """What one article says about names: its sentences (by position) and mentions."""

    article: Article
    sentences: dict[int, str] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    quoted: set[int] = field(default_factory=set)
    """Sentences that are someone's words without saying whose (never shown as facts)."""
