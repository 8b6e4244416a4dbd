"""One HTTP listener for Telegram webhook mode and Slack HTTP mode, in one runtime, on one port.

Telegram's side is the fake Bot API (``setWebhook``, ``sendMessage``) plus updates POSTed
to the webhook path; Slack's side is the fake Web API plus signed requests to
``/slack/events``. Both go to the same ephemeral port the listener picked.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from delivery_doubles import FolderService
from fakes.slack_api import FakeSlackApi, SlackSender
from fakes.telegram_api import TOKEN, FakeTelegram, message_json

from bot.adapters.listener import HttpListener
from bot.adapters.slack.adapter import SlackAdapter
from bot.adapters.telegram.adapter import TelegramAdapter
from bot.runtime import Runtime, build_adapters
from bot.settings import ConfigError, Settings
from bot.storage import BOT_MIGRATIONS
from summarizer.store import Store

TELEGRAM_SECRET = "tg-webhook-secret_1"
SLACK_SECRET = "slack-signing-secret"
WEBHOOK_PATH = "/telegram/updates"


def both_settings(tmp_path: Path, telegram: FakeTelegram, slack_api: FakeSlackApi) -> Settings:
    """Telegram in webhook mode beside Slack in HTTP mode, listening on port 0."""
    settings = Settings(
        corpus_dir=tmp_path,
        database_url=f"sqlite:///{tmp_path / 'briefbot.db'}",
        scan_interval_seconds=3600,
        telegram_token=TOKEN,  # type: ignore[arg-type]
        telegram_api_url=telegram.base_url,
        telegram_webhook_url=f"https://bot.example.org{WEBHOOK_PATH}",
        telegram_webhook_secret=TELEGRAM_SECRET,  # type: ignore[arg-type]
        slack_bot_token="xoxb-test-token",  # type: ignore[arg-type]
        slack_api_url=slack_api.base_url,
        slack_mode="http",
        slack_signing_secret=SLACK_SECRET,  # type: ignore[arg-type]
    )
    return settings.model_copy(update={"http_port": 0})  # the settings refuse 0 from users


@dataclass
class Running:
    runtime: Runtime
    listener: HttpListener
    slack: SlackSender

    @property
    def webhook(self) -> str:
        return f"{self.listener.url}{WEBHOOK_PATH}"


@pytest.fixture
async def running(
    tmp_path: Path,
    telegram: FakeTelegram,
    slack_api: FakeSlackApi,
    caplog: pytest.LogCaptureFixture,
) -> AsyncIterator[Running]:
    settings = both_settings(tmp_path, telegram, slack_api)
    service = FolderService(
        stories=(),
        store=Store(settings.database_url, extra_migrations=[BOT_MIGRATIONS]),
        corpus_dir=tmp_path,
    )
    runtime = Runtime(settings, service=service, adapters=build_adapters(settings))
    tg, slack = runtime.adapters
    assert isinstance(tg, TelegramAdapter) and isinstance(slack, SlackAdapter)
    assert tg.webhook is not None and slack.server is not None
    listener = tg.webhook.listener
    assert slack.server.listener is listener, "one listener for both adapters"
    with caplog.at_level(logging.INFO, logger="bot.adapters.listener"):
        await runtime.start()
    try:
        yield Running(runtime, listener, SlackSender(slack.server.url, SLACK_SECRET))
    finally:
        await runtime.stop()


async def post_update(url: str, text: str, secret: str) -> int:
    update = {"update_id": 1, "message": message_json(text, chat_id=42, chat_type="private",
                                                      user_id=42)}  # fmt: skip
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=update, headers=headers) as response,
    ):
        return response.status


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def test_help_is_answered_on_both_platforms_through_one_port(
    running: Running, telegram: FakeTelegram, slack_api: FakeSlackApi
) -> None:
    assert running.slack.url == f"{running.listener.url}/slack/events"

    assert await post_update(running.webhook, "/help", TELEGRAM_SECRET) == 200
    status, ack = await running.slack.slash_command("help")

    [sent] = await telegram.wait_for("sendMessage")
    assert sent["chat_id"] == 42 and sent["text"].startswith("<b>Commands</b>\n")
    assert (status, ack) == (200, "Working on it…")
    [posted] = await slack_api.wait_for("chat.postMessage")
    assert "`/brief help [command]` — this list" in str(posted.params["blocks"])
    assert telegram.calls("setWebhook")[0]["url"] == f"https://bot.example.org{WEBHOOK_PATH}"


async def test_the_listener_says_where_it_listens_and_what_it_serves(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    started = caplog.get_records("setup")  # the fixture started the runtime
    lines = [r.getMessage() for r in started if r.name == "bot.adapters.listener"]
    assert lines == [
        f"HTTP listener on {running.listener.address}: "
        f"{WEBHOOK_PATH} (Telegram webhook), /slack/events (Slack)"
    ]
    assert await get(f"{running.listener.url}/healthz") == (200, "ok")  # for reverse proxies


async def test_wrong_secrets_are_refused_on_the_shared_port(
    running: Running, telegram: FakeTelegram, slack_api: FakeSlackApi
) -> None:
    assert await post_update(running.webhook, "/help", "guess") == 403
    running.slack.signing_secret = "not-the-secret"
    status, body = await running.slack.slash_command("help")

    assert (status, body) == (401, '{"error": "invalid request signature"}')
    assert telegram.calls("sendMessage") == [] and slack_api.of("chat.postMessage") == []


async def test_telegram_stopping_first_leaves_slack_served(
    running: Running, telegram: FakeTelegram, slack_api: FakeSlackApi
) -> None:
    tg, slack = running.runtime.adapters
    await tg.stop()

    # Telegram is told to retry later (nothing lost); Slack still answers on the same port.
    assert await post_update(running.webhook, "/help", TELEGRAM_SECRET) == 503
    assert (await running.slack.slash_command("help"))[0] == 200
    await slack_api.wait_for("chat.postMessage")

    await slack.stop()
    assert not running.listener.running, "the last adapter closes the port"
    assert telegram.calls("sendMessage") == []


async def test_slack_stopping_first_leaves_telegram_served(
    running: Running, telegram: FakeTelegram, slack_api: FakeSlackApi
) -> None:
    tg, slack = running.runtime.adapters
    await slack.stop()

    status, body = await running.slack.slash_command("help")
    assert (status, body) == (503, '{"error": "the Slack adapter is not running"}')
    assert await post_update(running.webhook, "/help", TELEGRAM_SECRET) == 200
    await telegram.wait_for("sendMessage")

    await tg.stop()
    assert not running.listener.running, "the last adapter closes the port"
    assert slack_api.of("chat.postMessage") == []


@pytest.mark.parametrize(
    ("path", "served_by"), [("/slack/events", "Slack"), ("/healthz", "the health check")]
)
def test_a_webhook_path_already_served_is_refused_naming_the_setting(
    tmp_path: Path, path: str, served_by: str
) -> None:
    settings = Settings(
        corpus_dir=tmp_path,
        telegram_token=TOKEN,  # type: ignore[arg-type]
        telegram_webhook_url=f"https://bot.example.org{path}",
        telegram_webhook_secret=TELEGRAM_SECRET,  # type: ignore[arg-type]
        slack_bot_token="xoxb-test-token",  # type: ignore[arg-type]
        slack_mode="http",
        slack_signing_secret=SLACK_SECRET,  # type: ignore[arg-type]
    )
    with pytest.raises(ConfigError) as refused:
        build_adapters(settings)
    # What the user sees (``briefbot run`` prints it and exits with status 2):
    assert str(refused.value) == (
        f"Telegram webhook and {served_by} would both be served at {path} on the HTTP "
        "listener (127.0.0.1:8080); change the path of BRIEFBOT_TELEGRAM_WEBHOOK_URL"
    )


async def test_a_port_in_use_is_named() -> None:
    first = HttpListener("127.0.0.1", 0)
    await first.start()
    try:
        second = HttpListener("127.0.0.1", int(first.address.rsplit(":", 1)[1]))
        with pytest.raises(ConfigError) as refused:
            await second.start()
    finally:
        await first.stop()
    assert str(refused.value) == (
        f"cannot listen on {second.host}:{second.port} "
        "(BRIEFBOT_HTTP_HOST:BRIEFBOT_HTTP_PORT): address already in use"
    )
    assert not first.running and not second.running
