"""Webhook mode needs its secret; messages sent on behalf of a chat follow Telegram's rules.

Before: webhook mode without ``BRIEFBOT_TELEGRAM_WEBHOOK_SECRET`` started with a warning,
and a forged update with ``sender_chat`` = the group and no ``from`` subscribed the group
without any administrator check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import bot.cli.run  # noqa: F401  (registers the command)
from bot.adapters.listener import HttpListener
from bot.adapters.telegram import TelegramAdapter
from bot.chat import ChatRef
from bot.cli.app import app
from bot.settings import ConfigError
from bot.subscriptions import SubscriptionBook
from tests.fakes.telegram_api import ANONYMOUS_ADMIN_BOT, CHANNEL_BOT, TOKEN, FakeTelegram

GROUP = -100123
REFUSAL = "Only this chat's administrators can change its subscription."
GROUP_AS_SENDER = {"id": GROUP, "type": "supergroup", "title": "News room"}
CHANNEL = {"id": -100777, "type": "channel", "title": "Some channel"}


def test_webhook_mode_without_a_secret_refuses_to_start(
    database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", database_url)
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_TOKEN", TOKEN)
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_WEBHOOK_URL", "https://bot.example.org/tg")
    for name in ("BRIEFBOT_TELEGRAM_WEBHOOK_SECRET", "BRIEFBOT_SLACK_BOT_TOKEN", "BRIEFBOT_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(app, ["run", "--corpus", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: BRIEFBOT_TELEGRAM_WEBHOOK_SECRET is required in webhook mode "
        "(BRIEFBOT_TELEGRAM_WEBHOOK_URL is set): without it anyone who finds the URL can "
        "post updates as any user"
    )


def test_a_secret_telegram_would_refuse_is_named() -> None:
    with pytest.raises(ConfigError, match="BRIEFBOT_TELEGRAM_WEBHOOK_SECRET: use 1-256"):
        TelegramAdapter(
            TOKEN,
            webhook_url="https://bot.example.org/tg",
            webhook_secret="has spaces",
            listener=HttpListener("127.0.0.1", 0),
        )


async def ask(telegram: FakeTelegram, text: str, **where: Any) -> str:
    before = len(telegram.calls("sendMessage"))
    telegram.queue_message(text, chat_id=GROUP, chat_type="supergroup", **where)
    sent = await telegram.wait_for("sendMessage", before + 1)
    return str(sent[before]["text"])


async def test_a_forged_message_as_the_group_without_a_sender_is_refused(
    telegram: FakeTelegram, polling_telegram: TelegramAdapter, book: SubscriptionBook
) -> None:
    telegram.members[(GROUP, 6)] = "administrator"
    telegram.anonymous.add((GROUP, 6))
    shown = await ask(telegram, "/subscribe 07:00", user_id=None, sender_chat=GROUP_AS_SENDER)
    assert shown == REFUSAL
    assert book.get(ChatRef("telegram", str(GROUP))) is None


async def test_an_anonymous_administrator_may_subscribe_the_group(
    telegram: FakeTelegram, polling_telegram: TelegramAdapter, book: SubscriptionBook
) -> None:
    """Telegram sends it as the group, from GroupAnonymousBot; the group has an anonymous
    administrator (getChatAdministrators), so the bot believes it."""
    telegram.members[(GROUP, 6)] = "administrator"
    telegram.anonymous.add((GROUP, 6))
    as_group = {"user_id": ANONYMOUS_ADMIN_BOT, "sender_chat": GROUP_AS_SENDER}
    shown = await ask(telegram, "/subscribe 07:00", **as_group)
    assert shown.startswith("Subscribed: a daily briefing at <b>07:00 UTC</b>")
    assert telegram.calls("getChatAdministrators") == [{"chat_id": GROUP}]
    assert telegram.calls("getChatMember") == []


async def test_as_the_group_without_an_anonymous_administrator_is_refused(
    telegram: FakeTelegram, polling_telegram: TelegramAdapter, book: SubscriptionBook
) -> None:
    telegram.members[(GROUP, 6)] = "administrator"  # visible, so never "the group"
    as_group = {"user_id": ANONYMOUS_ADMIN_BOT, "sender_chat": GROUP_AS_SENDER}
    assert await ask(telegram, "/subscribe 07:00", **as_group) == REFUSAL
    assert book.get(ChatRef("telegram", str(GROUP))) is None


async def test_a_channel_speaking_in_the_group_is_no_administrator(
    telegram: FakeTelegram, polling_telegram: TelegramAdapter, book: SubscriptionBook
) -> None:
    as_channel = {"user_id": CHANNEL_BOT, "sender_chat": CHANNEL}
    assert await ask(telegram, "/unsubscribe", **as_channel) == REFUSAL
    assert telegram.calls("getChatMember") == [] and telegram.calls("getChatAdministrators") == []
