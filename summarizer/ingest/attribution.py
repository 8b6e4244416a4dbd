"""Who published an article and when: outlet names, sign-offs, URL domains, dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

_KNOWN_OUTLETS = {
    "france24": "France24",
    "themoscowtimes": "The Moscow Times",
    "moscowtimes": "The Moscow Times",
    "independent": "The Independent",
    "theindependent": "The Independent",
    "bbc": "BBC News",
    "bbcnews": "BBC News",
    "reuters": "Reuters",
    "apnews": "AP",
    "associatedpress": "AP",
    "afp": "AFP",
    "theguardian": "The Guardian",
    "guardian": "The Guardian",
    "nytimes": "The New York Times",
    "newyorktimes": "The New York Times",
    "thenewyorktimes": "The New York Times",
    "washingtonpost": "The Washington Post",
    "cnn": "CNN",
    "aljazeera": "Al Jazeera",
    "dw": "DW",
    "kyivindependent": "The Kyiv Independent",
    "ft": "Financial Times",
    "financialtimes": "Financial Times",
    "thefinancialtimes": "Financial Times",
}
"""Canonical display names, keyed by the name squashed to lowercase letters and digits."""

_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "news"}
_TOKEN = r"[A-Z0-9][\w&'’-]*(?:\.[\w&'’-]+)*"
_NAME = rf"(?:The\s+)?{_TOKEN}(?:\s+{_TOKEN}){{0,4}}"
_SIGN_OFF = re.compile(rf"(?:(?<=[.!?”\"’])(?:\s+[–—-]\s+|\s*[–—]\s*)|^[–—-]\s*)({_NAME})\.?$")
_SIGN_OFF_PAREN = re.compile(rf"(?<=[.!?”\"’])\s*\(({_NAME})\)\.?$")
_SOURCE_LINE = re.compile(
    r"^(?:source|via|originally published (?:by|at|on)|this article (?:first )?appeared (?:in|on))"
    r"\s*:?\s*(.+?)\.?$",
    re.IGNORECASE,
)
_LEGAL_NOUN = r"(?:Policy|Notice|Information|Statement|Terms|Infringement|Law)\b"
_OWNER_CUES = (
    re.compile(rf"^(?:Support|Help|Back)\s+({_NAME})!$"),
    re.compile(rf"\b(?i:message|note|letter)\s+(?i:from)\s+({_NAME})\s*:?$"),
    re.compile(rf"\bjournalists\s+(?:of|at)\s+({_NAME})\b"),
    re.compile(
        rf"(?:©|^\(c\)|^(?i:copyright)\b\s*(?:©|\(c\))?)\s*"
        rf"(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?,?\s*)?(?!{_LEGAL_NOUN})({_NAME})"
    ),
)
""""©" names its owner anywhere; the word "copyright" only where it starts the line ("Copyright
2015 X"): inside a sentence ("See our Copyright Policy for more detail") it names no outlet."""
_COMPANY_SUFFIX = re.compile(r",?\s+(?:Limited|Ltd|Inc|LLC|plc|PLC|GmbH|S\.A|\d{4})\.?$")
"""A company form or a year after the owner's name ("X Limited", "© X 2026")."""
_BARE_CREDIT = re.compile(r"^©\s*[^\d\s]\S*$")
"""A lone "©EPA" or "© Reuters" (one word, no year): a picture credit, not the page's own."""
_MEDIA_WORDS = re.compile(r"\b(?:images?|photos?|pictures?|video|getty)\b", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^(?:published|posted|updated|first published|date)\s*(?:on|at)?\s*:?\s*(.{6,60})$",
    re.IGNORECASE,
)


def outlet_name(raw: str) -> str | None:
    """A display name for an outlet given as a name, a domain or a URL."""
    raw = raw.strip().strip(".").strip()
    if not raw:
        return None
    if "/" in raw or re.fullmatch(r"[\w.-]+\.[a-z]{2,}", raw, re.IGNORECASE):
        return outlet_from_url(raw)
    key = re.sub(r"[^a-z0-9]", "", raw.lower())
    return _KNOWN_OUTLETS.get(key, raw)


def outlet_from_url(url: str) -> str | None:
    """The outlet behind a URL or bare domain (``independent.co.uk`` → The Independent)."""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:  # "http://[::1": not a URL at all
        return None
    labels = [label for label in host.lower().split(".") if label and label != "www"]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-2]
    elif len(labels) >= 2:
        labels = labels[:-1]
    if not labels:
        return None
    name = labels[-1]
    key = re.sub(r"[^a-z0-9]", "", name)
    if key in _KNOWN_OUTLETS:
        return _KNOWN_OUTLETS[key]
    return " ".join(part.capitalize() for part in name.split("-"))


def split_sign_off(unit: str) -> tuple[str, str | None]:
    """Strip a trailing sign-off (``… areas. – France24.``, ``Source: x.com``).

    Returns the remaining text ('' when the whole unit was a sign-off) and the outlet named.
    """
    source = _SOURCE_LINE.match(unit)
    if source and len(source.group(1).split()) <= 5:
        return "", outlet_name(source.group(1))
    for pattern in (_SIGN_OFF, _SIGN_OFF_PAREN):
        match = pattern.search(unit)
        if match:
            return unit[: match.start()].rstrip(), outlet_name(match.group(1))
    return unit, None


def owner_in(unit: str) -> str | None:
    """An outlet named by its own furniture ("Support X!", "A Message from X:", "© X").

    Media credits ("© Getty Images", "Photo © AP", a bare "©EPA" under a picture) name an
    agency, not the outlet.
    """
    if _MEDIA_WORDS.search(unit) or _BARE_CREDIT.match(unit):
        return None
    for pattern in _OWNER_CUES:
        match = pattern.search(unit)
        if match:
            return outlet_name(_COMPANY_SUFFIX.sub("", match.group(1).removesuffix(".").strip()))
    return None


EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)
"""Publication dates outside [EARLIEST, LATEST) are placeholders (.NET's ``DateTime.MinValue``,
``9999-12-31``), not dates: dropped, so that date arithmetic downstream cannot overflow."""


@dataclass(frozen=True)
class Dated:
    """A written date, read: the moment, or why it cannot be used."""

    when: datetime | None
    problem: str | None = None


def checked_url(url: str | None, notices: list[str]) -> str | None:
    """``url`` when it can be parsed as a URL; otherwise None, and a notice saying why."""
    if url is None:
        return None
    try:
        urlsplit(url)
    except ValueError as error:
        notices.append(f"URL {_quoted(url)} is not valid ({error}): ignored")
        return None
    return url


def date_line(unit: str) -> Dated | None:
    """The date of a ``Published: …``/``Updated …`` line, when the unit is one."""
    match = _DATE_LINE.match(unit)
    return read_date(match.group(1)) if match else None


def parse_date(value: str | None) -> datetime | None:
    """An aware UTC datetime from ISO 8601, RFC 2822 or a few common written forms."""
    dated = read_date(value)
    return dated.when if dated is not None else None


def read_date(value: str | None) -> Dated | None:
    """``value`` read as a date (see :func:`parse_date`); None when it is not one at all, a
    :class:`Dated` with a ``problem`` when it is one but out of range."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = _any_date(value)
        if parsed is None:
            return None
        moment = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00:00+01:00 lies before year 1 in UTC
        moment = None
    if moment is None or not EARLIEST <= moment < LATEST:
        reason = f"publication date {_quoted(value)} is out of range: ignored"
        return Dated(None, reason)
    return Dated(moment)


def _any_date(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            return parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return _written_date(value)


def _quoted(value: str, width: int = 60) -> str:
    """``value`` quoted for a notice, cut to ``width`` characters."""
    return repr(value if len(value) <= width else value[: width - 1] + "…")


def _written_date(value: str) -> datetime | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value.replace(",", " "))
    cleaned = re.sub(r"\s+(?:UTC|GMT)$", "", " ".join(cleaned.split()))
    for fmt in ("%d %B %Y %H:%M", "%d %B %Y", "%B %d %Y %H:%M", "%B %d %Y", "%d %b %Y", "%b %d %Y"):
        try:
            return datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    return None
