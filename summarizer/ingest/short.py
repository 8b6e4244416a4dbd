"""Feed items that are only a headline (and perhaps a one-line summary) are short articles.

A JSON, Markdown or text item whose cleaning leaves no paragraph is still news when it has
a title of two words or more, or a line of three words or more that is not page furniture:
it is stored with the headline as its text, or with its one-line summary when it has one.
HTML pages are left out: a page whose main text could not be found is a paywall or a
landing page, not a feed item.
"""

from __future__ import annotations

from summarizer.ingest import boilerplate as rules

MIN_WORDS = 3
"""A line of text needs this many words ("Fed raises rates") to be taken as a headline."""
MIN_TITLE_WORDS = 2
"""A title from the metadata needs this many ("Draft Day"; "Live" alone is not news)."""


def short_item(
    headline: str | None, units: list[str], *, kind: str
) -> tuple[str, list[str]] | None:
    """The headline and paragraphs of a short item, or None when it has no news in it.

    ``headline`` is the title the cleaning found (or the metadata's); ``units`` are the
    file's units before cleaning. Without a title, the first news-like unit is the headline.
    """
    if kind == "html":
        return None
    lines = [" ".join(u.split()) for u in units if _news_line(u)]
    title = " ".join(headline.split()) if headline else None
    if title is None or not _news_title(title):
        if not lines:
            return None
        title, lines = lines[0], lines[1:]
    summary = [line for line in lines if _squash(line) != _squash(title)][:1]
    return title, summary or [title]


def _news_line(unit: str) -> bool:
    """A unit of the text that could be a headline: long enough, not page furniture."""
    return len(rules.words(unit)) >= MIN_WORDS and rules.junk_kind(unit) is None


def _news_title(title: str) -> bool:
    """A title from the file's metadata: it is a headline by its place, so only its length
    counts ("VIDEO: …" or "Health care sign-up deadline …" would look like page furniture
    as a line of text)."""
    return len(rules.words(title)) >= MIN_TITLE_WORDS


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())
