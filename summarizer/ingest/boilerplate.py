"""Rules that recognise page furniture in one text unit, independent of any outlet.

Each rule names a *kind* of boilerplate (calls to action, link teasers, media credits,
tokens that are not prose) rather than listing strings seen on one site. Statistics over
the corpus (``summarizer.ingest.stats``) catch what is left: blocks repeated across an
outlet's articles.
"""

from __future__ import annotations

import re

TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
"""A unit that ends like a sentence."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"|‘[^‘’]*’(?!\w)|«[^«»]*»")
"""A quotation; it holds no opening mark of its own kind, so a line of 100,000 unclosed "“"
takes linear time, not quadratic."""

# Calls to action, page chrome, and third-party widget credits (as genres, not sites).
_STRONG_CUE = re.compile(
    r"^(?:sign up|subscribe|follow us|share this|read more|click here|download our|"
    r"continue reading|(?:watch|see) (?:the|our) (?:video|trailer|clip|gallery)s?\b.*"
    r"\b(?:below|above|here))\b|©|"
    r"\b(?:all rights reserved|privacy policy|terms of (?:use|service)|cookie (?:policy|settings)|"
    r"remind me later|(?:optimi[sz]ed|powered|hosted) by|pa(?:y|i)ment methods?)\b",
    re.IGNORECASE,
)
_WEAK_CUE = re.compile(
    r"^related\b|\b(?:newsletters?|subscribe(?:rs|d)?|subscription|sign[ -]?up|log[ -]?in|"
    r"sign[ -]?in|advertisement|sponsored|read (?:more|next|also)|"
    r"related (?:articles?|stories|content|coverage)|most (?:read|popular)|share (?:this|on|via)|"
    r"follow us|click here|download (?:our|the) app|"
    r"support (?:us|our|independent)|become a (?:member|supporter|subscriber))\b",
    re.IGNORECASE,
)
_APPEAL_IMPERATIVE = re.compile(r"^(?:[Ss]upport|[Hh]elp|[Jj]oin|[Bb]ack|[Ff]und)\s+[A-Z][^.?]*!$")
_SALUTATION = re.compile(
    r"^(?:dear\s+\w+(?:\s+\w+)?,?|(?:an?\s+)?(?:message|note|letter)\s+from\b.*)$",
    re.IGNORECASE,
)
_READER_CUE = re.compile(
    r"\b(?:newsletters?|subscri(?:be|ber|bers|ption)|inbox|mailbox|donate|sign up|"
    r"support (?:us|our)|help us|supporting (?:us|our|the [A-Z]\w+|[A-Z]\w+))\b"
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you’re|you'll|you’ll)\b", re.IGNORECASE)
_FIRST_PLURAL = re.compile(r"\b(?:we|our|us|we're|we’re|we've|we’ve)\b", re.IGNORECASE)
_LABEL_TEASER = re.compile(r"^[A-Z][\w’']*(?: [\w’']+){0,2} ?[|•►▶]\s*\S")
_BYLINE = re.compile(r"^(?:[Bb]y|[Ww]ords by|[Rr]eporting by|[Ww]ritten by)\s+[A-Z]")
_CREDIT_TAIL = re.compile(
    r"(?:\b(?i:photo|image|picture|video|credit|illustration)s?(?:\s+by|\s*:)\s*[A-Z][^.]*"
    r"|\b[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4}\s*/\s*[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2}"
    r"|\bGetty Images)\s*$"
)
_RAW_LINK = re.compile(r"https?://\S+|\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_URLISH = re.compile(r"(?:https?://|www\.|\.(?:jpe?g|png|gif|webp|svg|mp4)\b|[?&][a-z_]+=)", re.I)


def words(unit: str) -> list[str]:
    """The unit's words (letters and digits, with inner apostrophes)."""
    return _WORD.findall(unit)


def outside_quotes(unit: str) -> str:
    """The unit with quoted speech removed (to tell narration from quotes)."""
    return _QUOTED.sub(" ", unit)


def junk_kind(unit: str) -> str | None:
    """Why this unit alone is page furniture, or None when it may be article text."""
    tokens = unit.split()
    if not tokens:
        return "empty"
    hashtags = sum(t.startswith("#") for t in tokens) if "#" in unit else 0
    if len(tokens) >= 2 and hashtags / len(tokens) >= 0.6:
        return "hashtags"
    if _URLISH.search(unit):
        prose = [t for t in tokens if not _URLISH.search(t)]
        if not prose or not words(" ".join(prose)):
            return "link or media fragment"
    if len(tokens) == 1 and not re.fullmatch(r"[^\W\d_]+[.!?]?", unit):
        return "code or identifier"
    if _LABEL_TEASER.match(unit):
        return "teaser link"
    if len(tokens) <= 8 and _BYLINE.match(unit) and not TERMINAL.search(unit):
        return "byline"
    if call_to_action(unit):
        return "call to action"
    if reader_appeal(unit):
        return "appeal to the reader"
    if len(tokens) <= 40 and not TERMINAL.search(unit) and _CREDIT_TAIL.search(unit):
        return "media caption or credit"
    return None


def call_to_action(unit: str) -> bool:
    """A short unit of page chrome: subscribe, share, related links, legal lines, widgets.

    Longer units count too when they carry a raw link or e-mail address besides a cue.
    """
    if len(unit.split()) > 15:
        return bool(
            _RAW_LINK.search(unit)
            and (_STRONG_CUE.search(unit) or _WEAK_CUE.search(unit) or _SECOND_PERSON.search(unit))
        )
    if _STRONG_CUE.search(unit) or _APPEAL_IMPERATIVE.match(unit):
        return True
    weak_ok = not TERMINAL.search(unit) or _SECOND_PERSON.search(unit) or len(unit.split()) <= 6
    return bool(weak_ok and _WEAK_CUE.search(unit))


def reader_appeal(unit: str) -> bool:
    """Narration (not a quote) that speaks to the reader and asks for something."""
    if not (_SECOND_PERSON.search(unit) and _READER_CUE.search(unit)):
        return False
    narration = outside_quotes(unit)
    return bool(_SECOND_PERSON.search(narration) and _READER_CUE.search(narration))


def opens_appeal(unit: str) -> bool:
    """A unit that typically starts a trailing block of appeals or promotions."""
    return bool(
        _SALUTATION.match(unit)
        or _APPEAL_IMPERATIVE.match(unit)
        or call_to_action(unit)
        or reader_appeal(unit)
    )


def appeal_like(unit: str) -> bool:
    """Fits inside an appeal block: furniture, a short fragment, or we/you narration."""
    if (len(unit) < 60 and len(words(unit)) <= 6) or junk_kind(unit):
        return True
    narration = outside_quotes(unit)
    return bool(_FIRST_PLURAL.search(narration) or _SECOND_PERSON.search(narration))


def is_fragment(unit: str, *, limit: int = 3) -> bool:
    """A few words without sentence punctuation: a label, button, kicker or widget."""
    if len(unit) > 40 * limit or TERMINAL.search(unit):
        return False
    return len(words(unit)) <= limit


def is_heading(unit: str, *, min_words: int = 4, max_words: int = 25, top: bool = False) -> bool:
    """Headline-shaped: one line, no sentence ending (a lone unquoted question is allowed).

    ``top`` is for a page's first line, which may start with anything ("iTunes", "$1m")
    and trail off ("My memories of…").
    """
    if len(unit) > 220:
        return False
    count = len(words(unit))
    if not min_words <= count <= max_words:
        return False
    if not (top or unit[0].isupper() or unit[0].isdigit() or unit[0] in "“\"‘'"):
        return False
    if not TERMINAL.search(unit) or (top and re.search(r"(?:\.\.\.|…)[\"'”’]?$", unit)):
        return True
    return unit.endswith("?") and not _QUOTED.search(unit) and not re.search(r"[.!?] \S", unit)
