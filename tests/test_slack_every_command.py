"""Every command through the Slack adapter, as Telegram's ``PRIVATE_ANSWERS`` does it.

Signed ``/brief …`` slash commands (and one mention, one DM) go over HTTP mode to the
real Bolt app; the answers are the exact ``chat.postMessage`` calls the fake Slack Web
API received, with the fake service ``tests/test_telegram_bot.py`` uses.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.chat import ChatRef
from bot.subscriptions import SubscriptionBook
from tests.fakes.service import FakeService
from tests.fakes.slack_api import BOT_USER, FakeSlackApi, SlackSender
from tests.test_slack_commands import EVERY_COMMAND, HELP_LINES, commands_over_http

SECRET = "every-command-signing-secret"
CHANNEL = "C0NEWS001"
DM = "D0ADMIN01"
ADMIN = "U0ADMIN01"
"""A workspace admin: the subscription commands change the channel's settings."""


@pytest.fixture
async def slack(slack_api: FakeSlackApi, book: SubscriptionBook) -> AsyncIterator[SlackSender]:
    slack_api.users[ADMIN] = {"is_admin": True, "is_owner": False}
    async with commands_over_http(slack_api, book, FakeService(), SECRET) as sender:
        yield sender


def header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def message(channel: str, *blocks: dict[str, Any]) -> dict[str, Any]:
    """The ``chat.postMessage`` call: the blocks, and their lines as the notification text."""
    return {
        "channel": channel,
        "text": "\n".join(block["text"]["text"] for block in blocks),
        "blocks": list(blocks),
        "unfurl_links": False,
        "unfurl_media": False,
    }


async def posted(slack_api: FakeSlackApi, send: Any) -> dict[str, Any]:
    """Run ``send()`` and return the one message the bot posted for it."""
    before = len(slack_api.of("chat.postMessage"))
    await send()
    calls = await slack_api.wait_for("chat.postMessage", before + 1)
    return calls[before].params


async def answer(slack: SlackSender, slack_api: FakeSlackApi, text: str) -> dict[str, Any]:
    """``/brief text`` typed by the admin in the channel, and the bot's answer."""
    return await posted(
        slack_api, lambda: slack.slash_command(text, channel_id=CHANNEL, user_id=ADMIN)
    )


async def direct(slack: SlackSender, slack_api: FakeSlackApi, text: str) -> dict[str, Any]:
    """``text`` sent to the bot in a DM, and the bot's answer there."""
    event = {"type": "message", "channel_type": "im", "user": ADMIN, "text": text,
             "channel": DM, "ts": "1.0"}  # fmt: skip
    return await posted(slack_api, lambda: slack.event(event))


WELCOME = (
    "I read the news folder I was given, group articles about the same event across outlets"
    " into stories, and brief you with key points cited to their outlet."
)
SOURCES = (
    header("2 outlets, 3 articles"),
    section(
        "• *Daily Two*: 2 articles, latest 02 Mar 2026\n• *Wire One*: 1 article, latest 02 Mar 2026"
    ),
)
STORY_1 = (
    header("Envoy Witkoff arrives for truce talks"),
    section(
        "• Steve Witkoff landed in Cairo on Monday. — _<https://one.example/a1|Wire One>_\n"
        "• Talks are expected to last three days. — _<https://two.example/a2|Daily Two>_"
        " _(also Wire One)_"
    ),
    header("Coverage (2 articles)"),
    section(
        "• _Wire One_: <https://one.example/a1|Envoy lands in Cairo for truce talks>,"
        " 02 Mar 2026\n"
        "• _Daily Two_: <https://two.example/a2|Talks resume as envoy arrives>, 02 Mar 2026"
    ),
    section("*People:* Steve Witkoff"),
    section("_Ask about anyone with /brief who NAME._"),
    section("_Latest article Mon 02 Mar, 07:00 UTC_"),
)
NO_STORY_1 = (
    section("There is no story 1 in this chat's last digest."),
    section("Send /brief digest first, then /brief story with a number from it."),
)


def settings(state: str, time: str, stories: str) -> tuple[dict[str, Any], ...]:
    return (
        header("Settings"),
        section(
            f"• *Daily briefing:* {state}\n"
            f"• *Time:* {time}\n"
            "• *Topics:* gaza\n"
            f"• *Stories per digest:* {stories} (/brief settings stories N)\n"
            "• *Points per story:* default (/brief settings points N)\n"
            "• *Breaking-news alerts:* off (/brief settings alerts on|off)\n"
            "• *Days without news:* skip (/brief settings quiet skip|notice)"
        ),
    )


def case(command: str, *blocks: dict[str, Any], after: tuple[str, ...] = (), id: str = "") -> Any:
    """``/brief command`` (typed after the commands in ``after``) and its exact answer."""
    return pytest.param(after, command, blocks, id=id or command)


SUBSCRIBED = ("subscribe 07:30 gaza",)
CHANNEL_ANSWERS = [
    case(
        "start",
        header("Hello!"),  # no Slack handle: mentions and DMs carry none, and it is no name
        section(WELCOME),
        section("Try */brief digest* for today's top stories. Commands:"),
        section(HELP_LINES),
    ),
    case("help", header("Commands"), section(HELP_LINES)),
    case(
        "digest",
        header("Top stories since Sun 01 Mar, 09:00 UTC"),
        header("1. Envoy Witkoff arrives for truce talks (new)"),
        STORY_1[1],
        section("_2 outlets: Wire One, Daily Two_ · more: /brief story 1"),
        header("2. Central bank holds rates"),
        section(
            "• The bank kept its rate at 4% &amp; signalled patience. —"
            " _<https://two.example/a3|Daily Two>_"
        ),
        section("_1 outlet: Daily Two_ · more: /brief story 2"),
    ),
    case("story 1", *STORY_1, after=("digest",)),
    case(
        "story 9",
        section("There is no story 9 in this chat's last digest."),
        section("Send /brief digest first, then /brief story with a number from it."),
        after=("digest",),
    ),
    case(
        "who Witkoff",
        header("Steve Witkoff — US special envoy"),
        section("_In 2 articles from 2 outlets, 02 Mar 2026 to 02 Mar 2026._"),
        header("Lately"),
        section("• Witkoff landed in Cairo on Monday. — _<https://one.example/a1|Wire One>_"),
        header("Quotes"),
        section("• “We are here to get a deal done” — _<https://two.example/a2|Daily Two>_"),
        section("*Mentioned with:* Cairo"),
    ),
    case(
        "search rates",
        header("Articles about rates"),
        section("<https://two.example/a3|Bank holds rates at 4%> — _Daily Two, 02 Mar 2026_"),
        section("…Bank holds rates at 4%…"),
    ),
    case("sources", *SOURCES),
    case(
        "subscribe 07:30 gaza",
        section("Subscribed: a daily briefing at *07:30 UTC* about gaza."),
        section(
            "Change the time zone with /brief timezone Area/City, see /brief settings,"
            " stop with /brief unsubscribe."
        ),
    ),
    case(
        "settings",
        section("No subscription here yet; time zone UTC."),
        section("Start one with /brief subscribe [HH:MM] [topic words]."),
        id="settings-none",
    ),
    case("settings", *settings("on", "07:30 UTC", "default"), after=SUBSCRIBED),
    case("settings stories 3", *settings("on", "07:30 UTC", "3"), after=SUBSCRIBED),
    case(
        "settings",
        *settings("off (/brief subscribe to resume)", "07:30 Europe/Berlin", "3"),
        after=(*SUBSCRIBED, "settings stories 3", "timezone Europe/Berlin", "unsubscribe"),
        id="settings-after-changes",
    ),
    case("timezone Europe/Berlin", section("Time zone set to *Europe/Berlin*.")),
    case(
        "timezone Mars/Base",
        section("I don't know the time zone `Mars/Base`."),
        section("Use an IANA name like Europe/Berlin, America/New_York, Asia/Tokyo or UTC."),
    ),
    case(
        "unsubscribe",
        section("This chat has no subscription. Start one with /brief subscribe."),
        id="unsubscribe-none",
    ),
    case(
        "unsubscribe",
        section("Unsubscribed: no more daily briefings here. /brief subscribe resumes."),
        after=SUBSCRIBED,
    ),
    case("unknown", section(f"I don't know `/brief unknown`. Try one of: {EVERY_COMMAND}")),
]


@pytest.mark.parametrize(("after", "command", "blocks"), CHANNEL_ANSWERS)
async def test_each_command_in_a_channel(
    slack: SlackSender,
    slack_api: FakeSlackApi,
    after: tuple[str, ...],
    command: str,
    blocks: tuple[dict[str, Any], ...],
) -> None:
    for earlier in after:
        await answer(slack, slack_api, earlier)
    assert await answer(slack, slack_api, command) == message(CHANNEL, *blocks)


async def test_a_mention_answers_like_the_slash_command(
    slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    event = {"type": "app_mention", "user": ADMIN, "text": f"<@{BOT_USER}> sources",
             "channel": CHANNEL, "ts": "1.0"}  # fmt: skip
    assert await posted(slack_api, lambda: slack.event(event)) == message(CHANNEL, *SOURCES)


async def test_start_greets_alike_by_slash_command_mention_and_dm(
    slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    """Only slash commands carry a (deprecated) handle: no way of asking greets by it."""
    event = {"type": "app_mention", "user": ADMIN, "text": f"<@{BOT_USER}> start",
             "channel": CHANNEL, "ts": "1.0"}  # fmt: skip
    greetings = [
        (await answer(slack, slack_api, "start"))["blocks"][0],
        (await posted(slack_api, lambda: slack.event(event)))["blocks"][0],
        (await direct(slack, slack_api, "start"))["blocks"][0],
    ]
    assert greetings == [header("Hello!")] * 3


async def test_a_dm_story_comes_from_the_dms_own_digest(
    slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    await answer(slack, slack_api, "digest")  # the channel's digest is not the DM's
    assert await direct(slack, slack_api, "story 1") == message(DM, *NO_STORY_1)
    await direct(slack, slack_api, "digest")
    assert await direct(slack, slack_api, "story 1") == message(DM, *STORY_1)


async def test_changes_made_in_the_channel_are_kept(
    slack: SlackSender, slack_api: FakeSlackApi, book: SubscriptionBook
) -> None:
    for command in ("subscribe 07:30 gaza", "settings stories 3", "timezone Europe/Berlin"):
        await answer(slack, slack_api, command)
    subscription = book.get(ChatRef("slack", CHANNEL))
    assert subscription is not None
    assert (f"{subscription.send_at:%H:%M}", subscription.timezone) == ("07:30", "Europe/Berlin")
    assert (subscription.topics, subscription.max_stories) == (("gaza",), 3)
    await answer(slack, slack_api, "unsubscribe")
    stopped = book.get(ChatRef("slack", CHANNEL))
    assert stopped is not None and not stopped.active
    assert {call.params["user"] for call in slack_api.of("users.info")} == {ADMIN}
