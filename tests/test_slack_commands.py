"""Real commands through the real core and the Slack adapter, over signed HTTP requests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from bot.adapters.slack import SlackAdapter
from bot.chat import ChatRef
from bot.commands import CommandCore
from bot.subscriptions import SubscriptionBook
from tests.fakes.service import NOW, FakeService
from tests.fakes.slack_api import BOT_USER, FakeSlackApi, SlackSender

SECRET = "commands-signing-secret"
CHANNEL = "C0NEWS001"


@pytest.fixture
def slack_api(slack_api: FakeSlackApi) -> FakeSlackApi:
    """The shared fake Web API, knowing one workspace admin and one member."""
    slack_api.users.update(
        {
            "U0ADMIN01": {"is_admin": True, "is_owner": False},
            "U0ALICE01": {"is_admin": False, "is_owner": False},
        }
    )
    return slack_api


@asynccontextmanager
async def commands_over_http(
    slack_api: FakeSlackApi, book: SubscriptionBook, service: FakeService, secret: str
) -> AsyncIterator[SlackSender]:
    """The real command core behind a Slack adapter in HTTP mode on a free port."""
    adapter = SlackAdapter(
        bot_token="xoxb-test-token",
        api_url=slack_api.base_url,
        mode="http",
        signing_secret=secret,
        port=0,
    )
    core = CommandCore(service, book, clock=lambda: NOW)
    await adapter.start(core.handler_for(adapter))
    assert adapter.server is not None
    try:
        yield SlackSender(adapter.server.url, secret)
    finally:
        await adapter.stop()


@pytest.fixture
async def slack(
    slack_api: FakeSlackApi, book: SubscriptionBook, service: FakeService
) -> AsyncIterator[SlackSender]:
    async with commands_over_http(slack_api, book, service, SECRET) as sender:
        yield sender


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


async def answer(slack: SlackSender, slack_api: FakeSlackApi, text: str, **where: str) -> dict:
    """Send ``/brief text`` in the channel and return the message the bot posted."""
    before = len(slack_api.of("chat.postMessage"))
    await slack.slash_command(text, channel_id=CHANNEL, **where)
    posted = await slack_api.wait_for("chat.postMessage", before + 1)
    return posted[before].params


HELP_LINES = (
    "• `/brief digest` — today's top stories, with your topics\n"
    "• `/brief story N` — story N of the last digest in full\n"
    "• `/brief who NAME` — who someone is, from the articles\n"
    "• `/brief search QUERY` — articles about something\n"
    "• `/brief sources` — outlets and how many articles each\n"
    "• `/brief subscribe [HH:MM] [topic words]` — a daily briefing here at that time\n"
    "• `/brief unsubscribe` — stop the daily briefing\n"
    "• `/brief settings` — this chat's briefing settings\n"
    "• `/brief timezone Area/City` — set the time zone, e.g. Europe/Berlin\n"
    "• `/brief help [command]` — this list\n"
    "• `/brief start` — welcome and the command list"
)
EVERY_COMMAND = (
    "/brief digest, /brief story, /brief who, /brief search, /brief sources, /brief subscribe,"
    " /brief unsubscribe, /brief settings, /brief timezone, /brief help, /brief start"
)


async def test_help_usage_and_hints_name_commands_as_slack_users_type_them(slack, slack_api):
    help_ = await answer(slack, slack_api, "help")
    assert help_["blocks"][0]["text"]["text"] == "Commands"
    assert section_texts(help_)[1] == HELP_LINES
    assert section_texts(await answer(slack, slack_api, "help story")) == [
        "`/brief story N` — story N of the last digest in full"
    ]
    assert section_texts(await answer(slack, slack_api, "who")) == [
        "This command needs an argument. Usage: `/brief who NAME`"
    ]
    assert section_texts(await answer(slack, slack_api, "story 1")) == [
        "There is no story 1 in this chat's last digest.",
        "Send /brief digest first, then /brief story with a number from it.",
    ]
    digest = section_texts(await answer(slack, slack_api, "digest"))
    assert digest[-1] == "_1 outlet: Daily Two_ · more: /brief story 2"


async def test_a_dm_answer_names_the_slash_command_too(slack, slack_api):
    await slack.event(
        {"type": "message", "channel_type": "im", "user": "U0ALICE01", "text": "help who",
         "channel": "D0ALICE01", "ts": "1.0"}
    )  # fmt: skip
    [call] = await slack_api.wait_for("chat.postMessage")
    assert section_texts(call.params) == ["`/brief who NAME` — who someone is, from the articles"]


async def test_unknown_commands_get_a_short_escaped_answer(slack, slack_api):
    shown = section_texts(await answer(slack, slack_api, "frobnicate <now>"))
    assert shown == [f"I don't know `/brief frobnicate`. Try one of: {EVERY_COMMAND}"]
    odd = section_texts(await answer(slack, slack_api, "fr&lt;o&gt;b &amp; co"))  # "fr<o>b & co"
    assert odd == [f"I don't know `/brief fr&lt;o&gt;b`. Try one of: {EVERY_COMMAND}"]
    long_name = section_texts(await answer(slack, slack_api, "x" * 300))
    assert long_name == [f"I don't know `/brief {'x' * 32}…`. Try one of: {EVERY_COMMAND}"]


async def test_an_overlong_argument_gets_the_usage_line(slack, slack_api, service):
    typed = "search " + "&lt;x&gt;&amp;" * 60  # Slack's escaping of "<x>&" typed 60 times
    shown = section_texts(await answer(slack, slack_api, typed))
    assert shown == ["That is too long (at most 200 characters). Usage: `/brief search QUERY`"]
    assert not [call for call in service.calls if call[0] == "search"]


async def test_a_failing_service_gets_a_polite_answer(slack, slack_api, service):
    def broken(name: str) -> None:
        raise RuntimeError("model <exploded> & burned")

    service.who = broken  # type: ignore[method-assign]
    shown = section_texts(await answer(slack, slack_api, "who Witkoff"))
    assert shown == [
        "Something went wrong while answering /brief who. It has been logged; please try later."
    ]
