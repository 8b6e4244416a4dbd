"""Real commands through the real core and the Slack adapter, over signed HTTP requests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest

from bot.adapters.slack import SlackAdapter
from bot.chat import ChatRef
from bot.commands import CommandCore
from bot.storage import BOT_MIGRATIONS
from bot.subscriptions import SubscriptionBook
from summarizer.store import Store
from tests.fakes.service import FakeService
from tests.fakes.slack_api import BOT_USER, FakeSlackApi, SlackSender

SECRET = "commands-signing-secret"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CHANNEL = "C0NEWS001"


@pytest.fixture
def book(database_url: str) -> Iterator[SubscriptionBook]:
    store = Store(database_url, extra_migrations=[BOT_MIGRATIONS])
    yield SubscriptionBook(store, clock=lambda: NOW)
    store.close()


@pytest.fixture
async def slack_api() -> AsyncIterator[FakeSlackApi]:
    fake = await FakeSlackApi().start()
    fake.users.update(
        {
            "U0ADMIN01": {"is_admin": True, "is_owner": False},
            "U0ALICE01": {"is_admin": False, "is_owner": False},
        }
    )
    yield fake
    await fake.stop()


@pytest.fixture
async def slack(slack_api: FakeSlackApi, book: SubscriptionBook) -> AsyncIterator[SlackSender]:
    adapter = SlackAdapter(
        bot_token="xoxb-test-token",
        api_url=slack_api.base_url,
        mode="http",
        signing_secret=SECRET,
        port=0,
    )
    core = CommandCore(FakeService(), book, clock=lambda: NOW)
    await adapter.start(core.handler_for(adapter))
    assert adapter.server is not None
    yield SlackSender(adapter.server.url, SECRET)
    await adapter.stop()


def section_texts(params: dict) -> list[str]:
    return [block["text"]["text"] for block in params["blocks"]]


async def test_who_answers_from_the_articles(slack, slack_api):
    status, ack = await slack.slash_command("who Witkoff", channel_id=CHANNEL)

    assert (status, ack) == (200, "Working on it…")
    [call] = await slack_api.wait_for("chat.postMessage")
    assert call.params["channel"] == CHANNEL
    shown = "\n".join(section_texts(call.params))
    assert "Steve Witkoff" in shown
    assert "US special envoy" in shown
    assert call.params["text"].startswith("Steve Witkoff") or "Witkoff" in call.params["text"]


async def test_digest_by_mention_lists_the_stories_as_blocks(slack, slack_api):
    await slack.event(
        {"type": "app_mention", "user": "U0ALICE01", "text": f"<@{BOT_USER}> digest",
         "channel": CHANNEL, "ts": "1.0"}
    )  # fmt: skip

    [call] = await slack_api.wait_for("chat.postMessage")
    shown = "\n".join(section_texts(call.params))
    assert "Envoy Witkoff arrives for truce talks" in shown
    assert "4% &amp; signalled patience" in shown  # escaped once, displayed as "&"
    assert len(call.params["blocks"]) <= 50


async def test_subscribing_a_channel_needs_a_workspace_admin(slack, slack_api, book):
    await slack.slash_command("subscribe 07:30", channel_id=CHANNEL, user_id="U0ALICE01")
    [refused] = await slack_api.wait_for("chat.postMessage")
    assert "Only this chat's administrators" in refused.params["text"]
    assert book.get(ChatRef("slack", CHANNEL)) is None

    await slack.slash_command("subscribe 07:30", channel_id=CHANNEL, user_id="U0ADMIN01")
    await slack_api.wait_for("chat.postMessage", count=2)
    subscription = book.get(ChatRef("slack", CHANNEL))
    assert subscription is not None
    assert f"{subscription.send_at:%H:%M}" == "07:30"
    assert [call.params["user"] for call in slack_api.of("users.info")] == [
        "U0ALICE01",
        "U0ADMIN01",
    ]


async def test_anyone_subscribes_their_own_dm(slack, slack_api, book):
    await slack.event(
        {"type": "message", "channel_type": "im", "user": "U0ALICE01", "text": "subscribe",
         "channel": "D0ALICE01", "ts": "1.0"}
    )  # fmt: skip
    [call] = await slack_api.wait_for("chat.postMessage")
    assert call.params["channel"] == "D0ALICE01"
    assert "Subscribed" in call.params["text"]
    assert book.get(ChatRef("slack", "D0ALICE01")) is not None
    assert slack_api.of("users.info") == []


async def test_unknown_sub_command_gets_help(slack, slack_api):
    await slack.slash_command("frobnicate now", channel_id=CHANNEL)
    [call] = await slack_api.wait_for("chat.postMessage")
    assert "frobnicate" in call.params["text"]
