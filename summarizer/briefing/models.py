"""What a briefing is: cited key points per story, and a digest of ranked stories."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class KeyPoint:
    """One sentence taken verbatim from an article, cited to its outlet and article."""

    text: str
    outlet: str | None
    article_id: int
    also: tuple[str, ...] = ()
    """Other outlets whose articles say the same thing in other words."""

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "outlet": self.outlet,
            "article": self.article_id,
            "also": list(self.also),
        }

    def citation(self) -> str:
        """``France24`` or ``France24, +2 more`` style attribution; ``unknown outlet, article
        12`` when the outlet is unknown (``briefbot show 12`` prints that article)."""
        outlet = self.outlet or f"unknown outlet, article {self.article_id}"
        return f"{outlet}, +{len(self.also)} more" if self.also else outlet


@dataclass(frozen=True)
class Briefing:
    """One story as a reader sees it."""

    id: int
    headline: str
    points: list[KeyPoint]
    outlets: list[str]
    articles: list[int]
    people: list[str] = field(default_factory=list)
    first_published: datetime | None = None
    last_published: datetime | None = None
    rank: int | None = None
    is_new: bool = False
    """The story started after the digest's ``since``."""
    updated: bool = False
    """The story gained articles after the digest's ``since`` (new or grown)."""
    summary: list[str] | None = None
    """Fluent rewrite of the points (optional abstractive model), checked against them."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rank": self.rank,
            "headline": self.headline,
            "updated": self.updated,
            "new": self.is_new,
            "points": [point.to_json() for point in self.points],
            "summary": self.summary,
            "outlets": self.outlets,
            "articles": self.articles,
            "people": self.people,
            "first_published": _iso(self.first_published),
            "last_published": _iso(self.last_published),
        }

    def to_text(self) -> str:
        """A plain-text rendering for the console."""
        mark = " [new]" if self.is_new else " [updated]" if self.updated else ""
        number = f"{self.rank}. " if self.rank else ""
        lines = [f"{number}{self.headline}{mark}"]
        if self.summary:
            lines += [f"   {sentence}" for sentence in self.summary]
        lines += [f"   - {point.text} ({point.citation()})" for point in self.points]
        sources = ", ".join(self.outlets) or "unknown outlets"
        lines.append(f"   Sources: {sources} ({len(self.articles)} articles; story {self.id})")
        if self.people:
            lines.append(f"   People: {', '.join(self.people)}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Digest:
    """The period's top stories, ranked."""

    generated_at: datetime
    since: datetime | None
    stories: list[Briefing]
    topic: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "generated_at": _iso(self.generated_at),
            "since": _iso(self.since),
            "topic": self.topic,
            "stories": [story.to_json() for story in self.stories],
        }

    def to_text(self) -> str:
        """A plain-text rendering for the console."""
        period = f" since {self.since:%Y-%m-%d %H:%M} UTC" if self.since else ""
        about = f" about {self.topic!r}" if self.topic else ""
        if not self.stories:
            return f"No stories{about}{period}."
        count = "Top story" if len(self.stories) == 1 else f"Top {len(self.stories)} stories"
        head = f"{count}{about}{period}"
        return "\n\n".join([head, *(story.to_text() for story in self.stories)])


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
