"""End to end: the runtime on one loop against the fake Telegram and Slack servers.

A chat subscribes by sending ``/subscribe`` through the fake Telegram; a Slack
channel is subscribed with alerts on. Then articles are dropped into the watched
folder: filesystem events trigger a refresh, the story reaches three outlets, and
both chats receive the alert through the real python-telegram-bot and slack-sdk
clients. The guards below wait for events (with timeouts), never for fixed times.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from delivery_doubles import FolderService
from fakes.slack_api import FakeSlackApi
from fakes.telegram_api import TOKEN, FakeTelegram

from bot.adapters.slack.adapter import SlackAdapter
from bot.adapters.telegram.adapter import TelegramAdapter
from bot.chat import ChatRef
from bot.runtime import Runtime
from bot.settings import Settings
from bot.storage import BOT_MIGRATIONS
from summarizer.store import Store

HEADLINE = "Central bank holds rates"


async def until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Wait for a condition the runtime makes true (a guard with a timeout, not a delay)."""

    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.05)

    await asyncio.wait_for(poll(), timeout)


def drop(folder: Path, name: str, headline: str, outlet: str) -> None:
    (folder / name).write_text(f"{headline}\n{outlet}\n", encoding="utf-8")


async def test_dropped_articles_reach_subscribed_chats(
    tmp_path: Path, database_url: str, telegram: FakeTelegram, slack_api: FakeSlackApi
) -> None:
    slack = slack_api
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    drop(corpus, "envoy.txt", "Envoy arrives for truce talks", "Wire One")
    settings = Settings(
        corpus_dir=corpus,
        database_url=database_url,
        scan_interval_seconds=3600,  # only filesystem events can refresh in time
        stable_seconds=0,
        alert_min_outlets=3,
        telegram_token=TOKEN,  # type: ignore[arg-type]
        telegram_api_url=telegram.base_url,
    )
    service = FolderService(
        stories=(), store=Store(database_url, extra_migrations=[BOT_MIGRATIONS]), corpus_dir=corpus
    )
    adapters = [
        TelegramAdapter.from_settings(settings, poll_timeout=1),
        SlackAdapter(
            bot_token="xoxb-test",
            api_url=slack.base_url,
            mode="http",
            signing_secret="secret",
            port=0,
        ),
    ]
    runtime = Runtime(settings, service=service, adapters=adapters)
    channel = ChatRef("slack", "C0NEWS")
    runtime.book.subscribe(channel)
    runtime.book.update(channel, alerts=True)

    stop = asyncio.Event()
    running = asyncio.create_task(runtime.run(stop))
    try:
        await until(lambda: service.refreshes >= 1)  # the start-up refresh

        telegram.queue_message("/subscribe 07:15 bank", chat_id=42)
        await telegram.wait_for("sendMessage")
        subscribed = runtime.book.get(ChatRef("telegram", "42"))
        assert subscribed is not None and subscribed.topics == ("bank",)
        await until(lambda: runtime.scheduler.job_for(subscribed.id) is not None)
        runtime.book.update(subscribed.chat, alerts=True)

        for name, outlet in (("a.txt", "Daily Two"), ("b.txt", "Wire One"), ("c.txt", "Third")):
            drop(corpus, name, HEADLINE, outlet)
        await slack.wait_for("chat.postMessage", timeout=20)
        await telegram.wait_for("sendMessage", count=2, timeout=20)
    finally:
        stop.set()
        await running

    alert_texts = [call["text"] for call in telegram.calls("sendMessage")[1:]]
    assert any(HEADLINE in text and "Alert" in text for text in alert_texts)
    slack_posts = slack.of("chat.postMessage")
    assert len(slack_posts) == 1 and slack_posts[0].params["channel"] == "C0NEWS"
    assert HEADLINE in str(slack_posts[0].params)
    assert runtime.outbox.counts() == {"sent": 2}  # one alert per chat, each sent once
