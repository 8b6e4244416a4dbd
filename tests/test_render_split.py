"""Splitting long replies for Telegram: limits in UTF-16 units, no broken tags or characters."""

from __future__ import annotations

import html

import pytest

from bot.document import Bullets, CodeBlock, Paragraph, Reply, Span, bold, heading, paragraph
from bot.render.split import utf16_len
from bot.render.telegram import TELEGRAM_LIMIT, render
from tests.fakes.telegram_api import visible_text

HOSTILE = "<script>alert('x')</script> & *bold* _it_ `code` [link](x) 😀👍🏽🇩🇪👨‍👩‍👧 "


visible = visible_text


def check(reply: Reply, expected_text: str) -> list[str]:
    parts = render(reply)
    assert all(utf16_len(part) <= TELEGRAM_LIMIT for part in parts)
    assert "".join(visible(part) for part in parts) == expected_text
    return parts


def test_short_reply_is_one_message_with_everything_escaped() -> None:
    reply = Reply((paragraph(HOSTILE),))
    [part] = check(reply, HOSTILE)
    assert part.startswith("&lt;script&gt;alert('x')&lt;/script&gt; &amp; *bold* _it_")


def test_long_digest_splits_at_paragraph_boundaries() -> None:
    story = "Witkoff met the delegation & talks went on <late>. " * 6
    blocks = tuple(paragraph(bold(f"{i}. "), story.strip()) for i in range(60))
    expected = "\n\n".join(f"{i}. {story.strip()}" for i in range(60))
    parts = check(Reply(blocks), expected)
    assert len(parts) > 1
    for part in parts[:-1]:
        assert part.endswith("\n\n"), "a part ends between paragraphs"
    assert all(part.startswith("<b>") for part in parts), "each part starts a paragraph"


def test_one_huge_paragraph_splits_at_sentences_with_tags_reopened() -> None:
    sentence = "The envoy said <no> & left. "
    long_bold = sentence * 400  # 11,200 visible units, 15,200 once escaped
    parts = check(Reply((Paragraph((Span(long_bold, bold=True),)),)), long_bold)
    assert len(parts) == 4, "the escaped markup is what is counted (a safe upper bound)"
    for part in parts:
        assert part.startswith("<b>") and part.endswith("</b>")
    assert visible(parts[0]).endswith("left. "), "cut after a sentence"


def test_words_without_sentences_split_between_words() -> None:
    words = " ".join(["Witkoff&Co"] * 1500)
    parts = check(Reply((paragraph(words),)), words)
    for part in parts[:-1]:
        assert visible(part).endswith(" ")


@pytest.mark.parametrize(
    "unit",
    ["😀", "👍🏽", "🇩🇪", "👨‍👩‍👧", "é", "&", "<"],
    ids=["emoji", "skin-tone", "flag", "family", "combining", "ampersand", "less-than"],
)
def test_no_spaces_at_all_never_splits_a_character_or_entity(unit: str) -> None:
    text = unit * (9000 // utf16_len(unit))
    reply = Reply((Paragraph((Span(text, italic=True, url="https://x.example/?a=1&b=2"),)),))
    parts = check(reply, text)
    assert len(parts) >= 2
    for part in parts:
        body = visible(part)
        assert len(body) % len(unit) == 0 and body == unit * (len(body) // len(unit))
        assert part.startswith('<a href="https://x.example/?a=1&amp;b=2"><i>')


def test_emoji_at_the_exact_limit_counts_as_two_units() -> None:
    text = "a" * 4095 + "😀" + " tail"
    parts = check(Reply((paragraph(text),)), text)
    assert len(parts) == 2
    assert utf16_len(parts[0]) <= TELEGRAM_LIMIT


def test_bullets_headings_and_code_survive_splitting() -> None:
    items = tuple((Span(f"point {i} <b> & "), Span("Outlet", italic=True)) for i in range(400))
    code = "if a < b && c > d:\n    pass\n" * 200
    reply = Reply((heading("Top <stories>"), Bullets(items), CodeBlock(code)))
    expected = (
        "Top <stories>\n"
        + "\n".join(f"• point {i} <b> & Outlet" for i in range(400))
        + "\n\n"
        + code
    )
    parts = check(reply, expected)
    assert parts[0].startswith(
        "<b>Top &lt;stories&gt;</b>\n• point 0 &lt;b&gt; &amp; <i>Outlet</i>"
    )
    assert any(part.startswith("<pre>") for part in parts)
    assert html.unescape("&lt;") == "<"


def test_a_run_of_flags_after_an_odd_start_is_cut_between_flags() -> None:
    text = "a" + "🇩🇪" * 3000 + "e\u0301" * 2000  # e and a combining acute accent
    parts = check(Reply((paragraph(text),)), text)
    assert len(parts) >= 3
    bodies = [visible(part) for part in parts]
    assert bodies[0].startswith("a🇩🇪") and len(bodies[0]) % 2 == 1, "an 'a' then whole flags"
    for body in bodies[1:]:
        flags = body.rstrip("e\u0301")
        assert len(flags) % 2 == 0 and set(flags) <= {"🇩", "🇪"} and flags[:1] in ("", "🇩")
        assert not body.startswith("\u0301"), "an accent stays with its letter"
