"""Quotations in every house style: “…”, "…", ‘…’, '…', «…» and „…“, within a sentence or
over several sentences and paragraphs (an opening mark at each paragraph's start, one
closing mark at the end). Apostrophes ("don't", "the Smiths' house") open and close nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

_CLOSERS = {"“": "”", '"': '"', "«": "»", "„": "“”", "‘": "’", "'": "'"}
_SINGLE = frozenset("‘’'")
_BEFORE_OPENING = frozenset(" ([—–-/:")
_ENDS_WORDS = frozenset(",.!?;:…—–-")
"""Punctuation before a closing single mark: "…,’ he said" closes; "the Smiths’ house" may not."""


@dataclass(frozen=True)
class Segment:
    """The quoted part of one sentence: ``text`` lies within ``start``..``end`` (the marks
    included); every segment of one quotation shares its ``run`` number."""

    start: int
    end: int
    text: str
    run: int
    closed: bool


def _opens(text: str, i: int) -> bool:
    """Whether the mark at ``i`` opens a quotation: single marks only at a word's start."""
    if text[i] not in _CLOSERS:
        return False
    if i + 1 >= len(text) or text[i + 1].isspace():
        return False
    if text[i] in _SINGLE:
        return i == 0 or text[i - 1] in _BEFORE_OPENING or text[i - 1] in '“"«'
    return True


def _close(text: str, pos: int, opener: str, opened_here: bool) -> int | None:
    """Where the quotation opened by ``opener`` closes in ``text`` from ``pos``; None if not.

    A single closing mark ends a word and is not followed by a letter; the first one after
    punctuation ("…,’") wins, else, for a quotation opened in this sentence, the last one
    ("called it ‘a disgrace’ on Monday")."""
    closers = _CLOSERS[opener]
    if opener not in _SINGLE:
        found = [text.find(c, pos) for c in closers]
        found = [f for f in found if f >= 0]
        return min(found) if found else None
    closer = "’" if opener == "‘" else "'"
    candidates = [
        j
        for j in range(pos, len(text))
        if text[j] == closer
        and j > 0
        and not text[j - 1].isspace()
        and (j + 1 == len(text) or not text[j + 1].isalnum())
    ]
    after_words = [j for j in candidates if text[j - 1] in _ENDS_WORDS]
    if after_words:
        return after_words[0]
    return candidates[-1] if candidates and opened_here else None


def scan(sentences: Sequence[str], paragraph_starts: Collection[int]) -> list[list[Segment]]:
    """The quoted segments of each sentence. A quotation left open at the end of a paragraph
    goes on only when the next paragraph opens with the same mark; otherwise it ends there."""
    out: list[list[Segment]] = [[] for _ in sentences]
    opener: str | None = None
    run = -1
    for index, sentence in enumerate(sentences):
        pos, start = 0, 0
        if opener is not None and index in paragraph_starts:
            lead = len(sentence) - len(sentence.lstrip())
            if sentence[lead : lead + 1] == opener:
                pos = start = lead
                pos += 1
            else:
                _end_open(out, run)
                opener = None
        opened_here = False
        while pos <= len(sentence):
            if opener is None:
                i = next((i for i in range(pos, len(sentence)) if _opens(sentence, i)), None)
                if i is None:
                    break
                opener, run, start, pos, opened_here = sentence[i], run + 1, i, i + 1, True
                continue
            close = _close(sentence, pos, opener, opened_here)
            body_start = start + 1 if sentence[start : start + 1] == opener else start
            if close is None:
                text = sentence[body_start:].strip()
                out[index].append(Segment(start, len(sentence), text, run, False))
                break
            text = sentence[body_start:close].strip()
            out[index].append(Segment(start, close + 1, text, run, True))
            opener, pos, opened_here = None, close + 1, False
    if opener is not None:
        _end_open(out, run)
    return out


def _end_open(out: list[list[Segment]], run: int) -> None:
    """A quotation still open at a paragraph's end: it ends there (its last segment
    counts as closed, so the sentence that holds it can name the speaker)."""
    for segments in reversed(out):
        for n, segment in enumerate(segments):
            if segment.run == run:
                segments[n] = Segment(segment.start, segment.end, segment.text, run, True)
                return


def runs(segments: Sequence[Sequence[Segment]]) -> dict[int, list[tuple[int, Segment]]]:
    """Each quotation's (sentence index, segment) pieces, in order."""
    found: dict[int, list[tuple[int, Segment]]] = {}
    for index, here in enumerate(segments):
        for segment in here:
            found.setdefault(segment.run, []).append((index, segment))
    return found


def quoted_sentences(sentences: Sequence[str], segments: Sequence[Sequence[Segment]]) -> set[int]:
    """Sentences that are someone's words without saying whose: part of a quotation over
    several sentences, or a quotation with hardly a word outside it."""
    several = {run for run, pieces in runs(segments).items() if len(pieces) > 1}
    found = set()
    for index, here in enumerate(segments):
        outside = len(sentences[index]) - sum(s.end - s.start for s in here)
        if here and (any(s.run in several for s in here) or outside < 12):
            found.add(index)
    return found
