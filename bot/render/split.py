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
    return len(text.encode("utf-16-le")) // 2


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
    """Rendered messages, each measuring at most ``limit``, holding the units in order.

    ``measure`` counts at least one per character (UTF-16 units and code points both
    do), so no more than ``limit`` characters fit in a message: a cut is looked for only
    among the next ``limit`` characters, which keeps splitting linear in the text. (A
    measure counting less would still give parts that fit, only more of them.)
    """
    parts: list[str] = []
    current: list[str] = []
    used = 0
    for unit in units:
        rendered = render_pieces(unit.pieces, escape) + escape(unit.separator)
        size = measure(rendered)
        if used + size <= limit:
            current.append(rendered)
            used += size
            continue
        if used:
            parts.append("".join(current))
        if size <= limit:
            current, used = [rendered], size
            continue
        chunks = split_unit(unit, limit=limit, escape=escape, measure=measure)
        parts.extend(chunks[:-1])
        current, used = [chunks[-1]], measure(chunks[-1])
    if used:
        parts.append("".join(current))
    return parts


def split_unit(unit: Unit, *, limit: int, escape: Escape, measure: Measure) -> list[str]:
    """Cut one over-long unit into rendered chunks that each fit ``limit``."""
    pieces = (*unit.pieces, Piece(unit.separator))
    length = sum(len(piece.text) for piece in pieces)
    chunks: list[str] = []
    start = 0
    while True:
        if length - start <= limit:  # only then can the rest fit
            rest = render_pieces(_slice(pieces, start, None), escape)
            if measure(rest) <= limit:
                chunks.append(rest)
                return chunks
        window = _slice(pieces, start, start + limit + 1)
        cut = _best_cut(window, limit, escape, measure)
        if cut is None:  # the markup alone does not fit: fall back to plain text
            pieces = tuple(Piece(p.text) for p in pieces)
            continue
        chunks.append(_render_to(window, cut, escape))
        start += cut


def _render_to(pieces: Sequence[Piece], end: int, escape: Escape) -> str:
    return render_pieces(_slice(pieces, 0, end), escape)


def _best_cut(window: Sequence[Piece], limit: int, escape: Escape, measure: Measure) -> int | None:
    """The cut position in the window's text: a sentence end filling half the room, else a
    word boundary, else any safe character boundary; None when nothing fits.

    The window is the rest of the unit, or its next ``limit + 1`` characters (a cut
    further on could not fit); a cut is never at the window's end.
    """
    text = "".join(p.text for p in window)

    def fits(position: int) -> bool:
        return measure(_render_to(window, position, escape)) <= limit

    def ends_of(pattern: re.Pattern[str]) -> list[int]:
        return [m.end() for m in pattern.finditer(text) if m.end() < len(text)]

    best_sentence = _last_fitting(ends_of(_SENTENCE_END), fits)
    if best_sentence is not None and 2 * measure(text[:best_sentence]) >= limit:
        return best_sentence
    found = _last_fitting(ends_of(_SPACE), fits)
    if found is None:
        found = _last_fitting(range(1, len(text)), fits)
        while found is not None and not _whole_characters_at(text, found):
            found = found - 1 if found > 1 else None
    return found


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


def _whole_characters_at(text: str, index: int) -> bool:
    """Whether a cut before ``text[index]`` keeps every visible character whole (emoji
    sequences, flags and combining accents stay together)."""
    before, char = text[index - 1], text[index]
    if char in _JOINERS or before == "\u200d" or unicodedata.combining(char):
        return False
    if 0x1F3FB <= ord(char) <= 0x1F3FF or 0xE0020 <= ord(char) <= 0xE007F:
        return False  # skin-tone modifiers and tag characters (subdivision flags)
    if _regional(char):
        run = 0  # regional indicators just before: an odd count means inside a flag
        while run < index and _regional(text[index - 1 - run]):
            run += 1
        return run % 2 == 0
    return True


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
