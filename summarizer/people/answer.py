"""What ``/who`` answers: plain dataclasses, JSON, and a plain-text rendering."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

Status = Literal["found", "ambiguous", "unknown", "usage"]
USAGE = "Usage: /who NAME — e.g. /who Witkoff or /who Kremlin (a name of at most 80 characters)."


@dataclass(frozen=True)
class Cited:
    """A verbatim piece of an article (a role, a sentence or a quote) and where it is from."""

    text: str
    outlet: str | None
    article: int
    published: datetime | None = None
    url: str | None = None


@dataclass(frozen=True)
class Related:
    """Someone mentioned in the same articles."""

    name: str
    kind: str
    articles: int


@dataclass(frozen=True)
class Match:
    """A candidate when a name is ambiguous or unknown."""

    name: str
    kind: str
    role: str | None
    articles: int


@dataclass(frozen=True)
class WhoAnswer:
    """The answer to ``/who NAME``; ``status`` says which fields are filled."""

    status: Status
    query: str
    message: str = ""
    """A one-line summary for the user (always set)."""
    name: str | None = None
    kind: str | None = None
    role: str | None = None
    roles: list[Cited] = field(default_factory=list)
    facts: list[Cited] = field(default_factory=list)
    quotes: list[Cited] = field(default_factory=list)
    articles: int = 0
    outlets: list[str] = field(default_factory=list)
    """Outlets that mention the entity, most mentions first."""
    related: list[Related] = field(default_factory=list)
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    stories: list[int] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (datetimes as ISO 8601 strings)."""
        data = asdict(self)
        return _iso(data)

    def lines(self) -> list[str]:
        """A plain-text rendering, one line per item (for the console)."""
        if self.status != "found":
            out = [self.message]
            out += [f"  - {_match(m)}" for m in self.matches]
            return out
        out = [self.message]
        if self.roles:
            out.append("Roles: " + "; ".join(f"{r.text} ({_outlet(r)})" for r in self.roles))
        if self.facts:
            out.append("Lately:")
            out += [f"  - {f.text} ({_outlet(f)})" for f in self.facts]
        if self.quotes:
            out.append("Quotes:")
            out += [f"  - “{q.text}” ({_outlet(q)})" for q in self.quotes]
        if self.related:
            out.append("Mentioned with: " + ", ".join(r.name for r in self.related))
        if self.stories:
            out.append("Stories: " + ", ".join(f"#{s}" for s in self.stories))
        return out


def _outlet(item: Cited) -> str:
    return item.outlet or "unattributed outlet"


def _match(match: Match) -> str:
    role = f", {match.role}" if match.role else ""
    plural = "s" if match.articles != 1 else ""
    return f"{match.name} ({match.kind}{role}; {match.articles} article{plural})"


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value
