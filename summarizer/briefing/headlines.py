"""A story's headline: the best of its articles' headlines, or one made from a lead sentence.

Every headline shown is at most :data:`MAX_HEADLINE_CHARS` characters and reads as a
headline. An article headline that is too long loses a section kicker ("Ukraine war
latest: …"), an attribution tail (", Kremlin says") or a trailing clause ("… after the
envoy briefs the White House"). A story without any usable headline gets one made from
a lead sentence: its dateline, attribution (", officials said"; "Officials said on
Sunday that …") and trailing clauses (", as …", "— marking …") dropped, and, if still too
long, titles before a full name ("Russian President Vladimir Putin" -> "Vladimir
Putin"). Every word shown is the article's own; only as a last resort is a headline cut
at a word boundary, with "…".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from summarizer.models import Article
from summarizer.sentences import is_boilerplate, split_sentences, story_prose, strip_dateline

MAX_HEADLINE_CHARS = 90
QUOTE_OPENERS = ("“", '"', "‘", "'")
"""A sentence opening with a quotation makes a poor headline (its speaker comes last)."""
MIN_HEADLINE_WORDS = 4
"""A shortened headline keeps at least this many words, or the cut is not made."""

_HEADLINE_FURNITURE = re.compile(
    r"^(?:live|breaking(?: news)?|watch|video|photos?|gallery|in pictures|updated?)\s*[:|–—-]|:$"
    r"|\b(?:as it happened|live (?:updates|blog|coverage)|latest updates|rolling coverage)\b",
    re.IGNORECASE,
)
"""Live-blog and section furniture: "LIVE: …", "… as it happened", a title ending in ":"."""
_SITE_SUFFIX = re.compile(r"\s+\|\s+[^|]{2,40}$")
"""A trailing " | Site Name" (the page title the scraper kept)."""

_SAID = r"(?:said|says|say|told|announced|reported|confirmed|added|warned)"
_WHEN = (
    r"(?:\s+(?:on|late|early|last|this|in|at|to)?\s*"
    r"(?:[A-Z][\w.’']*|a statement|reporters|journalists|today|yesterday|week|night)){0,3}"
)
_ATTRIBUTION_TAIL = re.compile(
    rf",\s+(?:according to [^,]{{2,80}}|[^,]{{2,60}}\s{_SAID}{_WHEN}"
    rf"|(?:said|says|added)(?:\s+[^,\s]+){{1,5}})\s*[.!]?[\"”’']?$"
)
"""", officials said on Sunday." / ", the Kremlin says" / ", said Mr Hale." at the end."""
_ATTRIBUTION_HEAD = re.compile(rf"^[A-Z][^,\"“”]{{1,60}}?\s{_SAID}{_WHEN}\s+that\s+(?=\S)")
""""Officials said on Sunday that …": the reported clause is the news."""
_KICKER = re.compile(r"^[^:]{2,40}:\s+(?=\S)")
"""A section kicker before a colon: "Ukraine-Russia struggle newest: …"."""
_SUBORDINATE = (
    r"(?:as|after|following|while|amid|before|despite|which|who|where|when|with|since|"
    r"marking|saying|adding|in a move|in what|in an?|during|because|but|and)"
)
_STRONG_BREAK = re.compile(
    rf"\s*(?:[—–;]|\s-\s)\s*|,\s+(?:{_SUBORDINATE}\s+|(?=[a-z]+ing\s))", re.IGNORECASE
)
"""Where a main clause gives way to another: a dash, a semicolon, ", as …", ", which …",
", creating …"."""
_WEAK_BREAKS = (
    re.compile(rf"\s+{_SUBORDINATE}\s+|,\s+", re.IGNORECASE),
    re.compile(r"\s+(?:in|of|on|at|for|from|to|into|over|by)\s+", re.IGNORECASE),
)
"""Softer breaks, used only to fit the length: first " following …" or a comma, then a
preposition (" in …")."""
_RELATIVE = re.compile(r",\s+(?:which|who|whose)\s[^,]{3,120},\s*")
"""A relative clause between commas: ", which owns eleven titles, "."""
_TITLE = re.compile(
    r"\b(?:(?:[A-Z][\w.]*\s+){0,2}(?:President|Prime Minister|Chancellor|Minister|Secretary|"
    r"Senator|Governor|Mayor|Chief Executive|Chairman|Leader|Envoy|Spokesman|Spokeswoman|"
    r"Ambassador|General|Commissioner)(?:\s+of\s+[A-Z][a-z]+)?)\s+(?=[A-Z][\w'’-]+\s+[A-Z])"
)
"""Titles before a full name: "Russian President " in "Russian President Vladimir Putin"."""


def usable_headline(headline: str | None, outlet: str | None = None) -> bool:
    """A headline worth showing: a few words, no site furniture, not just the site's name."""
    if not headline:
        return False
    words = len(headline.split())
    if outlet and headline.strip().casefold() == outlet.strip().casefold():
        return False
    return (
        3 <= words <= 30
        and not is_boilerplate(headline)
        and not _HEADLINE_FURNITURE.search(headline)
    )


def headline_text(article: Article) -> str | None:
    """The article's headline as shown: without a trailing " | Site" part; None if unusable."""
    headline = _SITE_SUFFIX.sub("", (article.headline or "").strip())
    return headline if usable_headline(headline, article.outlet) else None


def _fits(text: str) -> bool:
    return len(text) <= MAX_HEADLINE_CHARS


def _words(text: str) -> int:
    return len(text.split())


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first_clause(text: str) -> str:
    """The text up to its first strong clause break that leaves a headline's words."""
    for match in _STRONG_BREAK.finditer(text):
        head = text[: match.start()].rstrip(" ,")
        if _words(head) >= MIN_HEADLINE_WORDS:
            return head
    return text


def _longest_fitting(text: str) -> str:
    """The longest head of the text, cut at a weak break, that fits the limit."""
    for breaks in _WEAK_BREAKS:
        heads = [text[: m.start()].rstrip(" ,") for m in breaks.finditer(text)]
        fitting = [h for h in heads if _fits(h) and _words(h) >= MIN_HEADLINE_WORDS]
        if fitting:
            return max(fitting, key=len)
    return text


def _cut(text: str) -> str:
    """The last resort: cut at a word boundary, marked with "…"."""
    head = text[: MAX_HEADLINE_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:—–-")
    return f"{head}…"


def _sentence_core(text: str) -> str:
    """A lead sentence's news: no dateline, attribution, relative or trailing clause, or
    full stop."""
    text = strip_dateline(text)
    text = _ATTRIBUTION_HEAD.sub("", text, count=1) or text
    text = _first_clause(_RELATIVE.sub(" ", text))
    text = _ATTRIBUTION_TAIL.sub("", text).strip() or text
    return _capitalise(text.rstrip(" ."))


def shorten(text: str, *, sentence: bool = False) -> tuple[str, int]:
    """``text`` as a headline of at most :data:`MAX_HEADLINE_CHARS` characters, and how
    much was done to fit it (0 nothing, 1 words dropped, 2 cut with "…").

    A ``sentence`` (a lead sentence standing in for a headline) always loses its
    dateline, attribution, trailing clause and final full stop; an article headline is
    only touched when too long, and titles are only dropped from sentences (a headline's
    capitals say nothing about names).
    """
    text = " ".join(text.split())
    if sentence:
        text = _sentence_core(text)
    if _fits(text):
        return text, 0
    steps = [
        lambda t: _ATTRIBUTION_TAIL.sub("", t),
        lambda t: _RELATIVE.sub(" ", t),
        _first_clause,
        _longest_fitting,
    ]
    steps.insert(0, (lambda t: t) if sentence else lambda t: _KICKER.sub("", t, count=1))
    if sentence:
        steps.insert(-1, lambda t: _TITLE.sub("", t))
    for step in steps:
        shorter = _capitalise(step(text).strip())
        if _words(shorter) >= MIN_HEADLINE_WORDS:
            text = shorter
        if _fits(text):
            return text, 1
    return _cut(text), 2


_NOT_A_LEAD = (*QUOTE_OPENERS, "-", "•", "*")
"""A quotation (its speaker comes last) or a list item."""


def _lead_sentence(article: Article) -> str | None:
    """The first whole sentence of the article that could head it (no quote, list item or
    furniture)."""
    sentences = split_sentences(article.text)
    for raw in [sentences[i] for i in story_prose(sentences)[:5]]:
        text = strip_dateline(raw)
        shaped = text.endswith((".", "!", "”", '"')) and not text.startswith(_NOT_A_LEAD)
        if _words(text) >= MIN_HEADLINE_WORDS and shaped and not is_boilerplate(text):
            return text
    return None


def from_sentence(sentence: str) -> str:
    """A headline made from a lead sentence."""
    return shorten(sentence, sentence=True)[0]


def fallback_headline(articles: Sequence[Article]) -> str:
    """A headline for a story with no sentence to score: an article headline, else one made
    from a lead sentence, else what is known of the first article (never "Untitled")."""
    for article in articles:
        headline = headline_text(article)
        if headline:
            return shorten(headline)[0]
    for article in articles:
        lead = _lead_sentence(article)
        if lead:
            return from_sentence(lead)
    first = articles[0]
    if first.headline and first.headline.strip():
        return shorten(first.headline)[0]
    return f"Report from {first.outlet}" if first.outlet else f"Article {first.id}"


def headline_scores(
    headlines: Sequence[str], vectors: np.ndarray, centroid: np.ndarray
) -> np.ndarray:
    """Closeness to the story, less a little for each word past ten (long live-blog titles)
    and for each step needed to fit the length limit."""
    shortened = [shorten(h) for h in headlines]
    excess = np.array([max(_words(h) - 10, 0) for h, _ in shortened], dtype=np.float32)
    steps = np.array([done for _, done in shortened], dtype=np.float32)
    return vectors @ centroid - 0.02 * excess - 0.05 * steps


def best_headline(headlines: Sequence[str], vectors: np.ndarray, centroid: np.ndarray) -> str:
    """The article headline closest to the story, fitted to the length limit."""
    return shorten(headlines[int(np.argmax(headline_scores(headlines, vectors, centroid)))])[0]
