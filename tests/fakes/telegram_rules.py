"""What the real Bot API refuses in ``sendMessage`` text, for the fake server to refuse too.

Telegram parses ``parse_mode=HTML`` itself (python-telegram-bot checks nothing): an
unsupported or unbalanced tag is ``400 Bad Request: can't parse entities: …``; the text
left after parsing must not be blank (``message text is empty``) and must be at most
4,096 UTF-16 code units (``message is too long``). A ``&`` that starts no known entity is
kept as text, as Telegram does.
"""

from __future__ import annotations

import html
import re

LIMIT = 4096
TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)?([^<>]*)>")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def parse_html(text: str) -> str:
    """The visible text of a Telegram HTML message; ValueError with Telegram's wording."""
    visible: list[str] = []
    opened: list[str] = []
    position = 0
    while position < len(text):
        if text[position] != "<":
            end = text.find("<", position)
            end = len(text) if end == -1 else end
            visible.append(_ENTITY.sub(lambda m: html.unescape(m[0]), text[position:end]))
            position = end
            continue
        tag = _TAG.match(text, position)
        offset = len(text[:position].encode())
        if tag is None or not tag[2]:
            raise ValueError(f"can't parse entities: Unsupported start tag at byte offset {offset}")
        closing, name = tag[1], tag[2].lower()
        if closing:
            if not opened:
                raise ValueError(
                    f"can't parse entities: Unexpected end tag at byte offset {offset}"
                )
            if opened[-1] != name:
                raise ValueError(
                    f"can't parse entities: Unmatched end tag at byte offset {offset}, "
                    f'expected "</{opened[-1]}>", found "</{name}>"'
                )
            opened.pop()
        elif name not in TAGS:
            raise ValueError(
                f'can\'t parse entities: Unsupported start tag "{name}" at byte offset {offset}'
            )
        else:
            opened.append(name)
        position = tag.end()
    if opened:
        raise ValueError(
            f"can't parse entities: Can't find end tag corresponding to start tag \"{opened[-1]}\""
        )
    return "".join(visible)


def refusal(text: str, parse_mode: str | None) -> str | None:
    """Telegram's description of why it refuses this message text, or None when it is fine."""
    try:
        visible = parse_html(text) if (parse_mode or "").upper() == "HTML" else text
    except ValueError as error:
        return f"Bad Request: {error}"
    if not visible.strip():
        return "Bad Request: message text is empty"
    if len(visible.encode("utf-16-le")) // 2 > LIMIT:
        return "Bad Request: message is too long"
    return None
