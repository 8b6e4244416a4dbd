"""The commands through the real summarizer service on the example corpus (loads the models)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.chat import ChatRef
from bot.storage import BOT_MIGRATIONS
from bot.subscriptions import SubscriptionBook
from summarizer.config import PipelineConfig
from summarizer.service import Briefbot
from tests.conftest import EXAMPLES
from tests.fakes.testbot import TestBot

pytestmark = pytest.mark.slow

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
OUTLETS = ("Coastline Daily", "The Evening Courier", "The Harbour Ledger", "Meridian Wire")


@pytest.fixture(scope="module")
def briefbot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Briefbot]:
    if not EXAMPLES.is_dir():
        pytest.skip("examples/corpus is absent")
    database = tmp_path_factory.mktemp("real") / "briefbot.db"
    config = PipelineConfig(
        corpus_dir=EXAMPLES, database_url=f"sqlite:///{database}", stable_seconds=0
    )
    service = Briefbot(config, extra_migrations=[BOT_MIGRATIONS])
    report = service.refresh()  # on the real clock: files must look settled on disk
    assert len(report.ingested) == 9, report
    service.clock = lambda: NOW  # the example articles date from 18-20 Nov 2026
    yield service
    service.close()


@pytest.fixture
def testbot(briefbot: Briefbot, tmp_path: Path) -> TestBot:
    book = SubscriptionBook(briefbot.store, clock=lambda: NOW)
    return TestBot(briefbot, book, chat=_chat(tmp_path.name), clock=lambda: NOW)


def _chat(name: str) -> ChatRef:
    return ChatRef("console", name)


def test_sources_lists_the_example_outlets(testbot: TestBot) -> None:
    answer = testbot.exec("/sources")
    assert answer.startswith("5 outlets, 9 articles\n• The Harbour Ledger: 3 articles")


def test_digest_and_story_cite_their_outlets(testbot: TestBot) -> None:
    digest = testbot.exec("/digest")
    assert digest.startswith("Top stories since Thu 19 Nov, 12:00 UTC\n\n1. ")
    points = [line for line in digest.splitlines() if line.startswith("• ")]
    assert points and all(
        any(f" — {o}" in p or "— Northbridge" in p for o in OUTLETS) for p in points
    )
    story = testbot.exec("/story 1")
    assert "\nCoverage (" in story and "People: " in story
    assert testbot.exec("/story 9").startswith("There is no story 9")


def test_who_answers_from_the_example_articles(testbot: TestBot) -> None:
    assert testbot.exec("/who Lena Marsh").startswith("Lena Marsh")
    assert testbot.exec("/who Zebedee Quux").startswith("I found nothing about Zebedee Quux")


def test_an_outlet_named_in_the_text_is_not_a_related_person(briefbot: Briefbot) -> None:
    """ "telling the Gazette" names the Northbridge Gazette, not someone mentioned with Marsh."""
    related = [entry.name for entry in briefbot.who("Lena Marsh").related]
    assert related, "Marsh is mentioned with other people"
    assert not {"Gazette", "Courier"} & set(related)


async def test_a_real_digest_over_telegram(briefbot: Briefbot, tmp_path: Path) -> None:
    from bot.adapters.telegram import TelegramAdapter
    from bot.commands import CommandCore
    from tests.fakes.telegram_api import TOKEN, FakeTelegram

    book = SubscriptionBook(briefbot.store, clock=lambda: NOW)
    async with FakeTelegram() as telegram:
        adapter = TelegramAdapter(TOKEN, api_url=telegram.base_url, poll_timeout=5)
        await adapter.start(CommandCore(briefbot, book, clock=lambda: NOW).handler_for(adapter))
        try:
            telegram.queue_message(
                f"/digest@{telegram.username}", chat_id=-1001, chat_type="supergroup", thread_id=3
            )
            [sent] = await telegram.wait_for("sendMessage")
        finally:
            await adapter.stop()
    assert (sent["chat_id"], sent["message_thread_id"], sent["parse_mode"]) == (-1001, 3, "HTML")
    assert sent["text"].startswith("<b>Top stories since Thu 19 Nov, 12:00 UTC</b>\n\n<b>1. ")
    assert len(sent["text"].encode("utf-16-le")) // 2 <= 4096


def test_briefbot_chat_refresh_reads_the_corpus_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    import bot.cli.chat  # noqa: F401  (registers the command)
    from bot.cli.app import app

    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'chat.db'}")
    monkeypatch.setenv("BRIEFBOT_STABLE_SECONDS", "0")
    args = ["chat", "--refresh", "--corpus", str(EXAMPLES)]
    result = CliRunner().invoke(app, args, input="/sources\n")
    assert result.exit_code == 0, result.output
    assert "9 new or changed files read." in result.output
    assert "5 outlets, 9 articles\n• The Harbour Ledger: 3 articles" in result.output
