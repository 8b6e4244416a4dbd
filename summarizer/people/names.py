"""Name clean-up and folding: the keys that make spelling and case variants one name."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a literal block, as a set."""
    return frozenset(text.split())


HONORIFICS = word_set(
    """
    mr mrs ms miss dr sir dame lord lady prof mr. mrs. ms. dr.
    councillor cllr senator sen congressman congresswoman rep governor gov mayor president
    """
)
_EDGE_JUNK = "\"“”‘’'()[]{}.,;:!?-–—|#@*"
_POSSESSIVE = re.compile(r"['’]s?$")
_REPEATS = re.compile(r"(\w)\1+")
_Y_ENDING = re.compile(r"(?:iy|ii|yi|yy|ij)$")


def clean_name(surface: str) -> str:
    """The mention as a name: no leading "the", honorific, possessive or stray punctuation."""
    name = " ".join(surface.split()).strip(_EDGE_JUNK + " ")
    name = _POSSESSIVE.sub("", name).strip(_EDGE_JUNK + " ")
    words = name.split()
    while words and words[0].lower().rstrip(".") in HONORIFICS | {"the"}:
        words = words[1:]
    return " ".join(words).strip(_EDGE_JUNK + " ")


def _fold_token(token: str) -> str:
    if len(token) <= 4:
        return token
    return _Y_ENDING.sub("y", _REPEATS.sub(r"\1", token))


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """A comparison key: accents, case, punctuation, doubled letters and -iy/-yy endings folded.

    "Zelenskyy", "Zelensky" and "Zelenskiy" share a key; so do "NATO" and "Nato",
    "U.S." and "US". Single-letter initials are dropped ("Donald J. Trump").
    """
    text = unicodedata.normalize("NFKD", clean_name(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text).replace(".", " ")
    words = re.sub(r"[^\w\s-]", "", text).replace("-", " ").split()
    if len(words) > 1:
        words = [w for w in words if len(w) > 1] or words
    return " ".join(_fold_token(w) for w in words)


SUFFIXES = word_set("jr sr ii iii iv")
"""Generational suffixes after a surname ("Kenneth Morgan Stancil III", "Ray Dunn Jr")."""
PARTICLES = word_set("van von de der den del della di da du la le al el bin ibn ter")
"""Lower-case words that belong to a surname ("Louis van Gaal" is "Van Gaal" alone)."""


STYLES = word_set("sir dame lord lady baroness baron")
"""Styles a one-word name may keep in its key ("sir richard"): no part of a full name."""


def _core(key: str) -> list[str]:
    """The words of a folded key without a trailing generational suffix."""
    words = key.split()
    while len(words) > 1 and words[-1] in SUFFIXES:
        words = words[:-1]
    return words


def surname(key: str) -> str:
    """The last word of a folded key, a suffix left out ("stancil" for "... stancil iii")."""
    return _core(key)[-1]


def surnames(key: str) -> set[str]:
    """Every short form of a full name's surname: the last word, and with the particles
    before it ("gaal" and "van gaal" for "louis van gaal")."""
    words = _core(key)
    forms = {words[-1]}
    start = len(words) - 1
    while start > 1 and words[start - 1] in PARTICLES:
        start -= 1
        forms.add(" ".join(words[start:]))
    return forms


def is_full(key: str) -> bool:
    """Whether a folded key is a full name: two words besides particles, suffixes and a
    leading style ("louis van gaal", not "van gaal", "stancil iii" nor "sir richard")."""
    words = key.split()
    if words and words[0] in STYLES:
        words = words[1:]
    return sum(w not in PARTICLES and w not in SUFFIXES for w in words) >= 2


def short_keys(key: str) -> set[str]:
    """Keys a query may use for a full name besides the key itself: without its suffix,
    and first name with surname ("kenneth stancil" for "kenneth morgan stancil iii")."""
    words = _core(key)
    found = {" ".join(words)}
    if len(words) > 2 and words[-2] not in PARTICLES:
        found.add(f"{words[0]} {words[-1]}")
    return found - {key}


def looks_like_name(name: str) -> bool:
    """Whether a cleaned mention can be a name at all (capitalised, no digits, not too long)."""
    if not 2 <= len(name) <= 60 or any(ch.isdigit() for ch in name):
        return False
    words = name.split()
    return len(words) <= 6 and (name[0].isupper() or name[:1] in "'’")


def title_case_line(sentence: str) -> bool:
    """Whether a line reads as a Title Case headline, where the small model tags nonsense.

    Two lower-case words of four letters or more make it a sentence full of names ("Graham
    Pell, 52, of Harwick, admitted fraud at Northgate Crown Court"), not a headline."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", sentence) if len(w) > 3]
    if len(words) < 3:
        return False
    lower = sum(not w[0].isupper() for w in words)
    return lower <= 1 and (len(words) - lower) / len(words) >= 0.7
