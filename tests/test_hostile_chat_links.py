"""Article URLs link only to web pages; invisible characters in article text never reach chats.

Before: ``/who`` cited an article whose URL was ``tg://user?id=777000`` or ``javascript:…`` as
``<a href="tg://user?id=777000">`` in Telegram, and zero-width joiners, word joiners, the
Arabic letter mark and tag characters went out as they were.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot.adapters.telegram import TelegramAdapter
from bot.document import Paragraph, Reply, Span
from bot.render import plain, slack, telegram
from bot.render.safety import readable, web_url
from tests.fakes.service import FakeService
from tests.fakes.telegram_api import FakeTelegram

HOSTILE_URLS = [
    "tg://user?id=777000",
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "mailto:desk@example.org",
    "https://",
    "http://[::1",
    "https://news.example/a\u202eb",
]


def shown(reply: Reply) -> list[str]:
    """Every way the reply goes out: Telegram HTML, Slack mrkdwn sections, plain text."""
    sections = [b["text"]["text"] for m in slack.render(reply) for b in m["blocks"]]
    return [*telegram.render(reply), *sections, plain.render(reply)]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_non_web_url_is_shown_as_text_without_a_link(url: str) -> None:
    reply = Reply((Paragraph((Span("Envoy lands"), Span("Wire One", italic=True, url=url))),))
    for text in shown(reply):
        assert "Wire One" in text
        assert "href" not in text and "<tg:" not in text and "javascript" not in text.lower()
        assert "|Wire One>" not in text


def test_web_urls_still_link() -> None:
    url = "https://news.example/a?id=1&x=2"
    reply = Reply((Paragraph((Span("Wire One", url=url),)),))
    html, section, text = shown(reply)
    assert html == '<a href="https://news.example/a?id=1&amp;x=2">Wire One</a>'
    assert section == "<https://news.example/a?id=1&amp;x=2|Wire One>"
    assert text == f"Wire One ({url})"
    assert web_url("HTTP://NEWS.EXAMPLE/") == "HTTP://NEWS.EXAMPLE/"


INVISIBLE = {
    "zero-width space": "Wit\u200bkoff",
    "zero-width joiner in a Latin word": "Wit\u200dkoff",
    "zero-width non-joiner in a Latin word": "Wit\u200ckoff",
    "word joiner": "Wit\u2060koff",
    "invisible times": "Wit\u2062koff",
    "byte order mark": "\ufeffWitkoff",
    "Arabic letter mark in Latin text": "Wit\u061ckoff",
    "left-to-right mark in Latin text": "Wit\u200ekoff",
    "right-to-left mark in Latin text": "\u200fWitkoff",
    "tag characters (hidden ASCII)": "Witkoff\U000e0069\U000e0067\U000e006e\U000e006f\U000e007f",
    "right-to-left override": "Wit\u202ekoff",
}


@pytest.mark.parametrize("name", INVISIBLE)
def test_invisible_characters_are_dropped_from_every_rendering(name: str) -> None:
    reply = Reply((Paragraph((Span(INVISIBLE[name]), Span(" — Wire One", italic=True))),))
    for text in shown(reply):
        assert "Witkoff" in text, name


def test_joiners_and_marks_that_do_a_job_stay() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji, three people
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ inside a Persian word
    hebrew = "\u200f\u05e9\u05dc\u05d5\u05dd"  # RLM before Hebrew
    for text in (family, persian, hebrew):
        assert readable(text) == text


async def test_who_in_telegram_cites_a_hostile_url_without_linking_it(
    telegram: FakeTelegram, polling_telegram: TelegramAdapter, service: FakeService
) -> None:
    """What a Telegram user sees: the outlet's name, not a link that opens a profile."""
    urls = iter(["tg://user?id=777000", "javascript:alert(1)", "tg://resolve?domain=x"])

    def hostile(items: list[Any]) -> list[Any]:
        return [replace(item, url=next(urls), text=item.text + "\u2060\u200d") for item in items]

    who = service.people[0]
    service.people = [
        replace(who, roles=hostile(who.roles), facts=hostile(who.facts), quotes=hostile(who.quotes))
    ]
    telegram.queue_message("/who Witkoff", chat_id=42)
    [sent] = await telegram.wait_for("sendMessage")
    assert "<i>Wire One</i>" in sent["text"] and "<i>Daily Two</i>" in sent["text"]
    assert "href" not in sent["text"]
    assert "\u2060" not in sent["text"] and "\u200d" not in sent["text"]
