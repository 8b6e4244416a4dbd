"""What article text and URLs may carry into a chat: visible text and web links only.

Every :class:`~bot.document.Span` passes its text through :func:`readable` and its link
through :func:`web_url`, so each renderer (Telegram HTML, Slack blocks, plain text) gets
only what a reader can see and a browser can open.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Embeddings, overrides and isolates: an unclosed one runs on into what follows (an
outlet's name shown reversed)."""
_INVISIBLE = (
    "\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u206a\u206b\u206c\u206d\u206e\u206f"
    "\ufff9\ufffa\ufffb"
)
"""Zero-width space, word joiner, invisible operators, BOM, deprecated format controls and
interlinear annotation marks: nothing a reader sees, only a way to hide or split text."""
_JOINERS = "\u200c\u200d"
"""ZWNJ and ZWJ: kept where they shape a script (Persian, Indic) or join an emoji."""
_MARKS = "\u200e\u200f\u061c"
"""LRM, RLM and ALM: kept beside right-to-left letters, where they place punctuation."""
_TAGS = "\U000e0000-\U000e007f"
"""Tag characters: invisible ASCII ("ASCII smuggling")."""
_SUSPECT = re.compile(f"[{_BIDI_CONTROLS}{_INVISIBLE}{_JOINERS}{_MARKS}{_TAGS}]")
_ALPHABETS = ("LATIN", "GREEK", "CYRILLIC")
"""Scripts whose letters never need a joiner between them."""


def readable(text: str) -> str:
    """``text`` without invisible format characters (see the module constants); joiners and
    direction marks stay only where they do a job for the characters beside them."""
    if _SUSPECT.search(text) is None:
        return text
    kept = []
    for index, char in enumerate(text):
        if _SUSPECT.match(char) is None:
            kept.append(char)
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if _has_job(char, before, after):
            kept.append(char)
    return "".join(kept)


def web_url(url: str | None) -> str | None:
    """The URL if a browser may open it from a chat (http or https, with a host, no control
    or format characters); None otherwise (``javascript:``, ``tg://user?id=…``, ``data:``)."""
    if not url:
        return None
    if any(unicodedata.category(char)[0] == "C" for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return url


def _has_job(char: str, before: str, after: str) -> bool:
    """Whether a joiner or direction mark does something for its neighbours."""
    if char in _JOINERS:
        return _joins(before, after, emoji=char == "\u200d")
    if char in _MARKS:
        return _right_to_left(before) or _right_to_left(after)
    return False


def _joins(before: str, after: str, *, emoji: bool) -> bool:
    if emoji and _pictograph(before) and _pictograph(after):
        return True
    return _script_letter(before) and _script_letter(after)


def _script_letter(char: str) -> bool:
    if not char or unicodedata.category(char)[0] not in "LM":
        return False
    return not unicodedata.name(char, "").startswith(_ALPHABETS)


def _pictograph(char: str) -> bool:
    """An emoji, a skin-tone modifier or the emoji variation selector."""
    return bool(char) and (unicodedata.category(char) in ("So", "Sk") or char == "\ufe0f")


def _right_to_left(char: str) -> bool:
    return bool(char) and unicodedata.bidirectional(char) in ("R", "AL")
