"""Titles and honorifics in a ``/who`` query ("President Okoro", "Mrs Hume", "manager
Hume"): among the people a surname finds, the one the articles give that title or
honorific, so the answer is that person rather than "Several match"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from summarizer.people.gender import FEMALE, MALE, honorific_gender, words_gender
from summarizer.people.roles import HEADS, MODIFIERS, role_key

_FEMALE = frozenset({"mrs", "ms", "miss", "lady", "dame", "madam"})
_MALE = frozenset({"mr", "mister", "sir", "lord"})


class Said(Protocol):
    """One stored mention with its sentence (a row of ``query._mention_rows``)."""

    label: str
    surface: str
    role: str | None
    text: str


@dataclass(frozen=True)
class Cues:
    """What the query's leading words say of the person: a gender, title words."""

    gender: str | None = None
    titles: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return self.gender is not None or bool(self.titles)


def cues(query: str) -> Cues:
    """The honorific and title words before the name ("Chancellor Mrs Hume")."""
    leading: list[str] = []
    for word in query.split()[:-1]:
        low = word.lower().rstrip(".")
        if low not in _FEMALE | _MALE and low not in HEADS and low not in MODIFIERS:
            break
        leading.append(low)
    gender = FEMALE if _FEMALE & set(leading) else MALE if _MALE & set(leading) else None
    titles = [w for w in leading if w not in _FEMALE | _MALE]
    return Cues(gender, role_key(" ".join(titles))[1] if titles else frozenset())


def _honorific(row: Said) -> str | None:
    at = row.text.find(row.surface) if row.surface else -1
    prefix = row.text[:at] if at >= 0 else ""
    words = row.surface.split()
    return (
        honorific_gender(prefix)
        or (honorific_gender(words[0] + " ") if len(words) > 1 else None)
        or words_gender(row.role)
        or words_gender(" ".join(prefix.split()[-2:]))  # "First lady Grace Okoro"
    )


def pick(candidates: Sequence[Any], said: dict[int, Iterable[Said]], cue: Cues) -> list[Any]:
    """The candidates (entity rows with an ``id``) whose mentions carry the query's title
    or honorific; all of them when none or the cues say nothing.

    A title fits a mention whose role holds its words ("President", "Leeds Rovers
    manager"); an honorific fits a mention written after it ("Mrs Hume"), and a candidate
    the articles only give the other honorific never fits."""
    if not cue:
        return list(candidates)
    scores: dict[int, int] = {}
    for entity in candidates:
        score, other = 0, 0
        for row in said.get(entity.id, ()):
            if row.label == "QUOTE":
                continue
            if cue.titles and row.role and cue.titles <= role_key(row.role)[1]:
                score += 1
            if cue.gender:
                gender = _honorific(row)
                score += gender == cue.gender
                other += gender is not None and gender != cue.gender
        scores[entity.id] = score if score else -other
    best = max(scores.values())
    if best > 0:
        return [e for e in candidates if scores[e.id] == best]
    kept = [e for e in candidates if scores[e.id] == 0]
    return kept or list(candidates)
