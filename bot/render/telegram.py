"""Replies as Telegram HTML messages, split under Telegram's 4,096-unit limit.

Telegram's HTML mode needs only ``<``, ``>`` and ``&`` escaped in text (and
quotes inside ``href``); Markdown characters are inert. Headings become bold
lines and bullet lists ``•`` lines, since Telegram has neither.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from bot.document import Bullets, CodeBlock, Heading, Inline, Paragraph, Reply, Span
from bot.render.split import Piece, Unit, pack

TELEGRAM_LIMIT = 4096
"""Maximum message length in UTF-16 code units."""


def escape(text: str) -> str:
    """Escape text for Telegram HTML."""
    return html.escape(text, quote=False)


def render(reply: Reply, *, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """The reply as one or more HTML messages, each at most ``limit`` UTF-16 units."""
    units = list(_units(reply))
    if units:
        last = units[-1]
        units[-1] = Unit(last.pieces, "")
    return pack(units, limit=limit, escape=escape)


def _units(reply: Reply) -> Iterator[Unit]:
    blocks = reply.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            before_heading = index + 1 < len(blocks) and isinstance(blocks[index + 1], Heading)
            yield Unit(_pieces(block.spans, bold=True), "\n\n" if before_heading else "\n")
        elif isinstance(block, Paragraph):
            yield Unit(_pieces(block.spans), "\n\n")
        elif isinstance(block, Bullets):
            for index, item in enumerate(block.items):
                last = index == len(block.items) - 1
                yield Unit((Piece("• "), *_pieces(item)), "\n\n" if last else "\n")
        elif isinstance(block, CodeBlock):
            yield Unit((Piece(block.text, "<pre>", "</pre>"),), "\n\n")


def _pieces(spans: Inline, *, bold: bool = False) -> tuple[Piece, ...]:
    return tuple(_piece(span, bold=bold) for span in spans)


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
