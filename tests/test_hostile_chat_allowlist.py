"""``BRIEFBOT_ALLOWED_CHATS`` governs every message the bot sends, not only answers.

Before: a chat subscribed, then taken off the allow-list and the bot restarted, had its
commands refused, yet its daily digest, its alerts and its queued parts still arrived, and
it could not ``/unsubscribe``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from delivery_doubles import FolderService
from fakes.slack_api import FakeSlackApi
from fakes.telegram_api import TOKEN, FakeTelegram
from typer.testing import CliRunner

import bot.cli.subscriptions  # noqa: F401  (registers the command)
from bot.adapters.telegram import TelegramAdapter
from bot.chat import ChatRef
from bot.cli.app import app, console
from bot.delivery import VirtualTimer
from bot.runtime import Runtime
from bot.settings import Settings
from bot.storage import BOT_MIGRATIONS
from bot.storage.tables import DeliveryRow, SubscriptionRow
from bot.subscriptions import SubscriptionBook
from summarizer.store import Store
from tests.fakes.service import NOW as SERVICE_NOW
from tests.fakes.service import FakeService
from tests.fakes.testbot import TestBot

NOW = datetime(2026, 3, 3, 7, 30, tzinfo=UTC)
"""08:30 in Berlin: both chats' 08:00 slot is due."""
KEPT, REMOVED = ChatRef("telegram", "42"), ChatRef("telegram", "555")
REFUSED = (
    "Sorry, this bot only serves the chats it was set up for. "
    "Ask its operator to add this chat: telegram:555"
)


def subscribe_both_two_days_ago(book: SubscriptionBook, store: Store) -> None:
    for chat in (KEPT, REMOVED):
        book.subscribe(chat, send_at=time(8, 0), topics=None)
        book.set_timezone(chat, "Europe/Berlin")
        book.update(chat, alerts=True)
    with store.session() as session:
        for row in session.query(SubscriptionRow):
            row.created_at = NOW - timedelta(days=2)


async def test_a_removed_chat_gets_no_digest_no_alert_and_no_queued_part(
    tmp_path: Path, database_url: str, telegram: FakeTelegram
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Central bank holds rates\nDaily Two\n", encoding="utf-8")
    store = Store(database_url, extra_migrations=[BOT_MIGRATIONS])
    service = FolderService(stories=(), store=store, corpus_dir=corpus)
    # Before the restart: both chats allowed and subscribed, a part for 555 still queued.
    before = SubscriptionBook(store, clock=lambda: NOW)
    subscribe_both_two_days_ago(before, store)
    removed = before.get(REMOVED)
    assert removed is not None
    runtime_settings = Settings(
        corpus_dir=corpus,
        database_url=database_url,
        telegram_token=TOKEN,  # type: ignore[arg-type]
        telegram_api_url=telegram.base_url,
        allowed_chats=["telegram:42"],
        alert_min_outlets=2,
    )
    timer = VirtualTimer(NOW)
    adapter = TelegramAdapter.from_settings(runtime_settings)
    runtime = Runtime(runtime_settings, service=service, adapters=[adapter], clock=timer.clock)
    runtime.outbox.plan(
        key="digest:queued-before-restart",
        subscription_id=removed.id,
        kind="digest",
        payloads=[{"text": "Yesterday's digest, part 2"}],
    )
    try:
        await runtime.alerts.check()  # the baseline; then a second outlet makes an alert
        (corpus / "b.txt").write_text("Central bank holds rates\nWire One\n", encoding="utf-8")
        service.refresh()
        assert await runtime.alerts.check() == 1  # for chat 42 only
        await runtime.run_once()
    finally:
        await adapter.application.shutdown()

    sent = telegram.calls("sendMessage")
    texts = {(call["chat_id"], call["text"].split("\n")[0]) for call in sent}
    assert {chat for chat, _ in texts} == {42}
    assert any("Alert" in text for _, text in texts)
    assert any(text.startswith("<b>Top stories since") for _, text in texts)
    check = Store(database_url, extra_migrations=[BOT_MIGRATIONS])
    with check.session() as session:
        queued = session.query(DeliveryRow).filter_by(key="digest:queued-before-restart").one()
        assert queued.status == "failed"
        assert queued.note == "the chat is not in BRIEFBOT_ALLOWED_CHATS"
        keys = [row.key for row in session.query(DeliveryRow)]
    check.close()
    assert not any(key.startswith(f"digest:{removed.id}:") for key in keys)  # none planned


def test_a_removed_chat_may_still_unsubscribe_and_nothing_else(
    service: FakeService, book: SubscriptionBook
) -> None:
    book.subscribe(REMOVED)
    outside = TestBot(
        service, book, chat=REMOVED, allowed_chats=["telegram:42"], clock=lambda: SERVICE_NOW
    )
    assert outside.exec("/digest") == REFUSED
    assert outside.exec("/subscribe 07:00") == REFUSED
    assert outside.exec("/unsubscribe").startswith("Unsubscribed: no more daily briefings here.")
    gone = book.get(REMOVED)
    assert gone is not None and not gone.active


async def test_a_slack_channel_off_the_list_may_unsubscribe(slack_api: FakeSlackApi) -> None:
    from test_slack_http import start_bot

    running = await start_bot(slack_api, allowed_chats=["slack:C0NEWS001"])
    try:
        status, body = await running.slack.slash_command("digest", channel_id="C0OTHER01")
        assert status == 200 and "does not serve this channel" in body
        status, body = await running.slack.slash_command("unsubscribe", channel_id="C0OTHER01")
        assert status == 200 and "does not serve" not in body
        await slack_api.wait_for("chat.postMessage")
    finally:
        await running.adapter.stop()
    assert [incoming.text for incoming in running.seen] == ["/unsubscribe"]


@pytest.fixture
def cli_env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", database_url)
    monkeypatch.setenv("BRIEFBOT_ALLOWED_CHATS", '["telegram:42"]')
    monkeypatch.setattr(console, "width", 200)
    return database_url


def test_subscriptions_lists_a_removed_chat_as_not_allowed(cli_env: str) -> None:
    store = Store(cli_env, extra_migrations=[BOT_MIGRATIONS])
    book = SubscriptionBook(store)
    book.subscribe(KEPT)
    book.subscribe(REMOVED)
    store.close()
    table = CliRunner().invoke(app, ["subscriptions"])
    assert table.exit_code == 0, table.output
    row = next(line for line in table.output.splitlines() if "telegram:555" in line)
    assert "not allowed: not in BRIEFBOT_ALLOWED_CHATS, nothing is sent" in row
    listed = json.loads(CliRunner().invoke(app, ["subscriptions", "--json"]).output)
    states = {e["chat"]: (e["allowed"], e["state"]) for e in listed["subscriptions"]}
    assert states["telegram:42"] == (True, "active")
    assert states["telegram:555"][0] is False
