"""Direct quotes and who said them: the name (or "he"/"she") next to a speech verb."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from summarizer.people.quotemarks import scan

Span = tuple[int, int, str]
"""(start, end, text) of a quotation in a sentence."""
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|stated|warned|wrote|asked|insisted|explained|"
    r"declared|announced|tweeted|posted|according to|as saying|cited|called|described|branded)\b"
)
_PRONOUN_SPEECH = re.compile(
    r"\b(?:(?:he|she) (?:said|says|added|told|wrote|warned)|(?:said|added|says) (?:he|she))\b",
    re.IGNORECASE,
)
_NOT_SPEAKER_BEFORE = re.compile(
    r"\b(?:with|to|from|by|for|against|on|about|at|of|told|between|than|called|described|"
    r"branded)\s+$",
    re.IGNORECASE,
)
_POSSESSIVE_AFTER = re.compile(r"^['’]s?\b")
_IN_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whom)\b[^,]*$")
_REPORTED = re.compile(
    r"\b(?:he|she|they|we|i)\s+(?:said|says|added|warned|insisted|claimed)\s+"
    r"(?:that\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
"""A name right after "he said" is what he spoke about ("he said Labour would publish …")."""
MIN_QUOTE_WORDS = 4
NEAR = 45
"""Characters allowed between a speaker's name and the speech verb."""
VERB_SLACK = 20
"""A quotation's speech verbs are those nearest it: "Trump called it “…”, and Peskov said
Friday that “…”" gives the second quotation to "said" (Peskov), not to "called"."""
ORG_NEAR = 15
"""Organisations speak only right next to the verb ("the Foreign Ministry said")."""
SUBJECT_REACH = 200


def quoted_segments(sentence: str) -> list[Span]:
    """(start, end, text) of each quotation of at least ``MIN_QUOTE_WORDS`` words that
    opens and closes in the sentence, in any house style (see :mod:`quotemarks`)."""
    return long_enough((s.start, s.end, s.text) for s in scan([sentence], {0})[0] if s.closed)


def long_enough(spans: Iterable[Span]) -> list[Span]:
    """The quotations of at least ``MIN_QUOTE_WORDS`` words, a trailing comma dropped."""
    found = []
    for start, end, text in spans:
        inner = text.strip().rstrip(",").strip()
        if len(inner.split()) >= MIN_QUOTE_WORDS:
            found.append((start, end, inner))
    return found


def speech_pronoun(sentence: str, segments: Sequence[Span] | None = None) -> str | None:
    """The "he" or "she" of a "he said" outside the sentence's quotations, if any."""
    segments = quoted_segments(sentence) if segments is None else segments
    for match in _PRONOUN_SPEECH.finditer(sentence):
        if _outside(segments, match.start(), match.end()):
            return "she" if re.search(r"\bshe\b", match.group(), re.IGNORECASE) else "he"
    return None


def _outside(spans: Sequence[tuple[int, int, str]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e, _ in spans)


def attribute(
    sentence: str, names: Sequence[tuple[int, int, bool]], segments: Sequence[Span] | None = None
) -> tuple[str | None, int | None, bool]:
    """The quotation in ``sentence`` and its speaker.

    ``names`` are (start, end, is_person) of candidate speakers. A speaker stands outside
    the quotation, is not a possessive ("Trump's envoy"), inside a "who ..." clause, nor
    the object of a preposition or of "told"; the one nearest a speech verb wins, else
    the only person who can be the subject. Returns (quote, index into ``names`` or None,
    whether a "he said" refers back to the previous sentence). The quote is None when the
    sentence quotes nobody. ``segments`` are the sentence's quotations when the article
    gives them (a quotation over several sentences ends in this one), else found here.
    """
    segments = quoted_segments(sentence) if segments is None else segments
    if not segments:
        return None, None, False
    first, last, quote = max(segments, key=lambda s: len(s[2]))  # verbatim: one segment
    verbs = [m for m in _SPEECH.finditer(sentence) if _outside(segments, m.start(), m.end())]
    if not verbs:
        return None, None, False
    gaps = [max(v.start() - last, first - v.end(), 0) for v in verbs]
    verbs = [v for v, gap in zip(verbs, gaps, strict=True) if gap <= min(gaps) + VERB_SLACK]
    eligible = [
        (index, start, end, person)
        for index, (start, end, person) in enumerate(names)
        if _outside(segments, start, end)
        and not _NOT_SPEAKER_BEFORE.search(sentence[:start])
        and not _IN_RELATIVE_CLAUSE.search(sentence[:start])
        and not _REPORTED.search(sentence[:start])
        and not _POSSESSIVE_AFTER.match(sentence[end:])
    ]
    ranked = sorted(
        (min(max(v.start() - end, start - v.end(), 0) for v in verbs), not person, index)
        for index, start, end, person in eligible
    )
    for distance, is_org, index in ranked:
        if distance <= (ORG_NEAR if is_org else NEAR):
            return quote, index, False
    people = [(d, i) for d, is_org, i in ranked if not is_org]
    if len(people) == 1 and people[0][0] <= SUBJECT_REACH:
        return quote, people[0][1], False
    pronoun = any(
        _outside(segments, m.start(), m.end()) for m in _PRONOUN_SPEECH.finditer(sentence)
    )
    return quote, None, pronoun and not people
