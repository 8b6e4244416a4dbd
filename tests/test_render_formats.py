"""Rendering the neutral reply as Telegram HTML and as plain text."""

from __future__ import annotations

from bot.document import Bullets, CodeBlock, Reply, Span, bold, heading, link, paragraph, reply
from bot.render import plain, telegram

SAMPLE = reply(
    heading("Top ", Span("<stories>", italic=True)),
    Bullets(((Span("a & b"), Span(" — "), link("Wire", 'https://w.example/?q="x"&y=<1>')),)),
    paragraph(bold("1. "), Span("x<y", code=True), " *not markdown* _either_"),
    CodeBlock("a < b\n  && c"),
)


def test_telegram_html_escapes_text_and_attributes() -> None:
    [html] = telegram.render(SAMPLE)
    assert html == (
        "<b>Top </b><b><i>&lt;stories&gt;</i></b>\n"
        '• a &amp; b — <a href="https://w.example/?q=&quot;x&quot;&amp;y=&lt;1&gt;">Wire</a>\n\n'
        "<b>1. </b><code>x&lt;y</code> *not markdown* _either_\n\n"
        "<pre>a &lt; b\n  &amp;&amp; c</pre>"
    )


def test_plain_text_shows_links_and_keeps_characters() -> None:
    assert plain.render(SAMPLE) == (
        "Top <stories>\n"
        '• a & b — Wire (https://w.example/?q="x"&y=<1>)\n\n'
        "1. x<y *not markdown* _either_\n\n"
        "    a < b\n"
        "      && c"
    )


def test_empty_reply_renders_to_nothing() -> None:
    assert telegram.render(Reply()) == []
    assert plain.render(Reply()) == ""


def test_a_point_from_an_article_without_outlet_is_still_cited_to_that_article() -> None:
    """The user sees the article's file name (or headline) where the outlet would be."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from bot.commands.briefs import render_digest
    from summarizer.briefing.models import Briefing, KeyPoint
    from summarizer.models import Article

    moment = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    unsigned = Article(
        id=7, path="corpus/unsigned/0421.txt", headline=None, outlet=None, url=None,
        published=moment, language="en", text="Talks resumed.", content_hash="h", version=1,
    )  # fmt: skip
    titled = Article(**{**unsigned.__dict__, "id": 8, "headline": "Talks resume in Geneva"})
    story = Briefing(
        id=1,
        headline="Talks resume",
        points=[
            KeyPoint("Talks resumed on Monday.", None, 7),
            KeyPoint("Both sides came.", None, 8),
        ],
        outlets=[],
        articles=[7, 8],
    )
    text = plain.render(
        render_digest([story], {7: unsigned, 8: titled}, since=moment, zone=ZoneInfo("UTC"))
    )
    assert "• Talks resumed on Monday. — unattributed, 0421.txt" in text
    assert "• Both sides came. — unattributed, “Talks resume in Geneva”" in text
