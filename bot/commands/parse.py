"""Reading ``/name@BotName arguments`` out of a message."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_COMMAND = re.compile(
    r"^/(?P<name>[A-Za-z0-9_]{1,32})(?:@(?P<bot>[A-Za-z0-9_]{1,64}))?(?:\s+(?P<args>.*))?$",
    re.DOTALL,
)


@dataclass(frozen=True)
class Parsed:
    """A command: its lower-case name, its argument text, and the bot it names (if any)."""

    name: str
    args: str = ""
    addressed_to: str | None = None

    def for_us(self, bot_names: Iterable[str]) -> bool:
        """Whether the command names no bot or one of ours (``/who@OtherBot`` is not ours)."""
        if self.addressed_to is None:
            return True
        return self.addressed_to.lower() in {name.lower().lstrip("@") for name in bot_names}


_INVISIBLE = str.maketrans({"\u200b": " ", "\ufeff": None, "\u2060": None})
"""A zero-width space (pasted from web pages) separates words; a BOM or word joiner is dropped."""


def parse(text: str) -> Parsed | None:
    """The command in ``text``, or None when the text is not a command."""
    found = _COMMAND.match(text.translate(_INVISIBLE).strip())
    if found is None:
        return None
    args = " ".join((found["args"] or "").split())
    return Parsed(found["name"].lower(), args, found["bot"])


def first_word(text: str) -> str:
    """The first word of the text (what the user meant as a command), for messages."""
    words = text.split()
    return words[0] if words else ""
