"""Chat audit, Telegram: hostile article text, long replies, odd updates and API failures, with
real python-telegram-bot against the fake Bot API (which refuses what Telegram refuses)."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import pytest
from telegram.error import TimedOut

from bot.adapters.base import TransientError
from bot.adapters.telegram import TelegramAdapter
from bot.chat import ChatRef
from bot.subscriptions import SubscriptionBook
from summarizer.briefing.models import KeyPoint
from tests.fakes import service as fake_service
from tests.fakes.service import FakeService, article
from tests.fakes.telegram_api import FakeTelegram, visible_text
from tests.fakes.telegram_rules import refusal

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

GROUP = -100123
PRIVATE = ChatRef("telegram", "42")
HOSTILE = (
    "<b>x</b> & &amp; *bold* _it_ `tick` [link](u) a|b <!channel> @here "
    "MarkdownV2 \\.!-#+=(){}~> 😀👨‍👩‍👧🇩🇪 שלום עולם zero\u200bwidth\u2060 e\u0301 "
)
SHOWN = HOSTILE.replace("zero\u200bwidth\u2060", "zerowidth")
"""What a reader gets of it: the zero-width space and word joiner are dropped (issue 16);
the joiners of the family emoji stay."""
LONG_WORD = "Rindfleischetikettierungsüberwachungsaufgaben" * 120  # 5,400 letters, no space
URL = 'https://news.example/a?id=1&lang=en&q="<x>"'


@pytest.fixture
def adapter(polling_telegram: TelegramAdapter) -> TelegramAdapter:
    return polling_telegram


@pytest.fixture
def hostile(service: FakeService, book: SubscriptionBook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Story 1 of the chat's last digest made of hostile text, nine points long (one holding a
    5,400-letter word); its article's headline too, and a URL full of ``&``, quotes, brackets."""
    monkeypatch.setitem(fake_service.ARTICLES, 1, article(1, HOSTILE, "Wire <One> & Co", URL))
    story = service.stories[0]
    points = [KeyPoint(f"{n}. {HOSTILE}{LONG_WORD if n == 3 else ''}", "W*_`", 1) for n in range(9)]
    service.stories = (replace(story, headline=HOSTILE, points=points), *service.stories[1:])
    book.remember_digest(PRIVATE, [story.id])


async def answers(telegram: FakeTelegram, adapter: TelegramAdapter, *texts: str) -> list[dict]:
    """Send each message, then stop the adapter (every reply is sent once stop returns)."""
    for text in texts:
        telegram.queue_message(text)
    await telegram.wait_fetched()
    await adapter.stop()
    return telegram.calls("sendMessage")


def accepted(sent: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The messages Telegram took (the fake refuses what Telegram refuses)."""
    return [m for m in sent if refusal(m["text"], m.get("parse_mode")) is None]


def shown(sent: list[dict[str, Any]]) -> str:
    return "".join(visible_text(m["text"]) for m in sent)


@pytest.mark.usefixtures("hostile")
async def test_a_hostile_story_arrives_exactly_in_order_and_is_never_refused(
    telegram: FakeTelegram, adapter: TelegramAdapter
) -> None:
    sent = await answers(telegram, adapter, "/story 1")
    assert len(sent) >= 3, "several messages"
    assert accepted(sent) == sent, "no 400: can't parse entities / text is empty / too long"
    assert all(m["parse_mode"] == "HTML" for m in sent), "no plain-text fallback was needed"
    for message in sent:
        assert 0 < len(visible_text(message["text"]).encode("utf-16-le")) // 2 <= 4096
    text = shown(sent)
    assert text.count(SHOWN) == 1 + 9 + 1, "the headline, each point, the article"
    assert text.count(LONG_WORD) == 1, "the 5,400-letter word survives its cuts whole"
    at = [text.index(f"\n• {n}. {SHOWN}") for n in range(9)]
    assert at == sorted(at), "points in order"
    href = 'href="https://news.example/a?id=1&amp;lang=en&amp;q=&quot;&lt;x&gt;&quot;"'
    assert href in "".join(m["text"] for m in sent)


async def test_an_untitled_story_longer_than_a_message_sends_no_blank_message(
    telegram: FakeTelegram, adapter: TelegramAdapter, service: FakeService, book: SubscriptionBook
) -> None:
    story = replace(service.stories[0], headline="", summary=["The talks went on. " * 300])
    service.stories = (story,)
    book.remember_digest(PRIVATE, [story.id])
    sent = await answers(telegram, adapter, "/story 1")
    # Before: the empty heading's line break went alone -> 400 "message text is empty".
    assert accepted(sent) == sent
    assert all(visible_text(m["text"]).strip() for m in sent)
    assert shown(sent).count("The talks went on.") == 300


async def test_a_reply_telegram_refuses_as_html_goes_again_as_plain_text(
    telegram: FakeTelegram, adapter: TelegramAdapter
) -> None:
    telegram.fail_next(
        "sendMessage",
        status=400,
        description="Bad Request: can't parse entities: Unsupported start tag at byte offset 3",
    )
    first, again = await answers(telegram, adapter, "/sources")
    # Before: the answer was dropped; the user saw nothing.
    assert first["parse_mode"] == "HTML" and "parse_mode" not in again
    assert again["text"] == visible_text(first["text"])
    assert again["text"].startswith("2 outlets, 3 articles\n• Daily Two: 2 articles")


@pytest.mark.usefixtures("hostile")
async def test_when_a_part_cannot_be_sent_the_rest_is_not_sent_with_a_gap(
    telegram: FakeTelegram, adapter: TelegramAdapter, caplog: pytest.LogCaptureFixture
) -> None:
    telegram.fail_next(
        "sendMessage", status=403, description="Forbidden: bot was blocked by the user", skip=1
    )
    with caplog.at_level(logging.WARNING):
        sent = await answers(telegram, adapter, "/story 1")
    # Before: the parts after the failed one were still sent (the user got 1, 3, 4 …).
    assert len(sent) == 2
    assert "reply to telegram:42 stopped: " in caplog.text and "messages not sent" in caplog.text


@pytest.mark.usefixtures("hostile")
async def test_a_refused_middle_part_is_sent_plain_and_the_rest_follows(
    telegram: FakeTelegram, adapter: TelegramAdapter
) -> None:
    telegram.fail_next("sendMessage", status=400, description="Bad Request: can't parse", skip=1)
    sent = await answers(telegram, adapter, "/story 1")
    assert [m.get("parse_mode") for m in sent[:4]] == ["HTML", "HTML", None, "HTML"]
    assert sent[2]["text"] == visible_text(sent[1]["text"])
    assert shown(sent[:2] + sent[3:]).count(SHOWN) == 11, "nothing lost, nothing doubled"


async def test_a_server_error_is_tried_once_more_after_a_pause(
    telegram: FakeTelegram, adapter: TelegramAdapter, sleeps: list[float]
) -> None:
    telegram.fail_next("sendMessage", status=500, description="Internal Server Error")
    first, again = await answers(telegram, adapter, "/sources")
    # Before: a 500 lost the answer; the user saw nothing.
    assert sleeps == [1.0]
    assert first == again


async def test_two_server_errors_give_up_and_say_so_in_the_log(
    telegram: FakeTelegram,
    adapter: TelegramAdapter,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
) -> None:
    telegram.fail_next("sendMessage", status=502, description="Bad Gateway", count=2)
    with caplog.at_level(logging.WARNING):
        sent = await answers(telegram, adapter, "/sources")
    assert len(sent) == 2 and sleeps == [1.0]
    assert "reply to telegram:42 not delivered: Telegram: Bad Gateway" in caplog.text


async def test_a_long_rate_limit_is_not_waited_for_and_nothing_is_sent_twice(
    telegram: FakeTelegram,
    adapter: TelegramAdapter,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
) -> None:
    telegram.fail_next("sendMessage", status=429, description="Too Many Requests", retry_after=90)
    with caplog.at_level(logging.WARNING):
        sent = await answers(telegram, adapter, "/sources")
    assert len(sent) == 1 and sleeps == []
    assert "retry after 90s" in caplog.text


async def test_a_timed_out_reply_is_not_sent_again(
    telegram: FakeTelegram,
    adapter: TelegramAdapter,
    sleeps: list[float],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tries: list[dict[str, Any]] = []

    async def timing_out(chat: ChatRef, payload: dict[str, Any]) -> str:
        tries.append(payload)
        raise TransientError("Telegram: Timed out") from TimedOut()

    monkeypatch.setattr(adapter, "send", timing_out)
    await answers(telegram, adapter, "/sources")
    assert len(tries) == 1 and sleeps == [], "it may have arrived: never sent twice"


async def test_a_garbled_api_answer_is_logged_and_not_sent_again(
    telegram: FakeTelegram, adapter: TelegramAdapter, caplog: pytest.LogCaptureFixture
) -> None:
    telegram.fail_next("sendMessage", status=200, description="", body="<html>proxy</html>")
    with caplog.at_level(logging.WARNING):
        sent = await answers(telegram, adapter, "/sources")
    assert len(sent) == 1, "the message may have arrived: no plain-text second copy"
    assert "Invalid server response" in caplog.text


async def test_only_messages_meant_for_this_bot_are_answered(
    telegram: FakeTelegram, adapter: TelegramAdapter
) -> None:
    group = {"chat_id": GROUP, "chat_type": "supergroup"}
    telegram.queue_message("/roll 2d6", **group)  # another bot's command
    telegram.queue_message("/who@OtherBot Witkoff", **group)
    telegram.queue_update({"edited_message": _message("/sources")})
    telegram.queue_update({"message": _message(None, sticker=True)})
    telegram.queue_update({"message": _message(None, photo_caption="/digest")})
    forwarded = {**_message("/subscribe 06:00"), "forward_origin": _ORIGIN}
    telegram.queue_update({"message": forwarded})
    copied = _message("/digest", chat={"id": GROUP, "type": "supergroup", "title": "Talk"})
    telegram.queue_update({"message": {**copied, "is_automatic_forward": True}})
    telegram.queue_message("/roll@briefbot_test_bot", **group)
    telegram.queue_message("/sources", **group)
    sent = await answers(telegram, adapter)
    # Before: "/roll" got "I don't know /roll" from this bot too; a forwarded "/subscribe"
    # subscribed, and a channel's "/digest" was answered again in its discussion group.
    assert sorted(visible_text(m["text"])[:22] for m in sent) == [
        "2 outlets, 3 articles\n",
        "I don't know /roll. Tr",
    ]


_ORIGIN = {
    "type": "user",
    "date": 1_772_434_000,
    "sender_user": {"id": 7, "is_bot": False, "first_name": "Bo"},
}


def _message(
    text: str | None,
    *,
    sticker: bool = False,
    photo_caption: str | None = None,
    chat: dict[str, Any] | None = None,
) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": 8,
        "date": 1_772_434_800,
        "chat": chat or {"id": 42, "type": "private", "first_name": "Ann"},
        "from": {"id": 42, "is_bot": False, "first_name": "Ann"},
    }
    if text is not None:
        message["text"] = text
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    if sticker:
        message["sticker"] = {
            "file_id": "s1",
            "file_unique_id": "s1u",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    if photo_caption is not None:
        message["photo"] = [{"file_id": "p1", "file_unique_id": "p1u", "width": 90, "height": 90}]
        message["caption"] = photo_caption
        message["caption_entities"] = [
            {"type": "bot_command", "offset": 0, "length": len(photo_caption)}
        ]
    return message
