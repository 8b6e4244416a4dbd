"""Rendering and splitting long hostile replies for Telegram and Slack.

Three replies full of text that must be escaped and must not be cut in half
(``<script>``, ``&``, Markdown marks, emoji with skin tones, flags):

- a digest of 40 stories whose key points total about 5,000 characters each;
- one paragraph of sentences, 50,000 and 200,000 characters (time should grow 4×, not 16×);
- one 50,000-character "word" with no space at all (cut only at character boundaries).

Each is rendered with the Telegram renderer (HTML, split under 4,096 UTF-16 units)
and the Slack renderer (Block Kit, sections under 3,000, 50 blocks a message). The
baseline, measured in the same run, is one pass of the same escaping and markup
without splitting (the Telegram renderer with no length limit): the ratio is what
splitting costs on top of rendering. Splitting is linear in the text (a cut is
looked for only among the next ``limit`` characters), so the ratio stays flat as
replies grow. Every part is checked to fit, and the Telegram parts to give back the
whole text. Best of ``--repeat`` runs.

    python bench/render.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.document import (  # noqa: E402
    Bullets,
    Paragraph,
    Reply,
    Span,
    heading,
    italic,
    link,
    paragraph,
)
from bot.render import plain, slack, telegram  # noqa: E402
from bot.render.split import utf16_len  # noqa: E402
from tests.fakes.telegram_api import visible_text  # noqa: E402

HOSTILE = "The envoy said <script>x</script> & *bold* _it_ `c` 😀👍🏽🇩🇪 left. "
NO_SPACE = "<b>&😀👍🏽🇩🇪é"


def digest(stories: int = 40, chars: int = 5000) -> Reply:
    """A digest-shaped reply: a heading, cited points and an outlet line per story."""
    point = (HOSTILE * (chars // (4 * len(HOSTILE)) + 1))[: chars // 4]
    blocks: list[Any] = [heading("Top stories <since> & today")]
    for number in range(1, stories + 1):
        blocks.append(heading(f"{number}. Story <{number}> & more", italic(" (new)")))
        items = tuple(
            (Span(point), Span(" — "), Span("Wire & Co", italic=True, url="https://x.example/?a&b"))
            for _ in range(4)
        )
        blocks.append(Bullets(items))
        blocks.append(paragraph(italic("3 outlets: A, B & C"), f" · more: /story {number}"))
    return Reply(tuple(blocks))


def one_paragraph(chars: int = 50_000) -> Reply:
    text = (HOSTILE * (chars // len(HOSTILE) + 1))[:chars]
    return Reply((paragraph(text, link(" source", "https://x.example/a")),))


def one_word(chars: int = 50_000) -> Reply:
    text = NO_SPACE * (chars // len(NO_SPACE))
    return Reply((Paragraph((Span(text, bold=True),)),))


def best(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs, in seconds, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def check_telegram(reply: Reply, parts: list[str]) -> None:
    assert all(utf16_len(part) <= telegram.TELEGRAM_LIMIT for part in parts)
    [whole] = telegram.render(reply, limit=10**9)
    assert "".join(visible_text(part) for part in parts) == visible_text(whole)


def check_slack(messages: list[dict[str, Any]]) -> None:
    for message in messages:
        assert len(message["blocks"]) <= slack.MAX_BLOCKS
        for block in message["blocks"]:
            assert utf16_len(block["text"]["text"]) <= slack.MAX_SECTION_CHARS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    cases = {
        "digest 40 × 5k": digest(),
        "paragraph 50k": one_paragraph(),
        "paragraph 200k": one_paragraph(200_000),
        "no-space 50k": one_word(),
    }
    header = (
        f"{'reply':<16}{'chars':>8}  {'renderer':<9}{'parts':>6}"
        f"{'ms':>9}{'1-pass ms':>11}{'ratio':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, reply in cases.items():
        chars = len(plain.render(reply))
        baseline, _ = best(lambda reply=reply: telegram.render(reply, limit=10**9), options.repeat)
        tg_time, parts = best(lambda reply=reply: telegram.render(reply), options.repeat)
        check_telegram(reply, parts)
        sl_time, messages = best(lambda reply=reply: slack.render(reply), options.repeat)
        check_slack(messages)
        sections = sum(len(m["blocks"]) for m in messages)
        for renderer, seconds, count in (
            ("telegram", tg_time, len(parts)),
            ("slack", sl_time, sections),
        ):
            print(
                f"{name:<16}{chars:>8}  {renderer:<9}{count:>6}"
                f"{seconds * 1000:>9.1f}{baseline * 1000:>11.1f}{seconds / baseline:>6.1f}×"
            )
    print("parts: Telegram messages or Slack blocks. 1-pass: escaping and markup, unsplit.")


if __name__ == "__main__":
    main()
