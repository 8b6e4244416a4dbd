"""Replies as plain text: the console, logs and the test bot."""

from __future__ import annotations

from bot.document import Inline, Reply
from bot.render.layout import units
from bot.render.split import Piece, Unit


def render(reply: Reply) -> str:
    """The reply as plain text; links show their URL in brackets, code is indented."""
    return "".join(_text(unit) for unit in units(reply, _pieces, _code)).rstrip("\n")


def _text(unit: Unit) -> str:
    return "".join(piece.text for piece in unit.pieces) + unit.separator


def _pieces(spans: Inline, bold: bool) -> tuple[Piece, ...]:
    """Plain text has no emphasis; a link's URL follows its text."""
    return tuple(
        Piece(f"{span.text} ({span.url})" if span.url and span.url != span.text else span.text)
        for span in spans
    )


def _code(text: str) -> Piece:
    return Piece("\n".join(f"    {line}" for line in text.splitlines()))
