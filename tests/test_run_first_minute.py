"""The first minute after start-up: `briefbot ingest`, then the real bot on Telegram and Slack.

Right after `briefbot ingest` the articles are stored but the bot's first refresh has still
to build their stories and the people index (loading the models takes many seconds). Asked
within the first second, `/who Witkoff` and `/digest` must answer right or say they are still
reading; never "I found nothing" or "No new stories" about articles the bot holds.

Slow: the first refresh loads the packaged embedding model and spaCy.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from fakes.slack_api import FakeSlackApi, SlackSender
from fakes.telegram_api import TOKEN, FakeTelegram, visible_text
from test_run_e2e_real import until
from typer.testing import CliRunner

import bot.cli.corpus  # noqa: F401  (registers `ingest`)
from bot.adapters.slack.adapter import SlackAdapter
from bot.adapters.telegram.adapter import TelegramAdapter
from bot.cli.app import app
from bot.runtime import Runtime
from bot.settings import Settings

pytestmark = pytest.mark.slow

SECRET = "first-minute-signing-secret"
FALSE_NOTHING = ("found nothing", "No new stories", "No one called")


def ingest_seeds(seeds_dir: Path, corpus: Path, database_url: str) -> str:
    """``cp seeds/* corpus/ && briefbot ingest``, as a new user would run it."""
    corpus.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(seed, corpus / seed.name)
    args = ["--database-url", database_url, "ingest", "--corpus", str(corpus)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def is_digest(text: str) -> bool:
    return text.startswith(("Top stories", "No new stories")) or "sources to see" in text


def right_or_reading(text: str, right: str) -> bool:
    return not any(word in text for word in FALSE_NOTHING) and (
        right in text or "Still reading 5 new articles; ask again in a minute." in text
    )


async def test_who_and_digest_in_the_first_second_are_right_or_still_reading(
    tmp_path: Path,
    database_url: str,
    seeds_dir: Path,
    telegram: FakeTelegram,
    slack_api: FakeSlackApi,
) -> None:
    corpus = tmp_path / "corpus"
    assert ingest_seeds(seeds_dir, corpus, database_url).startswith("5 ingested")
    settings = Settings(
        corpus_dir=corpus,
        database_url=database_url,
        scan_interval_seconds=3600,
        telegram_token=TOKEN,  # type: ignore[arg-type]
        telegram_api_url=telegram.base_url,
    )
    api = slack_api.base_url
    slack = SlackAdapter(bot_token="x", api_url=api, mode="http", signing_secret=SECRET, port=0)
    runtime = Runtime(settings, adapters=[TelegramAdapter.from_settings(settings), slack])
    stop = asyncio.Event()
    running = asyncio.create_task(runtime.run(stop))
    try:
        await until(lambda: slack.server is not None and slack.server.listener.running, timeout=10)
        assert slack.server is not None
        sender = SlackSender(slack.server.url, SECRET)
        telegram.queue_message("/who Witkoff")
        telegram.queue_message("/digest")
        await sender.slash_command("who Witkoff")
        await sender.slash_command("digest")
        first = await telegram.wait_for("sendMessage", count=2, timeout=60)
        posted = await slack_api.wait_for("chat.postMessage", count=2, timeout=60)
        await until(lambda: runtime.watch.runs >= 1, timeout=300)
        telegram.queue_message("/who Witkoff")
        later = (await telegram.wait_for("sendMessage", count=3, timeout=60))[2]
    finally:
        stop.set()
        await running
    who, digest = sorted((visible_text(call["text"]) for call in first), key=is_digest)
    slack_texts = (str(call.params["text"]) for call in posted)
    slack_who, slack_digest = sorted(slack_texts, key=is_digest)
    assert right_or_reading(who, "Steve Witkoff"), who
    assert right_or_reading(slack_who, "Steve Witkoff"), slack_who
    assert right_or_reading(digest, "Top stories since"), digest
    assert right_or_reading(slack_digest, "Top stories since"), slack_digest
    assert visible_text(later["text"]).startswith("Steve Witkoff")
