"""A small chat-neutral document model: commands build it, each adapter renders it.

Inline text is a tuple of :class:`Span`; blocks are headings, paragraphs,
bullet lists and code. Renderers escape every span's text themselves, so user
text placed in a span is always safe.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.render.safety import readable, web_url


@dataclass(frozen=True)
class Span:
    """A run of inline text with optional emphasis or a link: invisible format characters
    are removed from the text, and a link that is not http(s) is dropped (the text stays)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    url: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", readable(self.text))
        object.__setattr__(self, "url", web_url(self.url))


Inline = tuple[Span, ...]


@dataclass(frozen=True)
class Heading:
    spans: Inline


@dataclass(frozen=True)
class Paragraph:
    spans: Inline


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class CodeBlock:
    text: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", readable(self.text))


Block = Heading | Paragraph | Bullets | CodeBlock


@dataclass(frozen=True)
class Reply:
    """What a command answers: an ordered list of blocks."""

    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def __add__(self, other: Reply) -> Reply:
        return Reply(self.blocks + other.blocks)


def text(value: str) -> Inline:
    """Plain inline text."""
    return (Span(value),)


def paragraph(*spans: Span | str) -> Paragraph:
    """A paragraph from spans or plain strings."""
    return Paragraph(tuple(Span(s) if isinstance(s, str) else s for s in spans))


def bold(value: str) -> Span:
    return Span(value, bold=True)


def italic(value: str) -> Span:
    return Span(value, italic=True)


def link(value: str, url: str | None) -> Span:
    """A link, or plain text when there is no URL."""
    return Span(value, url=url or None)


def heading(*spans: Span | str) -> Heading:
    return Heading(paragraph(*spans).spans)


def reply(*blocks: Block) -> Reply:
    """A reply from blocks, in order."""
    return Reply(tuple(blocks))


def plain_text(spans: Inline) -> str:
    """The visible text of inline spans (no markup, no URLs)."""
    return "".join(span.text for span in spans)
