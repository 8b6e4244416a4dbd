"""Small wording helpers shared by the command modules."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.document import Inline, Span, italic, link


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def when(moment: datetime, zone: ZoneInfo) -> str:
    """A moment in the chat's zone, e.g. ``Sat 21 Nov, 09:00 UTC``."""
    local = moment.astimezone(zone)
    return f"{local:%a %d %b, %H:%M} {local.tzname()}"


def day(moment: datetime, zone: ZoneInfo) -> str:
    """A date in the chat's zone, e.g. ``21 Nov 2026``."""
    return f"{moment.astimezone(zone):%d %b %Y}"


def cited(text: str, outlet: str | None, url: str | None) -> Inline:
    """``text — Outlet``, the outlet linking to the article."""
    if not outlet:
        return (Span(text),) if not url else (Span(text), Span(" "), link("(source)", url))
    return (Span(text), Span(" — "), Span(outlet, italic=True, url=url))


def source_line(article: Any, zone: ZoneInfo) -> Inline:
    """``Outlet: Headline, 21 Nov 2026`` with the headline linking to the article."""
    outlet = getattr(article, "outlet", None) or "unknown outlet"
    headline = getattr(article, "headline", None) or "(untitled)"
    published = getattr(article, "published", None)
    spans = [italic(outlet), Span(": "), link(headline, getattr(article, "url", None))]
    if published is not None:
        spans.append(Span(f", {day(published, zone)}"))
    return tuple(spans)
