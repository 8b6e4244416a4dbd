"""Chat audit, renderers: random replies built from the characters that break chat markup are
always accepted by the rules the real APIs apply (as the fake servers apply them)."""

from __future__ import annotations

import random

import pytest

from bot.document import Block, Bullets, CodeBlock, Heading, Paragraph, Reply, Span
from bot.render import slack, telegram
from tests.fakes import slack_rules, telegram_rules
from tests.fakes.telegram_api import visible_text

PIECES = (
    "<", ">", "&", "&amp;", "*", "_", "`", "```", "[", "]", "|", "<!channel>", "@here", " ",
    "  ", "\n", "\n\n", "\t", "https://x.example/?a=1&b=2", "😀", "👨‍👩‍👧", "🇩🇪", "👍🏽", "שלום",
    "\u200b", "\u202e", "e\u0301", "word", "Sentence. ", "x" * 50,
)  # fmt: skip
URLS = (None, None, "https://a.example/?q=1&r=<2>", "javascript:alert(1)", "ftp://x")


def _text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, size)))


def _spans(rng: random.Random, size: int) -> tuple[Span, ...]:
    return tuple(
        Span(
            _text(rng, size),
            bold=rng.random() < 0.3,
            italic=rng.random() < 0.3,
            code=rng.random() < 0.2,
            url=rng.choice(URLS),
        )
        for _ in range(rng.randint(0, 3))
    )


def random_reply(seed: int) -> Reply:
    """Headings, paragraphs, lists and code, empty ones included, some far over the limits."""
    rng = random.Random(seed)
    size = rng.choice([3, 40, 400, 1500])
    blocks: list[Block] = []
    for _ in range(rng.randint(0, 8)):
        kind = rng.random()
        if kind < 0.25:
            blocks.append(Heading(_spans(rng, size)))
        elif kind < 0.55:
            blocks.append(Paragraph(_spans(rng, size)))
        elif kind < 0.85:
            items = tuple(_spans(rng, size) for _ in range(rng.randint(0, 6)))
            blocks.append(Bullets(items))
        else:
            blocks.append(CodeBlock(_text(rng, size)))
    return Reply(tuple(blocks))


@pytest.mark.parametrize("seed", range(40))
def test_telegram_accepts_every_part_and_loses_no_text(seed: int) -> None:
    reply = random_reply(seed)
    parts = telegram.render(reply)
    for part in parts:
        # Before: a part could be a lone "\n\n" -> 400 "message text is empty".
        assert telegram_rules.refusal(part, "HTML") is None, part[:200]
    [whole] = telegram.render(reply, limit=10**9) or [""]
    shown = "".join(visible_text(part) for part in parts)
    assert shown.split() == visible_text(whole).split(), "only blank space may differ"


@pytest.mark.parametrize("seed", range(40))
def test_slack_accepts_every_message(seed: int) -> None:
    for message in slack.render(random_reply(seed)):
        assert slack_rules.refusal(message) is None
        for block in message["blocks"]:
            if block["type"] == "section":
                assert block["text"]["verbatim"] is True


def test_a_right_to_left_override_in_an_article_cannot_reverse_the_citation() -> None:
    """Before: U+202E in a headline ran on and showed "— Meridian Wire" backwards."""
    spoof = "Ceasefire agreed \u202eyllaer ton\u2066 isolated"
    reply = Reply((Paragraph((Span(spoof), Span(" — Meridian Wire", italic=True))),))
    shown = [
        *telegram.render(reply),
        *(b["text"]["text"] for m in slack.render(reply) for b in m["blocks"]),
    ]
    for text in shown:
        assert not set(text) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
        assert "Ceasefire agreed yllaer ton isolated" in text and "Meridian Wire" in text
    rtl = Span("\u200fשלום")  # a right-to-left mark is only a mark: it stays
    assert rtl.text == "\u200fשלום"
