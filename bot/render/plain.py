"""Replies as plain text: the console, logs and the test bot."""

from __future__ import annotations

from bot.document import Bullets, CodeBlock, Heading, Inline, Paragraph, Reply


def render(reply: Reply) -> str:
    """The reply as plain text; links show their URL in brackets."""
    out: list[str] = []
    blocks = reply.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            before_heading = index + 1 < len(blocks) and isinstance(blocks[index + 1], Heading)
            out.append(_inline(block.spans) + ("\n\n" if before_heading else "\n"))
        elif isinstance(block, Paragraph):
            out.append(_inline(block.spans) + "\n\n")
        elif isinstance(block, Bullets):
            out.append("".join(f"• {_inline(item)}\n" for item in block.items) + "\n")
        elif isinstance(block, CodeBlock):
            out.append("".join(f"    {line}\n" for line in block.text.splitlines()) + "\n")
    return "".join(out).rstrip("\n")


def _inline(spans: Inline) -> str:
    parts = []
    for span in spans:
        if span.url and span.url != span.text:
            parts.append(f"{span.text} ({span.url})")
        else:
            parts.append(span.text)
    return "".join(parts)
