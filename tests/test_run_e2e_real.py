"""End to end with the real summarizer: a seed article dropped into the watched folder
reaches a Telegram chat and a Slack channel subscribed to "ceasefire" as an alert,
through the fake Telegram and Slack servers.

Slow: the first refresh loads the packaged embedding model and spaCy.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes.slack_api import FakeSlackApi
from fakes.telegram_api import TOKEN, FakeTelegram

from bot.adapters.slack.adapter import SlackAdapter
from bot.adapters.telegram.adapter import TelegramAdapter
from bot.chat import ChatRef
from bot.runtime import Runtime
from bot.settings import Settings

pytestmark = pytest.mark.slow


async def until(condition: Callable[[], bool], timeout: float) -> None:
    """Wait for a condition the runtime makes true (a guard with a timeout, not a delay)."""

    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.1)

    await asyncio.wait_for(poll(), timeout)


async def test_seed_article_reaches_a_topic_subscriber(
    tmp_path: Path,
    database_url: str,
    seeds_dir: Path,
    telegram: FakeTelegram,
    slack_api: FakeSlackApi,
) -> None:
    pytest.importorskip("summarizer.ingest", reason="the ingest pipeline is not in this tree")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    slack = slack_api
    settings = Settings(
        corpus_dir=corpus,
        database_url=database_url,
        scan_interval_seconds=3600,
        stable_seconds=0,
        telegram_token=TOKEN,  # type: ignore[arg-type]
        telegram_api_url=telegram.base_url,
    )
    adapters = [
        TelegramAdapter.from_settings(settings, poll_timeout=1),
        SlackAdapter(
            bot_token="xoxb-test", api_url=slack.base_url, mode="http", signing_secret="s", port=0
        ),
    ]
    runtime = Runtime(settings, adapters=adapters)
    for chat in (ChatRef("telegram", "42"), ChatRef("slack", "C0NEWS")):
        runtime.book.subscribe(chat, topics=["ceasefire"])
        runtime.book.update(chat, alerts=True)
    stop = asyncio.Event()
    running = asyncio.create_task(runtime.run(stop))
    try:
        await until(lambda: runtime.watch.runs >= 1, timeout=120)  # empty folder
        shutil.copy(seed, corpus / seed.name)
        await telegram.wait_for("sendMessage", timeout=240)
        await slack.wait_for("chat.postMessage", timeout=30)
    finally:
        stop.set()
        await running
    text = telegram.calls("sendMessage")[0]["text"]
    assert "Alert" in text and "ceasefire" in text
    assert "ceasefire" in str(slack.of("chat.postMessage")[0].params)
    assert runtime.outbox.counts() == {"sent": 2}
