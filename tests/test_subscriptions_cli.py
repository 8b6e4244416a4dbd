"""``briefbot subscriptions``: what an operator sees on the command line."""

from __future__ import annotations

import json
from datetime import time

import pytest
from typer.testing import CliRunner

import bot.cli.subscriptions  # noqa: F401  (registers the command)
from bot.chat import ChatRef
from bot.cli.app import app, console
from bot.storage import BOT_MIGRATIONS
from bot.subscriptions import SubscriptionBook
from summarizer.store import Store


@pytest.fixture
def cli_env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", database_url)
    monkeypatch.setattr(console, "width", 200)  # a wide terminal: one row per subscription
    return database_url


def test_empty_list_says_how_to_subscribe(cli_env: str) -> None:
    result = CliRunner().invoke(app, ["subscriptions"])
    assert result.exit_code == 0
    assert "No subscriptions yet" in result.output and "/subscribe" in result.output


def test_lists_subscriptions_as_table_and_json(cli_env: str) -> None:
    store = Store(cli_env, extra_migrations=[BOT_MIGRATIONS])
    book = SubscriptionBook(store)
    book.subscribe(ChatRef("telegram", "-100", "7"), send_at=time(7, 30), topics=["energy"])
    book.set_timezone(ChatRef("telegram", "-100", "7"), "Europe/Berlin")
    gone = book.subscribe(ChatRef("slack", "C1"))
    book.subscribe(ChatRef("slack", "C2"))
    book.pause(book.get(ChatRef("slack", "C2")).id, "channel_not_found")  # type: ignore[union-attr]
    book.unsubscribe(gone.chat)
    store.close()

    table = CliRunner().invoke(app, ["subscriptions"])
    assert table.exit_code == 0, table.output
    assert "telegram:-100:7" in table.output and "07:30" in table.output
    assert "Europe/Berlin" in table.output and "energy" in table.output
    assert "paused: channel_not_found" in table.output
    assert "slack:C1" not in table.output  # unsubscribed chats only with --all

    listed = json.loads(CliRunner().invoke(app, ["subscriptions", "--json", "--all"]).output)
    chats = {entry["chat"]: entry for entry in listed["subscriptions"]}
    assert chats["telegram:-100:7"]["send_at"] == "07:30"
    assert chats["telegram:-100:7"]["topics"] == ["energy"]
    assert chats["slack:C1"]["state"] == "unsubscribed"
    assert chats["slack:C2"]["paused_reason"] == "channel_not_found"
