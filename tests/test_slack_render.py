"""Block Kit rendering: mrkdwn escaping, emphasis, links, and splitting hostile text."""

from __future__ import annotations

import pytest

from bot.document import Bullets, CodeBlock, Heading, Paragraph, Reply, Span, paragraph, text
from bot.render.slack import MAX_BLOCKS, MAX_FALLBACK_CHARS, MAX_SECTION_CHARS, render
from bot.render.split import utf16_len

FAMILY = "👨\u200d👩\u200d👧\u200d👦"
FLAGS = "🇺🇸🇮🇱"
THUMB = "👍🏽"
ACCENT = "e\u0301"
HOSTILE = (
    f"Witkoff & <b>Kushner</b> met {FAMILY} in {FLAGS}, {ACCENT}té {THUMB} "
    "*not bold* _not italic_ ~x~ `y` [a](http://b) <!channel> <@U123> &amp; 𝔘𝔫𝔦𝔠𝔬𝔡𝔢. "
)


def unescape(mrkdwn: str) -> str:
    return mrkdwn.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def sections(payloads: list[dict]) -> list[str]:
    return [block["text"]["text"] for payload in payloads for block in payload["blocks"]]


def one_section(*spans: Span | str) -> str:
    [payload] = render(Reply((paragraph(*spans),)))
    [block] = payload["blocks"]
    assert block["type"] == "section"
    assert block["text"]["type"] == "mrkdwn"
    return block["text"]["text"]


def test_only_ampersand_and_angle_brackets_are_escaped():
    assert one_section("<script>alert('x')</script> & <!channel> <@U123> &amp;") == (
        "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;!channel&gt; &lt;@U123&gt; &amp;amp;"
    )


def test_markdown_characters_in_plain_text_pass_unchanged():
    typed = "*not bold* _not italic_ ~strike~ `code` [a](http://b) # > quote"
    assert one_section(typed) == typed.replace(">", "&gt;")


@pytest.mark.parametrize(
    ("span", "mrkdwn"),
    [
        (Span("Witkoff", bold=True), "*Witkoff*"),
        (Span("reportedly", italic=True), "_reportedly_"),
        (Span("/who Witkoff", code=True), "`/who Witkoff`"),
        (Span("both", bold=True, italic=True), "*_both_*"),
        (Span(" spaced ", bold=True), " *spaced* "),
        (Span("a*b", bold=True), "a*b"),  # the marker inside: emphasis dropped, text kept
        (Span("snake_case", italic=True), "snake_case"),
        (Span("x`y", code=True), "x`y"),
        (Span("<AP & Reuters>", url="https://ex.com/a?b=1&c=2"),
         "<https://ex.com/a?b=1&amp;c=2|&lt;AP &amp; Reuters&gt;>"),
        (Span("pipe", url="https://ex.com/x|y>z w"), "<https://ex.com/x%7Cy%3Ez%20w|pipe>"),
        (Span("Reuters", bold=True, url="https://ex.com"), "*<https://ex.com|Reuters>*"),
        (Span("click", url="javascript:alert(1)"), "click"),
    ],
)  # fmt: skip
def test_emphasis_and_links(span, mrkdwn):
    assert one_section(span) == mrkdwn


def test_blank_emphasis_adds_no_markers():
    assert one_section("a", Span("   ", bold=True), "b") == "a   b"


def test_short_heading_is_a_header_block_in_plain_text():
    [payload] = render(Reply((Heading(text("Talks <resume> & stall")),)))
    assert payload["blocks"] == [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": "Talks <resume> & stall", "emoji": True},
        }
    ]
    assert payload["text"] == "Talks &lt;resume&gt; &amp; stall"


def test_long_or_linked_heading_becomes_a_bold_section():
    long_title = "word " * 40
    [payload] = render(
        Reply((Heading(text(long_title)), Heading((Span("Story", url="https://ex.com"),))))
    )
    assert [block["type"] for block in payload["blocks"]] == ["section", "section"]
    assert payload["blocks"][0]["text"]["text"] == f"*{long_title.strip()}* "
    assert payload["blocks"][1]["text"]["text"] == "*<https://ex.com|Story>*"


def test_bullets_and_code():
    [payload] = render(Reply((Bullets((text("one & two"), text("three"))), CodeBlock("a < b"))))
    assert sections([payload]) == ["• one &amp; two\n• three", "```a &lt; b```"]


def test_empty_blocks_are_left_out_and_empty_reply_renders_nothing():
    assert render(Reply()) == []
    assert render(Reply((Paragraph(()), Heading(text("  ")), CodeBlock("\n")))) == []


def test_long_paragraph_splits_into_sections_that_rejoin_to_the_original():
    original = HOSTILE * 80  # ~ 11,000 characters before escaping
    payloads = render(Reply((paragraph(original),)))
    parts = sections(payloads)

    assert len(parts) >= 4
    assert all(utf16_len(part) <= MAX_SECTION_CHARS for part in parts)
    assert "".join(unescape(part) for part in parts) == original
    for cluster in (FAMILY, FLAGS, THUMB, ACCENT, "&amp;", "&lt;", "&gt;"):
        # every emoji sequence and escape lies whole inside one section
        assert sum(part.count(cluster) for part in parts) == "".join(parts).count(cluster)


def test_text_without_spaces_is_cut_between_whole_characters():
    original = (FAMILY + "&<" + FLAGS + THUMB + ACCENT + "𝔘") * 400
    parts = sections(render(Reply((paragraph(original),))))

    assert len(parts) > 1
    assert all(utf16_len(part) <= MAX_SECTION_CHARS for part in parts)
    assert "".join(unescape(part) for part in parts) == original
    for part in parts:
        assert not part.startswith(("\u200d", "\u0301", "🏽", "🇮", "amp;", "lt;"))
        assert part.count("🇺") == part.count("🇸") == part.count("🇮") == part.count("🇱")


def test_bold_text_split_keeps_each_piece_bold():
    original = "Breaking " * 800
    parts = sections(render(Reply((paragraph(Span(original, bold=True)),))))
    assert len(parts) > 1
    assert all(part.startswith("*") and part.rstrip().endswith("*") for part in parts)
    assert "".join(part.replace("*", "") for part in parts) == original


def test_long_code_block_is_fenced_in_every_section():
    code = "\n".join(f"line {number} <tag> & more" for number in range(400))
    parts = sections(render(Reply((CodeBlock(code),))))
    assert len(parts) > 1
    assert all(part.startswith("```") and part.endswith("```") for part in parts)
    assert "".join(unescape(part[3:-3]) for part in parts) == code


def test_long_bullet_list_splits_between_items():
    items = tuple(text(f"Point {number}: " + "detail " * 20) for number in range(100))
    parts = sections(render(Reply((Bullets(items),))))
    assert len(parts) > 1
    assert all(utf16_len(part) <= MAX_SECTION_CHARS for part in parts)
    lines = [line for part in parts for line in part.split("\n")]
    assert lines == ["• " + "".join(s.text for s in item) for item in items]


def test_more_than_fifty_blocks_become_several_messages_in_order():
    blocks = []
    for number in range(60):
        blocks += [Heading(text(f"Story {number}")), paragraph(f"Key point {number} & more.")]
    payloads = render(Reply(tuple(blocks)))

    assert [len(payload["blocks"]) for payload in payloads] == [50, 50, 20]
    flat = [block["text"]["text"] for payload in payloads for block in payload["blocks"]]
    expected = [[f"Story {n}", f"Key point {n} &amp; more."] for n in range(60)]
    assert flat == [line for pair in expected for line in pair]
    for payload in payloads:
        assert payload["blocks"][-1]["type"] == "section"
        assert payload["text"].startswith("Story ")
        assert utf16_len(payload["text"]) <= MAX_FALLBACK_CHARS


def test_a_header_never_ends_a_message_when_content_follows():
    blocks = [paragraph(f"p{number}") for number in range(MAX_BLOCKS - 1)]
    blocks += [Heading(text("Next story")), paragraph("its point")]
    first, second = render(Reply(tuple(blocks)))
    assert len(first["blocks"]) == MAX_BLOCKS - 1
    assert [block["type"] for block in second["blocks"]] == ["header", "section"]


def test_fallback_text_is_a_short_escaped_preview():
    payloads = render(Reply((paragraph(HOSTILE * 40),)))
    preview = payloads[0]["text"]
    assert utf16_len(preview) <= MAX_FALLBACK_CHARS
    assert preview.endswith("…")
    assert "<!channel>" not in preview
    assert unescape(preview[:-1]) in HOSTILE * 40


@pytest.mark.parametrize("shift", range(12))
def test_fallback_never_ends_inside_a_link_or_an_escape(shift):
    filler = "x" * (MAX_FALLBACK_CHARS - 20 + shift)  # no space: the cut falls mid-markup
    spans = (Span(filler), Span("Reuters", url="https://ex.com/a"), Span("&<>" * 400))
    [payload] = render(Reply((Paragraph(spans),)))
    preview = payload["text"].removesuffix("…")
    assert preview.count("<") == preview.count(">")
    assert preview.count("&") == preview.count("&amp;") + preview.count("&lt;") + preview.count(
        "&gt;"
    )
