"""Mentions the model misses or mislabels, found by rules: names with an age ("Graham Pell,
52,"), surnames alone that the model missed, names after a lower-case title, and one-word
names with a style ("Sir Richard")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from summarizer.people.mention import Mention
from summarizer.people.names import SUFFIXES, clean_name, fold, is_full, looks_like_name
from summarizer.people.roles import role_before

_STYLE = re.compile(r"\b(Sir|Dame|Lord|Lady|Baroness|Baron)\s+$")
_AGED = re.compile(
    r"(?<![\w'’-])((?:[A-Z][a-z’'-]+ ){1,3}[A-Z][a-z’'-]+(?: (?:Jr|Sr|II|III|IV)\.?)?),"
    r" (?:aged )?\d{1,3},"
)
"""A name with an age in apposition, as crime and court reports give them ("Graham Pell, 52,")."""


def after_lower_title(before: str) -> bool:
    """Whether a lower-case title ends right before a name ("striker ", "union
    representative "): organisations do not follow one."""
    role = role_before(before)
    last = role.split()[-1] if role else ""
    return bool(last) and last.islower() and before.endswith(last + " ")


def aged(sentence: str, index: int, found: list[Mention]) -> list[Mention]:
    """People the model missed that the sentence gives an age ("Graham Pell, 52, of ...")."""
    extra = []
    for match in _AGED.finditer(sentence):
        start, end = match.span(1)
        if any(m.start < end and start < m.end for m in found):
            continue
        name = clean_name(match.group(1))
        if looks_like_name(name) and is_full(fold(name)):
            extra.append(
                Mention(index, start, end, match.group(1), name, fold(name), "PERSON", "person")
            )
    return extra


def styled(sentence: str, m: Mention) -> Mention:
    """A one-word name after "Sir", "Dame", "Lord" or "Lady" that no full name of the article
    explains keeps its style in its key: "Sir Richard" is a first name, "Lord Hoffmann" a
    peer, neither the surname of another article's Cliff Richard or Dustin Hoffman."""
    if m.label != "PERSON" or is_full(m.key):
        return m
    lead = max(m.surface.find(m.name), 0)
    match = _STYLE.search(sentence[: m.start] + m.surface[:lead])
    if match is None:
        return m
    style = match.group(1)
    return replace(m, key=f"{style.lower()} {m.key}", name=f"{style} {m.name}")


def _short_forms(name: str) -> list[str]:
    """How an article may write a full name's surname alone: "Stancil" for "Kenneth Morgan
    Stancil III", "van Gaal" and "Van Gaal" for "Louis van Gaal"."""
    words = name.split()
    while len(words) > 2 and fold(words[-1]) in SUFFIXES:
        words = words[:-1]
    forms = []
    for size in range(1, len(words)):
        short = " ".join(words[-size:])
        forms += [short, short[:1].upper() + short[1:]] if short[:1].islower() else [short]
    return forms


def missed(
    sentences: list[str],
    mentions: list[Mention],
    full: dict[str, Counter[str]],
    resolve: Callable[[str], str | None],
) -> list[Mention]:
    """Mentions of the article's people that the model missed in some sentences."""
    forms: dict[str, tuple[str, str]] = {}
    for key, names in full.items():
        display = names.most_common(1)[0][0]
        for name in names:
            forms[name] = (key, display)
            for short in _short_forms(name):
                if resolve(fold(short)) == key:
                    forms[short] = (key, display)
    if not forms:
        return []
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
        + r")(?![\w-])"
    )
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        taken.setdefault(m.sentence, []).append((m.start, m.end))
    found = []
    for index, sentence in enumerate(sentences):
        spans = taken.get(index, [])
        for match in pattern.finditer(sentence):
            if any(match.start() < end and start < match.end() for start, end in spans):
                continue
            key, display = forms[match.group()]
            found.append(
                Mention(index, match.start(), match.end(), match.group(), display, key, "PERSON")
            )
    return found
