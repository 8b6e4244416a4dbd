"""What a briefing is: cited key points per story, and a digest of ranked stories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

DIGEST_POINTS = 2
"""Points per story a digest shows at most by default (``/story N`` shows them all)."""
DIGEST_WORDS = 300
"""About how many words a default digest of five stories runs to (headlines, cited
points, outlets): every story shows its strongest point, and a second one while the
digest stays under this."""
MAX_DIGEST_POINTS = 4


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
    organisations: list[str] = field(default_factory=list)
    """Organisations named in the story (``people`` lists only people)."""

    def to_json(self, shown: int | None = None) -> dict[str, Any]:
        """The briefing as JSON; with ``shown``, only its first ``shown`` points, and
        ``more_points`` says how many ``briefbot story`` adds."""
        shown = len(self.points) if shown is None else shown
        return {
            "id": self.id,
            "rank": self.rank,
            "headline": self.headline,
            "updated": self.updated,
            "new": self.is_new,
            "points": [point.to_json() for point in self.points[:shown]],
            "more_points": max(len(self.points) - shown, 0),
            "summary": self.summary,
            "outlets": self.outlets,
            "articles": self.articles,
            "people": self.people,
            "organisations": self.organisations,
            "first_published": _iso(self.first_published),
            "last_published": _iso(self.last_published),
        }

    def to_text(self, shown: int | None = None) -> str:
        """A plain-text rendering for the console; with ``shown``, the digest's short form:
        its first ``shown`` points and where to read the rest."""
        mark = " [new]" if self.is_new else " [updated]" if self.updated else ""
        number = f"{self.rank}. " if self.rank else ""
        lines = [f"{number}{self.headline}{mark}"]
        if self.summary and shown is None:
            lines += [f"   {sentence}" for sentence in self.summary]
        points = self.points if shown is None else self.points[:shown]
        lines += [f"   - {point.text} ({point.citation()})" for point in points]
        sources = ", ".join(self.outlets) or "unknown outlets"
        count = f"{len(self.articles)} article{'' if len(self.articles) == 1 else 's'}"
        if shown is None:
            lines.append(f"   Sources: {sources} ({count}; story {self.id})")
        else:
            lines.append(f"   Sources: {sources} ({count}) · more: briefbot story {self.id}")
        if self.people:
            lines.append(f"   People: {', '.join(self.people)}")
        if self.organisations:
            lines.append(f"   Organisations: {', '.join(self.organisations)}")
        return "\n".join(lines)


def _words(text: str) -> int:
    return len(text.split())


def _point_words(point: KeyPoint) -> int:
    """A point as shown: its text and the outlet it is cited to."""
    return _words(point.text) + _words(point.outlet or "unknown outlet")


def _frame_words(story: Briefing) -> int:
    """A story's lines besides its points: headline, outlets, "more: /story N"."""
    return _words(story.headline) + sum(_words(o) for o in story.outlets) + 5


def shown_points(
    stories: Sequence[Briefing], points: int | None = None, words: int = DIGEST_WORDS
) -> list[int]:
    """How many points each story of a digest shows: ``points`` each when the reader asked
    for that many; by default one each, and a second (in rank order) while the digest
    (headlines, cited points, outlets) stays within ``words``."""
    if points is not None:
        return [min(points, len(story.points)) for story in stories]
    shown = [min(1, len(story.points)) for story in stories]
    used = sum(
        _frame_words(story) + sum(_point_words(p) for p in story.points[:1]) for story in stories
    )
    for extra in range(1, DIGEST_POINTS):
        for at, story in enumerate(stories):
            if len(story.points) > extra:
                cost = _point_words(story.points[extra])
                if used + cost <= words:
                    shown[at] += 1
                    used += cost
    return shown


@dataclass(frozen=True)
class Digest:
    """The period's top stories, ranked."""

    generated_at: datetime
    since: datetime | None
    stories: list[Briefing]
    topic: str | None = None
    points: int | None = None
    """Points per story the reader asked for; None: the short default (:func:`shown_points`)."""

    def to_json(self) -> dict[str, Any]:
        shown = shown_points(self.stories, self.points)
        return {
            "generated_at": _iso(self.generated_at),
            "since": _iso(self.since),
            "topic": self.topic,
            "stories": [s.to_json(n) for s, n in zip(self.stories, shown, strict=True)],
        }

    def to_text(self) -> str:
        """A plain-text rendering for the console."""
        period = f" since {self.since:%Y-%m-%d %H:%M} UTC" if self.since else ""
        about = f" about {self.topic!r}" if self.topic else ""
        if not self.stories:
            return f"No stories{about}{period}."
        count = "Top story" if len(self.stories) == 1 else f"Top {len(self.stories)} stories"
        head = f"{count}{about}{period}"
        shown = shown_points(self.stories, self.points)
        stories = (s.to_text(n) for s, n in zip(self.stories, shown, strict=True))
        return "\n\n".join([head, *stories])


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
