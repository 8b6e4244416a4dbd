"""Webhook mode: setWebhook with a secret token, updates POSTed to our server, secrets checked."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.adapters.telegram import TelegramAdapter
from bot.commands import CommandCore
from bot.subscriptions import SubscriptionBook
from tests.fakes.service import NOW, FakeService
from tests.fakes.telegram_api import TOKEN, FakeTelegram, message_json

SECRET = "s3cret-token_1"


def free_port() -> int:
    """An ephemeral port the OS just handed out (for the bot's own webhook listener)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def webhook(
    telegram: FakeTelegram, book: SubscriptionBook
) -> AsyncIterator[tuple[TelegramAdapter, str]]:
    port = free_port()
    bot = TelegramAdapter(
        TOKEN,
        api_url=telegram.base_url,
        webhook_url="https://bot.example.org/telegram/updates",
        webhook_secret=SECRET,
        listen_host="127.0.0.1",
        listen_port=port,
    )
    await bot.start(CommandCore(FakeService(), book, clock=lambda: NOW).handler_for(bot))
    yield bot, f"http://127.0.0.1:{port}/telegram/updates"
    await bot.stop()


async def post(url: str, body: object, secret: str | None) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=body, headers=headers) as response,
    ):
        return response.status


async def test_webhook_is_registered_with_the_secret(
    telegram: FakeTelegram, webhook: tuple[TelegramAdapter, str]
) -> None:
    assert [r.method for r in telegram.requests] == ["getMe", "setMyCommands", "setWebhook"]
    assert telegram.calls("setWebhook") == [
        {
            "url": "https://bot.example.org/telegram/updates",
            "secret_token": SECRET,
            "allowed_updates": ["message", "channel_post"],
        }
    ]
    assert telegram.calls("getUpdates") == [], "no polling in webhook mode"


async def test_updates_with_the_secret_are_answered(
    telegram: FakeTelegram, webhook: tuple[TelegramAdapter, str]
) -> None:
    _, url = webhook
    update = {
        "update_id": 1,
        "message": message_json("/sources", chat_id=42, chat_type="private", user_id=42),
    }
    assert await post(url, update, SECRET) == 200
    [sent] = await telegram.wait_for("sendMessage")
    assert sent["chat_id"] == 42 and sent["text"].startswith("<b>2 outlets, 3 articles</b>")


async def test_wrong_or_missing_secret_and_garbage_are_refused(
    telegram: FakeTelegram, webhook: tuple[TelegramAdapter, str]
) -> None:
    _, url = webhook
    update = {
        "update_id": 2,
        "message": message_json("/sources", chat_id=42, chat_type="private", user_id=42),
    }
    assert await post(url, update, "guess") == 403
    assert await post(url, update, None) == 403
    assert await post(url, ["not", "an", "update"], SECRET) == 400
    assert telegram.calls("sendMessage") == []
