"""Answers to commands wait once for a short rate limit, the same on Telegram and Slack."""

from __future__ import annotations

import logging

import pytest
from fakes.slack_api import FakeSlackApi
from fakes.telegram_api import TOKEN, FakeTelegram

from bot.adapters.base import MAX_REPLY_WAIT, Payload, RetryLater, send_waiting_once
from bot.adapters.slack.adapter import SlackAdapter
from bot.adapters.telegram.adapter import TelegramAdapter
from bot.chat import ChatRef

CHAT = ChatRef("telegram", "42")

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


class Platform:
    """A send that answers "wait N seconds" for each N in ``waits``, then succeeds."""

    def __init__(self, *waits: float) -> None:
        self.waits = list(waits)
        self.sent: list[Payload] = []
        self.slept: list[float] = []

    async def send(self, chat: ChatRef, payload: Payload) -> str:
        if self.waits:
            raise RetryLater(self.waits.pop(0))
        self.sent.append(payload)
        return f"m{len(self.sent)}"

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


async def test_a_short_wait_is_made_once_then_the_answer_is_sent() -> None:
    platform = Platform(3)
    assert await send_waiting_once(platform.send, CHAT, {"text": "hi"}, sleep=platform.sleep) == (
        "m1"
    )
    assert platform.slept == [3] and platform.sent == [{"text": "hi"}]


async def test_a_wait_over_the_cap_gives_up_at_once() -> None:
    platform = Platform(MAX_REPLY_WAIT + 1)
    with pytest.raises(RetryLater):
        await send_waiting_once(platform.send, CHAT, {"text": "hi"}, sleep=platform.sleep)
    assert platform.slept == [] and platform.sent == []


async def test_a_second_refusal_is_not_waited_for_again() -> None:
    platform = Platform(2, 2)
    with pytest.raises(RetryLater):
        await send_waiting_once(platform.send, CHAT, {"text": "hi"}, sleep=platform.sleep)
    assert platform.slept == [2]


async def test_telegram_answer_rate_limited_for_minutes_is_logged_not_waited(
    telegram: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    adapter = TelegramAdapter(TOKEN, api_url=telegram.base_url, sleep=sleep)
    telegram.fail_next("sendMessage", status=429, description="Too Many Requests", retry_after=90)
    with caplog.at_level(logging.WARNING):
        await adapter._reply(CHAT, {"text": "answer", "parse_mode": "HTML"})
    await adapter.application.shutdown()
    assert slept == [] and len(telegram.calls("sendMessage")) == 1
    assert "reply to telegram:42 not delivered" in caplog.text


async def test_slack_answer_rate_limited_for_minutes_is_not_waited(
    slack_api: FakeSlackApi,
) -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    adapter = SlackAdapter(
        bot_token="xoxb-test", api_url=slack_api.base_url, app_token="xapp-t", sleep=sleep
    )
    slack_api.fail_next("chat.postMessage", status=429, retry_after=90)
    with pytest.raises(RetryLater):
        await adapter._send_waiting(ChatRef("slack", "C0NEWS"), {"text": "answer"})
    assert slept == [] and len(slack_api.of("chat.postMessage")) == 1
