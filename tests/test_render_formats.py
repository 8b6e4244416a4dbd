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
