"""Small wording helpers shared by the command modules."""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath
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


def cited(text: str, outlet: str | None, url: str | None, article: Any = None) -> Inline:
    """``text — Outlet``, the outlet linking to the article. Nothing is shown uncited: without
    a known outlet the article itself is named (see :func:`unattributed`)."""
    source = outlet or unattributed(article)
    return (Span(text), Span(" — "), Span(source, italic=True, url=url))


def unattributed(article: Any = None) -> str:
    """How a source without a known outlet is named: by its headline, else its file name."""
    headline = " ".join((getattr(article, "headline", None) or "").split())
    if headline:
        short = headline if len(headline) <= 60 else headline[:59].rstrip() + "…"
        return f"unattributed, “{short}”"
    path = getattr(article, "path", None)
    return f"unattributed, {PurePath(path).name}" if path else "unattributed source"


def source_line(article: Any, zone: ZoneInfo) -> Inline:
    """``Outlet: Headline, 21 Nov 2026`` with the headline linking to the article."""
    outlet = getattr(article, "outlet", None) or "unknown outlet"
    headline = getattr(article, "headline", None) or "(untitled)"
    published = getattr(article, "published", None)
    spans = [italic(outlet), Span(": "), link(headline, getattr(article, "url", None))]
    if published is not None:
        spans.append(Span(f", {day(published, zone)}"))
    return tuple(spans)


def still_reading(count: int) -> str:
    """What a command says instead of "nothing" while ``count`` stored articles wait to be
    processed (right after start-up, or while another process indexes)."""
    return f"Still reading {plural(count, 'new article')}; ask again in a minute."
