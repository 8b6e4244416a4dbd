"""Replies as Telegram HTML messages, split under Telegram's 4,096-unit limit.

Telegram's HTML mode needs only ``<``, ``>`` and ``&`` escaped in text (and
quotes inside ``href``); Markdown characters are inert. Headings become bold
lines and bullet lists ``•`` lines, since Telegram has neither.
"""

from __future__ import annotations

import html
import re

from bot.document import Inline, Reply, Span
from bot.render.layout import units
from bot.render.split import Piece, Unit, pack

TELEGRAM_LIMIT = 4096
"""Maximum message length in UTF-16 code units."""
_TAG = re.compile(r"<[^<>]*>")
"""A tag we wrote: text and attribute values never hold a raw ``<`` or ``>``."""


def escape(text: str) -> str:
    """Escape text for Telegram HTML."""
    return html.escape(text, quote=False)


def render(reply: Reply, *, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """The reply as one or more HTML messages, each at most ``limit`` UTF-16 units.

    A part whose visible text would be blank is left out: Telegram refuses it ("message text
    is empty"); an empty heading before a block too long for one message made one.
    """
    blocks = units(reply, _pieces, _code)
    if blocks:
        blocks[-1] = Unit(blocks[-1].pieces, "")
    parts = pack(blocks, limit=limit, escape=escape)
    return [part for part in parts if _TAG.sub("", part).strip()]  # an entity is never blank


def visible(message: str) -> str:
    """The text a user sees of one rendered message (our tags dropped, entities decoded)."""
    return html.unescape(_TAG.sub("", message))


def _pieces(spans: Inline, bold: bool) -> tuple[Piece, ...]:
    return tuple(_piece(span, bold=bold) for span in spans)


def _code(text: str) -> Piece:
    return Piece(text, "<pre>", "</pre>")


def _piece(span: Span, *, bold: bool) -> Piece:
    tags = []
    if span.bold or bold:
        tags.append("b")
    if span.italic:
        tags.append("i")
    if span.code:
        tags.append("code")
    opening = "".join(f"<{tag}>" for tag in tags)
    closing = "".join(f"</{tag}>" for tag in reversed(tags))
    if span.url:
        opening = f'<a href="{html.escape(span.url, quote=True)}">' + opening
        closing += "</a>"
    return Piece(span.text, opening, closing)
