"""Render a :class:`~bot.document.Reply` as Slack Block Kit messages.

Text goes into ``mrkdwn`` sections; only ``&``, ``<`` and ``>`` are escaped, as
Slack documents, so user text can never form a link, a mention or an
``<!channel>`` broadcast. Slack has no escape for ``*``, ``_``, ``~`` or a
backtick: such characters in plain text are sent as they are, and an emphasis
whose own text contains its marker is dropped rather than broken. Each section
holds at most 3,000 characters (counted in UTF-16 units, the stricter count), a
message at most 50 blocks; longer replies become several messages, cut by
:mod:`bot.render.split` so that no character is cut in half.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from bot.document import (
    Block,
    Bullets,
    CodeBlock,
    Heading,
    Paragraph,
    Reply,
    Span,
    plain_text,
)
from bot.render.layout import BULLET
from bot.render.safety import web_url
from bot.render.split import Piece, Unit, pack, utf16_len

Payload = dict[str, Any]

MAX_SECTION_CHARS = 3000
MAX_BLOCKS = 50
MAX_HEADER_CHARS = 150
MAX_FALLBACK_CHARS = 1000
"""The notification text is a preview; the blocks carry the whole reply."""


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link_target(url: str) -> str | None:
    """The URL as it may stand inside ``<…|…>``, or None for what is not a web link."""
    if web_url(url) is None:
        return None
    return escape(quote(url, safe="/:?#[]@!$&'()*+,;=%~-._"))


def span_pieces(span: Span, *, bold: bool = False) -> list[Piece]:
    """A span as pieces: surrounding spaces stay outside the markers, where Slack needs them."""
    core = span.text.strip()
    if not core:
        return [Piece(span.text)] if span.text else []
    start = span.text.index(core)
    lead, trail = span.text[:start], span.text[start + len(core) :]
    opening, closing = "", ""
    if span.code and "`" not in core and not span.url:
        opening, closing = "`", "`"
    else:
        if span.italic and "_" not in core:
            opening, closing = "_", "_"
        if (span.bold or bold) and "*" not in core:
            opening, closing = "*" + opening, closing + "*"
    target = link_target(span.url) if span.url else None
    if target:
        opening, closing = f"{opening}<{target}|", f">{closing}"
    return [p for p in (Piece(lead), Piece(core, opening, closing), Piece(trail)) if p.text]


def inline_pieces(spans: Sequence[Span], *, bold: bool = False) -> tuple[Piece, ...]:
    return tuple(piece for span in spans for piece in span_pieces(span, bold=bold))


def _section(text: str) -> Payload:
    """A mrkdwn section; ``verbatim`` stops Slack turning a plain ``@here`` or ``@channel``
    from an article into a mention, or a ``#name`` into a channel link (our own
    ``<url|text>`` links still work)."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def _header(text: str) -> Payload:
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def _texts(units: Sequence[Unit]) -> list[str]:
    """The units packed into section texts, blank ones left out."""
    texts = pack(units, limit=MAX_SECTION_CHARS, escape=escape, measure=utf16_len)
    return [text for text in texts if text.strip()]


def _sections(units: Sequence[Unit]) -> list[Payload]:
    return [_section(text) for text in _texts(units)]


def render_block(block: Block) -> list[Payload]:
    """One document block as one or more Block Kit blocks."""
    if isinstance(block, Heading):
        title = plain_text(block.spans).strip()
        if not title:
            return []
        linked = any(span.url for span in block.spans)
        if "\n" not in title and not linked and utf16_len(title) <= MAX_HEADER_CHARS:
            return [_header(title)]
        return _sections([Unit(inline_pieces(block.spans, bold=True))])
    if isinstance(block, Paragraph):
        return _sections([Unit(inline_pieces(block.spans))])
    if isinstance(block, Bullets):
        items = [item for item in block.items if plain_text(item).strip()]
        units = [
            Unit((Piece(BULLET), *inline_pieces(item)), "\n" if index < len(items) - 1 else "")
            for index, item in enumerate(items)
        ]
        return [_section(text.rstrip("\n")) for text in _texts(units)]
    if isinstance(block, CodeBlock):
        if not block.text.strip():
            return []
        return _sections([Unit((Piece(block.text, "```", "```"),))])
    raise TypeError(f"unknown block {block!r}")


def block_plain(block: Payload) -> str:
    """The visible text of a rendered block (mrkdwn kept), for the notification preview."""
    text = block["text"]["text"]
    return escape(text) if block["type"] == "header" else text


def fallback_text(blocks: Sequence[Payload]) -> str:
    """A short plain preview for notifications: the first lines, cut on a safe boundary."""
    whole = "\n".join(block_plain(block) for block in blocks)
    if utf16_len(whole) <= MAX_FALLBACK_CHARS:
        return whole
    head = whole[:MAX_FALLBACK_CHARS]  # code points: never fewer UTF-16 units than the limit
    first = pack([Unit((Piece(head),))], limit=MAX_FALLBACK_CHARS - 1, escape=str)[0]
    return _without_open_markup(first).rstrip() + "…"


def _without_open_markup(cut: str) -> str:
    """Drop a link (``<url|text``) or an entity (``&am``) that the cut left unclosed."""
    opened = cut.rfind("<")
    if opened > cut.rfind(">"):
        cut = cut[:opened]
    ampersand = cut.rfind("&")
    if ampersand != -1 and ";" not in cut[ampersand:]:
        cut = cut[:ampersand]
    return cut


def group_blocks(blocks: Sequence[Payload], max_blocks: int = MAX_BLOCKS) -> list[list[Payload]]:
    """Blocks in messages of at most ``max_blocks``; a header never ends a message."""
    messages: list[list[Payload]] = []
    current: list[Payload] = []
    for block in blocks:
        if len(current) == max_blocks:
            carried: list[Payload] = []
            if current[-1]["type"] == "header" and len(current) > 1:
                carried = [current.pop()]
            messages.append(current)
            current = carried
        current.append(block)
    if current:
        messages.append(current)
    return messages


def render(reply: Reply, *, max_blocks: int = MAX_BLOCKS) -> list[Payload]:
    """Chat.postMessage payloads (``text``, ``blocks``) for a reply; empty for an empty reply."""
    blocks = [rendered for block in reply.blocks for rendered in render_block(block)]
    return [
        {
            "text": fallback_text(group),
            "blocks": group,
            "unfurl_links": False,
            "unfurl_media": False,
        }
        for group in group_blocks(blocks, max_blocks)
    ]
