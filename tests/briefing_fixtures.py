"""Small articles written for the briefing tests: one event told by three outlets."""

from __future__ import annotations

from datetime import UTC, datetime

from summarizer.models import Article

HARBOUR = [
    (
        "Northwind Daily",
        "Harbour bridge closed after storm damage",
        "The Calder harbour bridge was closed on Tuesday after a storm damaged two of its "
        "support cables, the city council said.\n\n"
        "Engineers expect repairs to take at least three weeks.\n\n"
        "He said the closure was regrettable but necessary.\n\n"
        "Subscribe to our newsletter to get the latest news every single morning.",
    ),
    (
        "Coastal Courier",
        "Storm shuts Calder bridge",
        "City officials shut the Calder harbour bridge on Tuesday because a storm had damaged "
        "two support cables on the bridge.\n\n"
        "Ferry operators said they would add twelve extra crossings a day while the bridge "
        "stays shut.\n\n"
        "But not everyone was convinced.",
    ),
    (
        "Tidewater Post",
        None,
        "A storm damaged two support cables of the Calder harbour bridge, which the council "
        "closed on Tuesday.\n\n"
        "Mayor Ilse Varga said the council would ask the national government for emergency "
        "funds to pay for the repairs.\n\n"
        "However, the opposition said the bridge had been neglected for years.",
    ),
]


def harbour_articles(first_id: int = 1) -> list[Article]:
    """The three harbour-bridge articles as stored articles (ids from ``first_id``)."""
    return [
        Article(
            id=first_id + i,
            path=f"harbour/{i}.txt",
            headline=headline,
            outlet=outlet,
            url=None,
            published=datetime(2026, 3, 3, 8 + i, tzinfo=UTC),
            language="en",
            text=text,
            content_hash=f"hash{i}",
            version=1,
        )
        for i, (outlet, headline, text) in enumerate(HARBOUR)
    ]


def one_article(
    text: str,
    *,
    headline: str | None,
    outlet: str | None,
    published: datetime = datetime(2026, 5, 6, 9, tzinfo=UTC),
) -> Article:
    """A single stored article with this text, for tests of one article's sentences."""
    return Article(
        id=1,
        path="a.txt",
        headline=headline,
        outlet=outlet,
        url=None,
        published=published,
        language="en",
        text=text,
        content_hash="x",
        version=1,
    )
