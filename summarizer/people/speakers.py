"""Who said each quotation of an article: the name beside the speech verb, or for "he said"
the previous sentence's speaker or subject, when the article does not say otherwise."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from summarizer.people.gender import PRONOUNS, Genders, conflicts
from summarizer.people.quotes import attribute, quoted_segments, speech_pronoun

if TYPE_CHECKING:
    from summarizer.people.extract import Mention


def quotes(
    sentences: list[str], mentions: list[Mention], persons: set[str], evidence: Genders
) -> list[Mention]:
    """Attach each quotation to its speaker; "he said" quotes get a QUOTE mention, unless
    the article gives the previous speaker the other gender ("she said" after a man)."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    extra: list[Mention] = []
    previous: Mention | None = None
    for index, sentence in enumerate(sentences):
        here = [m for m in by_sentence.get(index, []) if m.key in persons or m.label == "ORG"]
        candidates = [(m.start, m.end, m.key in persons) for m in here]
        quote, who, pronoun = attribute(sentence, candidates)
        speaker: Mention | None = None
        if quote and who is not None:
            speaker = here[who]
            speaker.quote = quote
            speaker.context = "person" if speaker.key in persons else "org"
        elif (
            quote
            and pronoun
            and previous is not None
            and not conflicts(
                evidence.of(previous.key), PRONOUNS.get(speech_pronoun(sentence) or "")
            )
        ):
            speaker = replace(
                previous,
                sentence=index,
                start=0,
                end=0,
                surface="",
                label="QUOTE",
                role=None,
                quote=quote,
                context=None,
            )
            extra.append(speaker)
        previous = speaker or subject(sentence, [m for m in here if m.key in persons])
    return extra


def subject(sentence: str, people: list[Mention]) -> Mention | None:
    """The first person named in a sentence who is not a possessive ("Putin's statement")
    nor inside a quotation ("“The Obama I know …,” she said" is not Obama speaking)."""
    quoted = quoted_segments(sentence)
    for m in people:
        inside = any(start <= m.start < end for start, end, _ in quoted)
        if not inside and m.context != "org" and not re.match(r"['’]s?\b", sentence[m.end :]):
            return m
    return None
