"""Sending to Telegram: forum topics, message ids, and every failure mapped to what to do next."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.adapters.base import DeliveryError, PermanentError, RetryLater, TransientError
from bot.adapters.telegram import TelegramAdapter
from bot.chat import ChatRef
from bot.document import paragraph, reply
from tests.fakes.telegram_api import TOKEN, FakeTelegram

# PTB itself warns, on building RetryAfter, that retry_after will become a timedelta.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

TOPIC = ChatRef("telegram", "-100123", "7")


@pytest.fixture
async def adapter(telegram: FakeTelegram) -> AsyncIterator[TelegramAdapter]:
    """An adapter used only to send (as the scheduler does): never started."""
    bot = TelegramAdapter(TOKEN, api_url=telegram.base_url)
    yield bot
    await bot.application.shutdown()


async def test_send_reaches_the_forum_topic_and_returns_the_message_id(
    telegram: FakeTelegram, adapter: TelegramAdapter
) -> None:
    [payload] = adapter.render(reply(paragraph("Morning <briefing> & more")))
    assert payload == {"text": "Morning &lt;briefing&gt; &amp; more", "parse_mode": "HTML"}
    first = await adapter.send(TOPIC, payload)
    second = await adapter.send(ChatRef("telegram", "42"), payload)
    assert (first, second) == ("100", "101")
    sent = telegram.calls("sendMessage")
    assert sent[0] == {
        "chat_id": -100123,
        "message_thread_id": 7,
        "text": "Morning &lt;briefing&gt; &amp; more",
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
    }
    assert "message_thread_id" not in sent[1]


@pytest.mark.parametrize(
    ("status", "description", "expected"),
    [
        (500, "Internal Server Error", TransientError),
        (502, "Bad Gateway", TransientError),
        (400, "Bad Request: chat not found", PermanentError),
        (403, "Forbidden: bot was kicked from the supergroup chat", PermanentError),
        (403, "Forbidden: bot was blocked by the user", PermanentError),
        (400, "Bad Request: message thread not found", PermanentError),
    ],
)
async def test_failures_say_whether_to_retry_or_give_up(
    telegram: FakeTelegram,
    adapter: TelegramAdapter,
    status: int,
    description: str,
    expected: type[DeliveryError],
) -> None:
    telegram.fail_next("sendMessage", status=status, description=description)
    with pytest.raises(expected) as raised:
        await adapter.send(TOPIC, {"text": "hi", "parse_mode": "HTML"})
    reason = description.removeprefix("Bad Request: ").lower()
    assert reason in str(raised.value).lower(), "the log says why"


async def test_rate_limits_carry_the_wait(telegram: FakeTelegram, adapter: TelegramAdapter) -> None:
    telegram.fail_next("sendMessage", status=429, description="Too Many Requests", retry_after=7)
    with pytest.raises(RetryLater) as raised:
        await adapter.send(TOPIC, {"text": "hi"})
    assert raised.value.retry_after == 7.0


async def test_a_malformed_message_is_refused_without_blaming_the_chat(
    telegram: FakeTelegram, adapter: TelegramAdapter
) -> None:
    """Refused as HTML and again as plain text: the message is dropped, the chat is fine."""
    telegram.fail_next(
        "sendMessage", status=400, description="Bad Request: can't parse entities: <b", count=2
    )
    with pytest.raises(DeliveryError) as raised:
        await adapter.send(TOPIC, {"text": "<b", "parse_mode": "HTML"})
    assert not isinstance(raised.value, (PermanentError, TransientError, RetryLater))
    assert "can't parse entities" in str(raised.value).lower()


async def test_a_scheduled_message_refused_as_html_goes_as_plain_text(
    telegram: FakeTelegram, adapter: TelegramAdapter, caplog: pytest.LogCaptureFixture
) -> None:
    """Before: a digest part Telegram refused ("can't parse entities") was dropped."""
    telegram.fail_next(
        "sendMessage", status=400, description="Bad Request: can't parse entities: byte 3"
    )
    [payload] = adapter.render(reply(paragraph("Port Ellis <strike> & talks resume")))
    message_id = await adapter.send(TOPIC, payload)
    html, plain = telegram.calls("sendMessage")
    assert html["parse_mode"] == "HTML" and "parse_mode" not in plain
    assert plain["text"] == "Port Ellis <strike> & talks resume"
    assert message_id == "100"  # the id of the message Telegram took, for the outbox
    assert "sending it as plain text" in caplog.text


async def test_a_migrated_group_is_permanent_and_names_the_new_chat(
    telegram: FakeTelegram, adapter: TelegramAdapter
) -> None:
    telegram.fail_next(
        "sendMessage", status=400, description="Bad Request: group chat was upgraded"
    )
    telegram._failures["sendMessage"][0].parameters = {"migrate_to_chat_id": -100999}
    with pytest.raises(PermanentError, match="-100999"):
        await adapter.send(ChatRef("telegram", "-55"), {"text": "hi"})


async def test_administrator_checks(telegram: FakeTelegram, adapter: TelegramAdapter) -> None:
    group = ChatRef("telegram", "-100123")
    telegram.members[(-100123, 6)] = "administrator"
    assert await adapter.is_admin(group, "6") is True
    assert await adapter.is_admin(group, "5") is False
    assert await adapter.is_admin(group, "chat:-100123") is True, "anonymous admin or channel"
    assert await adapter.is_admin(group, "chat:-100999") is False, "another channel"
    telegram.fail_next("getChatMember", status=400, description="Bad Request: user not found")
    assert await adapter.is_admin(group, "8") is False
