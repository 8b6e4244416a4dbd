"""The line layout the text renderers share (plain text and Telegram HTML).

A heading sits on the line above what it heads (a blank line follows it when
another heading comes next), paragraphs, lists and code are separated by a
blank line, and each list item is a ``•`` line. Each renderer supplies how
inline spans and code look; the result is :class:`~bot.render.split.Unit`\\ s,
ready to be joined or split under a length limit.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.document import Bullets, CodeBlock, Heading, Inline, Paragraph, Reply
from bot.render.split import Piece, Unit

InlinePieces = Callable[[Inline, bool], tuple[Piece, ...]]
"""Spans (and whether they head a section, i.e. are bold) as pieces."""
CodePiece = Callable[[str], Piece]

BULLET = "• "


def units(reply: Reply, inline: InlinePieces, code: CodePiece) -> list[Unit]:
    """The reply's blocks as units, in order (a list contributes one unit per item)."""
    out: list[Unit] = []
    blocks = reply.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            before_heading = index + 1 < len(blocks) and isinstance(blocks[index + 1], Heading)
            out.append(Unit(inline(block.spans, True), "\n\n" if before_heading else "\n"))
        elif isinstance(block, Paragraph):
            out.append(Unit(inline(block.spans, False), "\n\n"))
        elif isinstance(block, Bullets):
            last = len(block.items) - 1
            out.extend(
                Unit((Piece(BULLET), *inline(item, False)), "\n\n" if at == last else "\n")
                for at, item in enumerate(block.items)
            )
        elif isinstance(block, CodeBlock):
            out.append(Unit((code(block.text),), "\n\n"))
    return out
