"""What an article says of a person's gender: honorifics ("Mrs", "Sir"), gendered roles
("actress", "chairwoman", "father") and "he"/"she" right after a sentence about them.

Used only to refuse a link the text contradicts ("President Obama" is not the article's
Michelle Obama when she is "Mrs Obama"; "she said" is not the man of the sentence before),
never to guess one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence

from summarizer.people.mention import Mention
from summarizer.people.names import is_full, word_set
from summarizer.people.roles import role_after, role_before, role_key

MALE, FEMALE = "male", "female"
PRONOUNS = {"he": MALE, "she": FEMALE}
_HONORIFIC = re.compile(r"\b(Mr|Mister|Sir|Lord|Mrs|Ms|Miss|Lady|Dame|Madam)\.?\s*$")
_FEMALE_HONORIFICS = frozenset({"Mrs", "Ms", "Miss", "Lady", "Dame", "Madam"})
FEMALE_WORDS = word_set(
    """
    actress chairwoman spokeswoman congresswoman businesswoman sportswoman councilwoman
    queen princess duchess empress countess baroness mother wife daughter sister widow
    girlfriend grandmother aunt niece lady heiress hostess waitress stepmother
    """
)
MALE_WORDS = word_set(
    """
    spokesman congressman businessman sportsman councilman king prince duke emperor baron
    father husband son brother widower boyfriend grandfather uncle nephew stepfather
    """
)
"""Role and apposition words that say a gender. "Chairman" and "actor" are said of women too."""
_APPOSITION = re.compile(r"^\s*,\s*([^,;:.!?“”\"()]{2,60})")
_QUOTE_MARKS = re.compile('["“”„«»\ufffd]')
"""Quotation marks, and the replacement character that badly decoded ones become."""
_SOMEONE_ELSE = re.compile(r"(?:his|her|their|its|whose|who|whom|which)\b", re.IGNORECASE)
_OPENS_WITH = re.compile(r"^\s*(He|She)\b")
_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
MAJORITY = 3
"""A person's evidence decides only when one gender has this many times the other's."""


def honorific_gender(prefix: str) -> str | None:
    """The gender of an honorific that ends ``prefix`` ("… met Mrs " → female)."""
    match = _HONORIFIC.search(prefix)
    if match is None:
        return None
    return FEMALE if match.group(1) in _FEMALE_HONORIFICS else MALE


def words_gender(text: str | None) -> str | None:
    """The gender the words of a role or apposition say, if they say one and only one."""
    if not text:
        return None
    words = set(re.findall(r"[a-z]+", text.lower()))
    female, male = bool(words & FEMALE_WORDS), bool(words & MALE_WORDS)
    return FEMALE if female and not male else MALE if male and not female else None


def apposition_gender(after: str) -> str | None:
    """The gender an apposition right after a name says (", the first lady,"); not one
    about someone else (", his wife, Cindy")."""
    match = _APPOSITION.match(after)
    if match is None or _SOMEONE_ELSE.match(match.group(1)):
        return None
    return words_gender(" ".join(match.group(1).split()[:5]))


def opening_pronoun(sentence: str) -> str | None:
    """The gender of a "He"/"She" that opens a sentence (it points at the one before)."""
    match = _OPENS_WITH.match(sentence)
    if match is None:
        return None
    return MALE if match.group(1) == "He" else FEMALE


def pronouns_gender(text: str) -> str | None:
    """The gender of the third-person pronouns in ``text``, when all say the same."""
    he, she = bool(_HE.search(text)), bool(_SHE.search(text))
    return MALE if he and not she else FEMALE if she and not he else None


class Genders:
    """Gender evidence per person key, as one article gives it."""

    def __init__(self) -> None:
        self._seen: dict[str, Counter[str]] = {}

    def add(self, key: str, gender: str | None) -> None:
        if gender is not None:
            self._seen.setdefault(key, Counter())[gender] += 1

    def has(self, key: str) -> bool:
        """Whether the article says anything of this person's gender."""
        return key in self._seen

    def of(self, key: str) -> str | None:
        """The gender the article says, or None when it says none or both about equally."""
        seen = self._seen.get(key)
        if not seen:
            return None
        (top, count), *rest = seen.most_common()
        return top if not rest or count >= MAJORITY * rest[0][1] else None


def conflicts(known: str | None, said: str | None) -> bool:
    """Whether two genders are both known and differ."""
    return known is not None and said is not None and known != said


def article_genders(
    sentences: Sequence[str], mentions: Iterable[Mention], people: Collection[str]
) -> Genders:
    """Gender evidence for the ``people`` keys from their mentions in one article: an
    honorific, gendered title or kin word ("his wife") before a mention, a gendered
    apposition after it, and a sentence opening with "He"/"She" after one that names only
    them (neither with a quotation mark: a quoted "He" is someone else, and a quote's "she
    said" is what the evidence is used to check)."""
    evidence = Genders()
    keys_in: dict[int, set[str]] = {}
    for m in mentions:
        if m.key not in people:
            continue
        sentence = sentences[m.sentence]
        prefix = sentence[: m.start] + m.surface[: _lead(m)]
        evidence.add(m.key, honorific_gender(prefix))
        before = prefix.rsplit(None, 1)[-1:]  # "his wife Susan Harper"
        evidence.add(m.key, words_gender(role_before(prefix) or " ".join(before)))
        evidence.add(m.key, apposition_gender(sentence[m.end :]))
        possessive = re.match(r"['’]s?\b", sentence[m.end :])  # "Vale's son": not Vale
        keys_in.setdefault(m.sentence, set()).add("" if possessive else m.key)
    for index, keys in keys_in.items():
        if len(keys) != 1 or "" in keys or index + 1 >= len(sentences):
            continue
        following = sentences[index + 1]  # no quotation in either: "He" may be quoted
        if not _QUOTE_MARKS.search(sentences[index] + following):
            evidence.add(next(iter(keys)), opening_pronoun(following))
    return evidence


def surname_honorifics(
    sentences: Sequence[str],
    mentions: Iterable[Mention],
    owners: dict[str, set[str]],
    evidence: Genders,
) -> None:
    """Add to ``evidence`` the honorifics of bare surnames that only one full name of the
    article has ("Mrs Obama" for its only Obama, Michelle Obama), when every honorific the
    article puts before that surname says the same gender ("Mr Obama" and "Mrs Obama" in
    one article are two people: neither is evidence) and the full name has none of its own."""
    said: dict[str, list[str]] = {}
    for m in mentions:
        if not is_full(m.key) and len(owners.get(m.key, ())) == 1:
            sentence = sentences[m.sentence]
            gender = honorific_gender(sentence[: m.start] + m.surface[: _lead(m)])
            if gender is not None:
                said.setdefault(m.key, []).append(gender)
    for key, genders in said.items():
        owner = next(iter(owners[key]))
        if len(set(genders)) == 1 and not evidence.has(owner):
            for gender in genders:
                evidence.add(owner, gender)


def _lead(m: Mention) -> int:
    """Where the name starts inside the mention's surface ("Mr Obama" → 3)."""
    return max(m.surface.find(m.name), 0)


LEFT_OUT = ""
"""What :func:`owner_of` answers for a mention that every full name of the article contradicts."""


def owner_of(
    sentence: str,
    m: Mention,
    owners: Collection[str],
    evidence: Genders,
    heads: dict[str, set[str]],
    alone: bool,
) -> str | None:
    """Which of the article's full names a bare surname stands for ("Obama" → a key).

    A title or honorific before it must fit: "Mrs/Ms/Miss/Lady X" and "Mr/Sir/Lord X" (and a
    gendered title, or a "he"/"she" after a titled surname alone in its sentence) never go
    to a full name the article gives the other gender, and a title ("President X") goes to the one
    full name the article gives that title, when there is one. ``heads`` are the role heads
    the article gives each full name. Returns the key, None when several fit (the surname
    stays bare, as before), or :data:`LEFT_OUT` when none does.
    """
    prefix = sentence[: m.start] + m.surface[: _lead(m)]
    title = role_before(prefix)
    said = honorific_gender(prefix) or words_gender(title)
    after = sentence[m.end :]
    if said is None and title and alone and not _QUOTE_MARKS.search(after):
        said = pronouns_gender(after)  # "President Vale said he would …"
    fits = [key for key in sorted(owners) if not conflicts(evidence.of(key), said)]
    head = role_key(title)[0] if title else ""
    titled = [key for key in fits if head and head in heads.get(key, set())]
    fits = titled or fits
    if len(fits) == 1:
        return fits[0]
    return LEFT_OUT if not fits else None


def title_heads(
    sentences: Sequence[str], mentions: Iterable[Mention], people: Collection[str]
) -> dict[str, set[str]]:
    """The head nouns of the titles and appositions the article gives each of ``people``
    ("president" for "Russian President Vladimir Putin")."""
    heads: dict[str, set[str]] = {}
    for m in mentions:
        if m.key in people:
            sentence = sentences[m.sentence]
            prefix = sentence[: m.start] + m.surface[: _lead(m)]
            role = role_before(prefix) or role_after(sentence[m.end :])
            if role:
                heads.setdefault(m.key, set()).add(role_key(role)[0])
    return heads
