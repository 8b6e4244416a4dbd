"""Who said each quotation of an article: the name beside the speech verb, or for "he said"
the previous sentence's speaker or subject, when the article does not say otherwise. A
quotation over several sentences or paragraphs is attributed where it closes ("…,’ he
said"), else where it opens ("Mr Pryce said: ‘…")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from summarizer.people.gender import PRONOUNS, Genders, conflicts
from summarizer.people.quotemarks import Segment, runs
from summarizer.people.quotes import attribute, long_enough, speech_pronoun
from summarizer.people.roles import title_word

if TYPE_CHECKING:
    from summarizer.people.mention import Mention

_OPENS_WITH_PRONOUN = re.compile(r"^\W*(?:He|She)\b")


def quotes(
    sentences: list[str],
    mentions: list[Mention],
    persons: set[str],
    evidence: Genders,
    segments: Sequence[Sequence[Segment]],
) -> list[Mention]:
    """Attach each quotation to its speaker; "he said" quotes get a QUOTE mention, unless
    the article gives the previous speaker the other gender ("she said" after a man).
    ``segments`` are the article's quotations, sentence by sentence (``quotemarks.scan``)."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    pieces = runs(segments)
    text = {run: " ".join(s.text for _, s in found) for run, found in pieces.items()}

    def speakers(index: int) -> list[Mention]:
        here = [m for m in by_sentence.get(index, []) if m.key in persons or m.label == "ORG"]
        return [m for m in here if not _in_title(sentences[index], m, here)]

    extra: list[Mention] = []
    previous: Mention | None = None
    quoted_last: Mention | None = None  # who was quoted in the sentence before
    for index, sentence in enumerate(sentences):
        here = speakers(index)
        mine = long_enough((s.start, s.end, text[s.run]) for s in segments[index] if s.closed)
        names = [(m.start, m.end, m.key in persons) for m in here]
        quote, who, pronoun = attribute(sentence, names, mine)
        speaker: Mention | None = None
        if who is None and not pronoun and mine:  # "… fraud.’" closing what "X told Y: ‘…" opened
            speaker = _where_it_opens(sentences, segments, index, text, speakers)
            if speaker is not None:
                speaker.quote = max((t for _, _, t in mine), key=len)
                speaker.context = "person" if speaker.key in persons else "org"
            elif quoted_last is not None and _only_quoted(sentence, segments[index]):
                speaker = _said_again(quoted_last, index, max((t for _, _, t in mine), key=len))
                extra.append(speaker)  # a quotation's next paragraph: ‘He keeps the ball …’
        elif quote and who is not None:
            speaker = here[who]
            speaker.quote = quote
            speaker.context = "person" if speaker.key in persons else "org"
        elif (
            quote
            and pronoun
            and previous is not None
            and not conflicts(
                evidence.of(previous.key), PRONOUNS.get(speech_pronoun(sentence, mine) or "")
            )
        ):
            speaker = _said_again(previous, index, quote)
            extra.append(speaker)
        quoted_last = speaker if speaker is not None and speaker.quote else None
        people = [m for m in here if m.key in persons]
        inside = bool(segments[index]) and not any(s.closed for s in segments[index])
        keeps = inside or (not people and _OPENS_WITH_PRONOUN.match(sentence))
        previous = (
            speaker or subject(sentence, people, segments[index]) or (previous if keeps else None)
        )
    return extra


def _in_title(sentence: str, m: Mention, here: list[Mention]) -> bool:
    """Whether a name is part of another person's title ("Kelby" in "Kelby manager Ian
    Rusk", "Richard" in "said Richard and Judy executive producer Amanda Ross"): the
    speaker is the person the title belongs to."""
    for other in here:
        if other is m or not other.role or not m.end <= other.start:
            continue
        between = sentence[m.end : other.start].split()
        if other.start - len(other.role) - 1 <= m.start or (
            len(between) <= 6 and all(title_word(word) for word in between)
        ):
            return True
    return False


def _said_again(speaker: Mention, index: int, quote: str) -> Mention:
    """A QUOTE mention of ``speaker`` in sentence ``index`` (their name is not there)."""
    return replace(
        speaker,
        sentence=index,
        start=0,
        end=0,
        surface="",
        label="QUOTE",
        role=None,
        quote=quote,
        context=None,
    )


def _only_quoted(sentence: str, segments: Sequence[Segment]) -> bool:
    """Whether nothing but quotation marks and punctuation lies outside the quotations."""
    outside = list(sentence)
    for segment in segments:
        outside[segment.start : segment.end] = [" "] * (segment.end - segment.start)
    return not any(ch.isalnum() for ch in outside)


def _where_it_opens(
    sentences: list[str],
    segments: Sequence[Sequence[Segment]],
    index: int,
    text: dict[int, str],
    speakers: Callable[[int], list[Mention]],
) -> Mention | None:
    """The speaker named where a quotation ending at ``index`` without one opened, in an
    earlier sentence ("Mr Pryce said: ‘…"), if any."""
    for segment in segments[index]:
        if not segment.closed:
            continue
        opening = next((i for i in range(index) for s in segments[i] if s.run == segment.run), None)
        if opening is None:
            continue
        piece = next(s for s in segments[opening] if s.run == segment.run)
        named = speakers(opening)
        spans = long_enough([(piece.start, piece.end, text[segment.run])])
        names = [(m.start, m.end, m.label != "ORG") for m in named]
        _, who, _ = attribute(sentences[opening], names, spans)
        if who is not None:
            return named[who]
    return None


def subject(sentence: str, people: list[Mention], segments: Sequence[Segment]) -> Mention | None:
    """The first person named in a sentence who is not a possessive ("Putin's statement")
    nor inside a quotation ("“The Obama I know …,” she said" is not Obama speaking)."""
    quoted = [(s.start, s.end) for s in segments]
    for m in people:
        inside = any(start <= m.start < end for start, end in quoted)
        if not inside and m.context != "org" and not re.match(r"['’]s?\b", sentence[m.end :]):
            return m
    return None
