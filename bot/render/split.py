"""Splitting rendered replies into messages under a platform's length limit.

A renderer turns each block into a :data:`Unit`: pieces of visible text, each
with the markup that wraps it (``<b>``…``</b>``), and the separator that
follows it. :func:`pack` puts whole units into messages while they fit; a unit
too long for one message is cut at a sentence, then a word, then a character
boundary (never inside a surrogate pair, an emoji sequence or an escape), and
each cut piece is closed and reopened with its own markup. Joining the parts'
visible text gives back the original text exactly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Escape = Callable[[str], str]
Measure = Callable[[str], int]


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as Telegram counts message length."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


@dataclass(frozen=True)
class Piece:
    """Visible text and the markup around it in the target format."""

    text: str
    open: str = ""
    close: str = ""


@dataclass(frozen=True)
class Unit:
    """A block (or list item) that stays in one message when it can."""

    pieces: tuple[Piece, ...]
    separator: str = ""
    """Plain text after the unit (``\\n\\n`` between paragraphs)."""


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|\n+")
_SPACE = re.compile(r"\s+")
_JOINERS = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"}


def render_pieces(pieces: Sequence[Piece], escape: Escape) -> str:
    """The markup of pieces; neighbours with the same markup share it, empty ones vanish."""
    out: list[str] = []
    markup: tuple[str, str] | None = None
    for piece in pieces:
        if not piece.text:
            continue
        if (piece.open, piece.close) != markup:
            if markup is not None:
                out.append(markup[1])
            markup = (piece.open, piece.close)
            out.append(piece.open)
        out.append(escape(piece.text))
    if markup is not None:
        out.append(markup[1])
    return "".join(out)


def pack(
    units: Sequence[Unit],
    *,
    limit: int,
    escape: Escape,
    measure: Measure = utf16_len,
) -> list[str]:
    """Rendered messages, each measuring at most ``limit``, holding the units in order."""
    parts: list[str] = []
    current, used = "", 0
    for unit in units:
        rendered = render_pieces(unit.pieces, escape) + escape(unit.separator)
        size = measure(rendered)
        if used + size <= limit:
            current, used = current + rendered, used + size
            continue
        if current:
            parts.append(current)
        if size <= limit:
            current, used = rendered, size
            continue
        chunks = split_unit(unit, limit=limit, escape=escape, measure=measure)
        parts.extend(chunks[:-1])
        current, used = chunks[-1], measure(chunks[-1])
    if current:
        parts.append(current)
    return parts


def split_unit(unit: Unit, *, limit: int, escape: Escape, measure: Measure) -> list[str]:
    """Cut one over-long unit into rendered chunks that each fit ``limit``."""
    pieces = (*unit.pieces, Piece(unit.separator))
    chunks: list[str] = []
    while True:
        rendered = render_pieces(pieces, escape)
        if measure(rendered) <= limit:
            chunks.append(rendered)
            return chunks
        cut = _best_cut(pieces, limit, escape, measure)
        if cut is None:  # the markup alone does not fit: fall back to plain text
            pieces = tuple(Piece(p.text) for p in pieces)
            continue
        chunks.append(render_pieces(_slice(pieces, 0, cut), escape))
        pieces = _slice(pieces, cut, None)


def _best_cut(pieces: Sequence[Piece], limit: int, escape: Escape, measure: Measure) -> int | None:
    """The cut position in the pieces' text: a sentence end filling half the room, else a
    word boundary, else any safe character boundary; None when nothing fits."""
    text = "".join(p.text for p in pieces)

    def fits(position: int) -> bool:
        return measure(render_pieces(_slice(pieces, 0, position), escape)) <= limit

    sentence = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() < len(text)]
    words = [m.end() for m in _SPACE.finditer(text) if m.end() < len(text)]
    chars = _char_boundaries(text)
    best_sentence = _last_fitting(sentence, fits)
    if best_sentence is not None and 2 * measure(text[:best_sentence]) >= limit:
        return best_sentence
    for candidates in (words, chars):
        found = _last_fitting(candidates, fits)
        if found is not None:
            return found
    return None


def _last_fitting(positions: Sequence[int], fits: Callable[[int], bool]) -> int | None:
    """Binary search for the largest position that fits (fitting is monotonic)."""
    low, high, found = 0, len(positions) - 1, None
    while low <= high:
        middle = (low + high) // 2
        if fits(positions[middle]):
            found, low = positions[middle], middle + 1
        else:
            high = middle - 1
    return found


def _char_boundaries(text: str) -> list[int]:
    """Positions where a cut keeps every visible character whole (emoji sequences, flags,
    combining accents stay together)."""
    positions: list[int] = []
    regional_run = 0
    for index in range(1, len(text)):
        before, char = text[index - 1], text[index]
        regional_run = regional_run + 1 if _regional(before) else 0
        if char in _JOINERS or before == "\u200d" or unicodedata.combining(char):
            continue
        if 0x1F3FB <= ord(char) <= 0x1F3FF or 0xE0020 <= ord(char) <= 0xE007F:
            continue  # skin-tone modifiers and tag characters (subdivision flags)
        if _regional(char) and regional_run % 2 == 1:
            continue  # inside a flag: two regional indicators
        positions.append(index)
    return positions


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _slice(pieces: Sequence[Piece], start: int, end: int | None) -> tuple[Piece, ...]:
    """The pieces covering ``text[start:end]`` of their joined text, markup kept."""
    out: list[Piece] = []
    offset = 0
    for piece in pieces:
        low, high = offset, offset + len(piece.text)
        offset = high
        left = max(start, low)
        right = high if end is None else min(end, high)
        if left < right:
            out.append(Piece(piece.text[left - low : right - low], piece.open, piece.close))
    return tuple(out)
