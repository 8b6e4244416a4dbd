"""Roles from the text: titles before a name ("Kremlin spokesman Dmitry Peskov") and
appositions around it ("Vitali Klitschko, mayor of the Ukrainian capital"), and the choice
of one headline role from all of them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from summarizer.people.names import word_set

HEADS = word_set(
    """
    envoy spokesman spokeswoman spokesperson minister president secretary adviser advisor
    mayor chancellor governor senator ambassador director chief head leader chairman
    chairwoman chair ceo executive official negotiator general commander king queen prince
    princess pope premier mp lawmaker congressman congresswoman judge prosecutor attorney
    editor correspondent analyst economist professor founder owner manager coach captain
    actor actress singer producer presenter host aide counsel commissioner speaker
    candidate boss vice-president vice-chancellor chancellor secretary-general
    president-elect diplomat spokesperson representative emissary mediator dictator monarch sheikh
    emir lieutenant colonel admiral marshal officer inspector superintendent striker
    midfielder goalkeeper defender star musician writer author novelist director-general
    regulator governor-general
    sgt sergeant detective det constable pc dc insp supt lt capt cpl corporal trooper sheriff
    scientist researcher astronaut engineer doctor surgeon nurse teacher lawyer solicitor
    barrister historian coroner magistrate bishop archbishop vicar rabbi imam priest sen gov
    """
)
"""Nouns that head a role ("special envoy", "deputy foreign minister")."""

LOADED = word_set(
    """
    disgraced shamed notorious infamous controversial embattled beleaguered hapless
    troubled tragic brave heroic evil vile fugitive killer monster beloved legendary
    celebrated flamboyant outspoken firebrand maverick so-called self-styled rogue
    """
)
"""Words of the outlet's opinion, never part of a role the bot states ("Disgraced former
RBS boss" is given as "former RBS boss")."""

MODIFIERS = word_set(
    """
    deputy special foreign former acting senior top chief vice first national security
    defence defense interior finance economy economic prime affairs state press assistant
    executive managing general junior shadow health trade home justice energy labour labor
    opposition party communications permanent presidential peace interim incoming outgoing
    then current new long-time longtime veteran military intelligence digital culture
    environment education transport business sports chief-of-staff election campaign media
    investment market marketing production operating financial technical creative
    artistic political policy treasury
    """
)
"""Lower-case words allowed inside a role ("deputy foreign minister")."""

SECTORS = word_set(
    """
    hospital police club union council party school team prison fire county city bank
    company trust university college church charity airline court
    """
)
"""Lower-case nouns that name where a role is held ("hospital boss", "union representative")."""

PORTFOLIOS = word_set(
    """
    energy transport health defence defense foreign interior finance economy economic trade
    home justice culture environment education business sport sports digital agriculture
    housing climate industry employment immigration tourism science technology security
    communications infrastructure development welfare work pensions equalities europe
    affairs national homeland state and &
    """
)
"""Words of a portfolio before a role ("Energy minister", "Foreign Affairs secretary"):
the small model tags them as organisations ("State" in "State Sen. Carla Whitfield").
"Kremlin", "Treasury" and "Labour" are not here: before a role they name a real organisation."""

_PORTFOLIO_WORDS = PORTFOLIOS - {"and", "&"}
"""Portfolio words that may sit inside a role ("Lib Dem housing spokesman")."""
_STOP_CAPS = word_set(
    """
    The A An On In At As But And When While After Before Meanwhile However If Since Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Mr Mrs Ms Dr Yesterday Today
    Earlier Later Then That This These Those His Her Their Its Speaking According Although
    Though Because Unless Until Whether Once Whereas Also So Yet Now Even Still Like With
    For From By Of To Under Without Despite During Among Amid Following Including Asked
    """
)
_VERB_BEFORE = frozenset(
    {"will", "would", "can", "could", "may", "might", "must", "shall", "should", "did"}
)
"""Words that make the "head" that follows a verb ("will host Mr Brown's speech")."""
_NOT_SPECIFIC = frozenset(
    {"the", "a", "an", "new", "former", "then", "acting", "outgoing", "incoming", "current"}
)
"""Words that date a role rather than say what it is ("New Home Secretary")."""
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir"})
_ARTICLES = frozenset({"the", "a", "an"})
_SYNONYMS = {
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "advisor": "adviser",
    "chairwoman": "chairman",
    "chair": "chairman",
}
_TAIL_PREPS = frozenset({"for", "of", "to", "on", "at", "in"})
_TAIL_WORDS = re.compile(r"^(?:the|a|an|[a-z][\w'’-]*|[A-Z][\w.'’-]*)$")
_AFTER_STOP = re.compile(
    r"\b(?:said|says|told|tells|added|who|which|that|has|had|have|is|was|were|are|will|would|"
    r"and|but|when|while|as)\b"
)
_TOKEN = re.compile(r"[\w.'’-]+|[^\w\s]")
_COUNTRY_CODES = frozenset({"us", "uk", "eu"})
_TITLE_OF = re.compile(r"\b(?:[Ss]ecretary|[Mm]inister)\s+(?:of|for)\s+(?:the\s+)?$")


def _word(token: str) -> str:
    return token.lower().replace("’", "'")


def _is_head(token: str) -> bool:
    return _word(token).strip(".") in HEADS


def _role_word(token: str) -> bool:
    """A token that may sit inside a role: a modifier, a head or a proper word; "ex-"
    before one of them ("ex-Home Secretary")."""
    low = _word(token)
    if low in LOADED:
        return False
    if low.startswith("ex-") and len(token) > 3:
        return _role_word(token[3:])
    if low in MODIFIERS or low.strip(".") in HEADS or low in _PORTFOLIO_WORDS or low in SECTORS:
        return True
    if token in _STOP_CAPS or not token[:1].isupper():
        return False
    return bool(re.match(r"^[A-Z][\w.'’-]*$", token))


def title_word(token: str) -> bool:
    """A word that may stand inside a title before a name, "and" included ("Richard and
    Judy executive producer")."""
    return token in {"and", "&"} or _role_word(token)


def _extend_back(tokens: list[str], head_index: int) -> int:
    """Start index of the role that ends with the head at ``head_index``."""
    start = head_index
    while start > 0 and head_index - start < 5 and _role_word(tokens[start - 1]):
        start -= 1
    return start


def is_portfolio(name: str, after: str) -> bool:
    """Whether a name is only the portfolio of a title that follows it: "Energy" in
    "Energy minister Lena Marsh", "Foreign Affairs" in "Foreign Affairs spokesman"."""
    words = [_word(w) for w in name.split()]
    if len(words) > 1 and words[0].replace(".", "") in _COUNTRY_CODES:
        words = words[1:]  # "U.S. National Security" in "U.S. National Security Adviser"
    if not words or not all(w in PORTFOLIOS for w in words) or words[0] in {"and", "&"}:
        return False
    tokens = _TOKEN.findall(after[:60])
    for token in tokens[:3]:
        if _is_head(re.sub(r"['’]s$", "", token)):  # "the Energy minister's plan"
            return True
        if _word(token) not in MODIFIERS:
            return False
    return False


def is_title_object(name: str, before: str) -> bool:
    """Whether a name is the portfolio at the end of a title: "State" in "Secretary of
    State Marco Rubio", "Health" in "Minister for Health"."""
    words = [_word(w) for w in name.split()]
    return (
        bool(words)
        and all(w in PORTFOLIOS or w == "state" for w in words)
        and bool(_TITLE_OF.search(before))
    )


def name_after_title(span: str) -> int | None:
    """Where a person's name starts in a span the model glued to a title ("Cottonwood
    Police Sgt Jeremy Daniels", "DiCaprio described director Martin Scorsese"): after the
    last title word, when two to four capitalised words that are no title follow it."""
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", span)]
    for n in range(len(words) - 3, -1, -1):
        if not _is_head(words[n][1]):
            continue
        rest = [w for _, w in words[n + 1 :]]
        if len(rest) <= 4 and all(w[:1].isupper() and not _is_head(w) for w in rest):
            return words[n + 1][0]
        return None
    return None


def without_title(span: str) -> int:
    """The length of an organisation's name without the title the model ran on into
    ("Cottonwood Police" of "Cottonwood Police Sgt")."""
    words = list(re.finditer(r"\S+", span))
    keep = len(words)
    while keep > 1 and _is_head(words[keep - 1].group()):
        keep -= 1
    return words[keep - 1].end() if words else len(span)


def role_before(prefix: str) -> str | None:
    """A title or apposition that ends right before a name, taken from ``prefix``."""
    tokens = _TOKEN.findall(prefix)
    if not tokens:
        return None
    if tokens[-1] == ",":  # "Trump's envoy for the conflict, Steve Witkoff"
        body = tokens[:-1]
        for index in range(len(body) - 1, max(len(body) - 6, -1), -1):
            if not _is_head(body[index]):
                continue
            tail = body[index + 1 :]
            if tail and (
                tail[0].lower() not in _TAIL_PREPS or not all(map(_TAIL_WORDS.match, tail))
            ):
                continue
            start = _extend_back(body, index)
            opens = start - 1 if start and body[start - 1].lower() in _ARTICLES else start
            if opens == 0 or body[opens - 1] in {",", ";", ":", "—", "–"}:
                return _join(body[start:])  # "The chancellor, Rachel Hume, said ..."
        return None
    while tokens and tokens[-1].lower().rstrip(".") in _HONORIFICS:
        tokens = tokens[:-1]  # "Chancellor Mr Brown"
    if not tokens:
        return None
    head = len(tokens) - 1
    if not _is_head(tokens[head]):  # "Secretary of State", "Minister for Foreign Affairs"
        link = next(
            (i for i in range(head - 1, max(head - 4, 0), -1) if tokens[i] in {"of", "for"}), None
        )
        proper = link is not None and all(t[:1].isupper() for t in tokens[link + 1 :])
        if not proper or not _is_head(tokens[link - 1]):
            return None
        head = link - 1
    start = _extend_back(tokens, head)
    if start > 0 and _word(tokens[start - 1]) in _VERB_BEFORE:
        return None  # "will host Mr Brown's speech"
    return _join(tokens[start:])


def role_after(suffix: str) -> str | None:
    """An apposition right after a name: ", mayor of the Ukrainian capital, said ..."."""
    match = re.match(r"\s*,\s*(?:the |a |an )?([^,;:.!?“”\"()]{2,80})", suffix)
    if match is None:
        return None
    phrase = match.group(1).strip()
    stop = _AFTER_STOP.search(phrase)
    if stop:
        phrase = phrase[: stop.start()].strip()
    tokens = _TOKEN.findall(phrase)
    if not tokens or len(tokens) > 10 or not _role_word(tokens[0]):
        return None
    heads = [i for i, t in enumerate(tokens[:5]) if _is_head(t) and not _names_on(tokens, i)]
    if not heads:
        return None
    head = heads[0]
    while head + 1 < len(tokens) and (
        _is_head(tokens[head + 1]) or _word(tokens[head + 1]) in MODIFIERS
    ):
        head += 1  # "chief executive"
    tail = tokens[head + 1 :]
    if tail and tail[0][:1].isupper() and tail[0] not in _STOP_CAPS:
        return None  # "Leonardo DiCaprio, director Martin Scorsese and …": the next one's title
    if tail and tail[0].lower() not in _TAIL_PREPS:
        tokens = tokens[: head + 1]
    return _join(tokens)


def _names_on(tokens: list[str], index: int) -> bool:
    """Whether a capitalised head word opens a longer proper name ("Premier League",
    "President Hotel") rather than a role."""
    token = tokens[index]
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    return token[:1].isupper() and after[:1].isupper() and not _role_word_lower(after)


def _role_word_lower(token: str) -> bool:
    low = _word(token)
    return low in MODIFIERS or low.strip(".") in HEADS or low in _TAIL_PREPS


def _join(tokens: list[str]) -> str | None:
    text = " ".join(tokens).replace(" ,", ",")
    return text if any(_is_head(t) for t in tokens) else None


@lru_cache(maxsize=1 << 14)
def role_key(role: str) -> tuple[str, frozenset[str]]:
    """(canonical head noun, normalised content words) for grouping role variants."""
    words = [
        _word(w).replace("u.s.", "us").replace("u.k.", "uk").strip(".")
        for w in _TOKEN.findall(role)
        if w.isalnum() or "'" in w or "’" in w or "." in w or "-" in w
    ]
    heads = [w for w in words if w in HEADS]
    head = _SYNONYMS.get(heads[0], heads[0]) if heads else ""
    content = frozenset(
        _SYNONYMS.get(w, w) for w in words if w not in _NOT_SPECIFIC and w not in _TAIL_PREPS
    )
    return head, content


@dataclass(frozen=True)
class RoleSeen:
    """One role as one article states it."""

    text: str
    article: int
    outlet: str | None


def headline_role(roles: Iterable[RoleSeen]) -> str | None:
    """The most specific, best-supported role.

    Roles are grouped by their head noun (spokesman = spokesperson); the group found in
    most articles wins. Within it each variant scores the support of its words (how many
    articles' roles share each word), so "Trump's special envoy" beats a bare "envoy";
    prepositional tails count half, and ties go to the shorter text.
    """
    seen = list(roles)
    if not seen:
        return None
    groups: dict[str, list[RoleSeen]] = defaultdict(list)
    for role in seen:
        groups[role_key(role.text)[0]].append(role)
    best_group = max(groups.values(), key=lambda g: (len({r.article for r in g}), len(g)))
    words_of: dict[int, set[str]] = defaultdict(set)
    for role in best_group:
        words_of[role.article] |= role_key(role.text)[1]
    support = Counter(word for words in words_of.values() for word in words)
    uses = Counter(role.text for role in best_group)

    def score(text: str) -> tuple[float, int, int]:
        tokens = text.split()
        tail = next((i for i, t in enumerate(tokens) if t.lower() in _TAIL_PREPS), len(tokens))
        main = role_key(" ".join(tokens[:tail]))[1]
        rest = role_key(" ".join(tokens[tail:]))[1] - main if tail < len(tokens) else set()
        points = sum(support[w] for w in main) + 0.5 * sum(support[w] for w in rest)
        return points, uses[text], -len(tokens)

    return max(uses, key=score)  # each text scored once, first seen first among equals
