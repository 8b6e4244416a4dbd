"""HTTP mode end to end: signed requests in, Block Kit messages out, through Bolt and slack_sdk.

Slack's side is played by ``SlackSender`` (signed slash commands and events) and
``FakeSlackApi`` (the Web API on 127.0.0.1, reached through ``base_url``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from slack_sdk.signature import SignatureVerifier

from bot.adapters.slack import SlackAdapter
from bot.chat import ChatRef, Incoming
from bot.document import Heading, Reply, Span, paragraph, text
from bot.render.split import utf16_len
from tests.fakes.slack_api import BOT_ID, BOT_USER, FakeSlackApi, SlackSender

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
NOW = 1_800_000_000.0


class FixedClock:
    """slack_sdk's clock interface, frozen."""

    def now(self) -> float:
        return NOW


def echo_reply(incoming: Incoming) -> Reply:
    return Reply((paragraph("You asked: ", Span(incoming.text, code=True)),))


def echo_message(channel: str, command: str, **extra: object) -> dict[str, object]:
    """What the fake receives for :func:`echo_reply`."""
    return {
        "channel": channel,
        "text": f"You asked: `{command}`",
        "blocks": [
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"You asked: `{command}`", "verbatim": True},
            }
        ],
        "unfurl_links": False,
        "unfurl_media": False,
        **extra,
    }


def incoming(channel: str, user: str, text: str, *, private: bool, **more: Any) -> Incoming:
    """What the adapter passes on: the command, and ``/brief `` as the way to type commands."""
    return Incoming(
        ChatRef("slack", channel), user, text, private, command_prefix="/brief ", **more
    )


class Bot:
    """The adapter in HTTP mode with a recording command handler."""

    def __init__(self, adapter: SlackAdapter, slack: SlackSender) -> None:
        self.adapter, self.slack = adapter, slack
        self.seen: list[Incoming] = []
        self.fail = False
        self.reply: Reply | None = None

    async def on_command(self, incoming: Incoming) -> Reply:
        self.seen.append(incoming)
        if self.fail:
            raise RuntimeError("database is locked")
        return self.reply or echo_reply(incoming)


async def start_bot(slack_api: FakeSlackApi, **options: object) -> Bot:
    adapter = SlackAdapter(
        bot_token="xoxb-test-token",
        api_url=slack_api.base_url,
        mode="http",
        signing_secret=SECRET,
        port=0,
        clock=FixedClock(),
        **options,  # type: ignore[arg-type]
    )
    bot = Bot(adapter, SlackSender("", SECRET, clock=lambda: NOW))
    await adapter.start(bot.on_command)
    assert adapter.server is not None
    bot.slack.url = adapter.server.url
    return bot


@pytest.fixture
async def bot(slack_api):
    running = await start_bot(slack_api)
    yield running
    await running.adapter.stop()


async def test_slash_command_is_acked_at_once_then_answered_in_the_channel(bot, slack_api):
    status, body = await bot.slack.slash_command("who Witkoff", channel_id="C0NEWS001")

    assert status == 200
    assert body == "Working on it…"  # the user sees this privately at once
    [call] = await slack_api.wait_for("chat.postMessage")
    assert call.params == echo_message("C0NEWS001", "/who Witkoff")
    assert call.token == "xoxb-test-token"
    # Slack's ``user_name`` is the deprecated handle: not passed on, so greetings match mentions.
    assert bot.seen == [incoming("C0NEWS001", "U0ALICE01", "/who Witkoff", private=False)]


async def test_empty_slash_command_asks_for_help(bot, slack_api):
    await bot.slack.slash_command("   ")
    await slack_api.wait_for("chat.postMessage")
    assert [incoming.text for incoming in bot.seen] == ["/help"]


async def test_slash_command_in_a_dm_is_private(bot, slack_api):
    await bot.slack.slash_command("digest", channel_id="D0ALICE01", channel_name="directmessage")
    [call] = await slack_api.wait_for("chat.postMessage")
    assert call.params["channel"] == "D0ALICE01"
    assert bot.seen[0].is_private is True


async def test_app_mention_is_answered_and_the_mention_stripped(bot, slack_api):
    status, _ = await bot.slack.event(
        {
            "type": "app_mention",
            "user": "U0BOB0001",
            "text": f"<@{BOT_USER}> who Witkoff &amp; co",
            "channel": "C0NEWS001",
            "ts": "1799999999.000100",
        }
    )

    assert status == 200
    [call] = await slack_api.wait_for("chat.postMessage")
    assert call.params == echo_message("C0NEWS001", "/who Witkoff &amp; co")
    assert bot.seen == [incoming("C0NEWS001", "U0BOB0001", "/who Witkoff & co", private=False)]


async def test_app_mention_in_a_thread_is_answered_in_that_thread(bot, slack_api):
    await bot.slack.event(
        {
            "type": "app_mention",
            "user": "U0BOB0001",
            "text": f"<@{BOT_USER}> story 2",
            "channel": "C0NEWS001",
            "ts": "1799999999.000200",
            "thread_ts": "1799999999.000100",
        }
    )
    [call] = await slack_api.wait_for("chat.postMessage")
    assert call.params == echo_message("C0NEWS001", "/story 2", thread_ts="1799999999.000100")


async def test_direct_message_is_a_private_command(bot, slack_api):
    await bot.slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "user": "U0ALICE01",
            "text": "search <https://example.com/a|example.com/a>",
            "channel": "D0ALICE01",
            "ts": "1799999999.000300",
        }
    )
    [call] = await slack_api.wait_for("chat.postMessage")
    assert call.params == echo_message("D0ALICE01", "/search example.com/a")
    assert bot.seen == [incoming("D0ALICE01", "U0ALICE01", "/search example.com/a", private=True)]


async def test_bot_messages_and_edits_are_not_commands(bot, slack_api):
    ignored = [
        {"type": "message", "channel_type": "im", "bot_id": BOT_ID, "user": BOT_USER},
        {"type": "message", "channel_type": "im", "subtype": "message_changed"},
        {"type": "message", "channel_type": "channel", "user": "U0ALICE01"},
    ]
    for event in ignored:
        status, _ = await bot.slack.event(
            {"channel": "D0ALICE01", "text": "digest", "ts": "1.0", **event}
        )
        assert status == 200
    await bot.slack.event(
        {"type": "message", "channel_type": "im", "user": "U0ALICE01", "channel": "D0ALICE01",
         "text": "help", "ts": "2.0"}
    )  # fmt: skip

    await slack_api.wait_for("chat.postMessage")
    assert [incoming.text for incoming in bot.seen] == ["/help"]


async def test_a_redelivered_event_is_answered_once(bot, slack_api):
    mention = {"type": "app_mention", "user": "U0BOB0001", "channel": "C0NEWS001", "ts": "1.0"}
    await bot.slack.event({**mention, "text": f"<@{BOT_USER}> digest"}, event_id="Ev42")
    await bot.slack.event({**mention, "text": f"<@{BOT_USER}> digest"}, event_id="Ev42")
    await bot.slack.event({**mention, "text": f"<@{BOT_USER}> sources"}, event_id="Ev43")

    await slack_api.wait_for("chat.postMessage", count=2)
    assert [incoming.text for incoming in bot.seen] == ["/digest", "/sources"]


async def test_url_verification_challenge_is_answered(bot):
    body = json.dumps({"token": "legacy", "challenge": "c-123", "type": "url_verification"})
    status, answer = await bot.slack.post(body, "application/json")
    assert status == 200
    assert json.loads(answer) == {"challenge": "c-123"}


@pytest.mark.parametrize(
    ("signed", "age", "why"),
    [(False, 0, "unsigned"), (True, 301, "stale: over five minutes old")],
)
async def test_unsigned_or_stale_requests_are_rejected(bot, slack_api, signed, age, why):
    status, body = await bot.slack.slash_command("digest", signed=signed, age=age)

    assert status == 401, why
    assert json.loads(body) == {"error": "invalid request signature"}
    assert bot.seen == []


async def test_a_request_signed_with_another_secret_is_rejected(bot, slack_api):
    bot.slack.signing_secret = "not-the-secret"
    status, _ = await bot.slack.event({"type": "app_mention", "user": "U1", "channel": "C1"})
    assert status == 401
    assert bot.seen == []


def test_the_fake_signs_exactly_like_slack_sdk():
    body = "command=%2Fbrief&text=who+Witkoff"
    sender = SlackSender("http://unused", SECRET)
    verifier = SignatureVerifier(SECRET, FixedClock())
    signature = sender.sign(body, int(NOW))
    assert signature == verifier.generate_signature(timestamp=str(int(NOW)), body=body)
    assert verifier.is_valid(body, str(int(NOW)), signature)


async def test_a_request_four_minutes_old_is_still_accepted(bot, slack_api):
    status, _ = await bot.slack.slash_command("digest", age=240)
    assert status == 200
    await slack_api.wait_for("chat.postMessage")


async def test_a_failing_command_tells_the_user(bot, slack_api):
    bot.fail = True
    await bot.slack.slash_command("digest")
    [call] = await slack_api.wait_for("chat.postMessage")
    assert call.params["text"] == "Sorry, that command failed. The error has been logged."


async def test_slash_command_where_the_bot_is_not_a_member_is_answered_privately(bot, slack_api):
    slack_api.fail_next("chat.postMessage", error="not_in_channel")

    await bot.slack.slash_command("digest", response_url=slack_api.response_url("h1"))

    [call] = await slack_api.wait_for("response_url:h1")
    message = echo_message("C0NEWS001", "/digest", response_type="ephemeral")
    del message["channel"]
    assert call.params == {**message, "replace_original": False}


async def test_answer_waits_once_for_a_short_rate_limit(slack_api):
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    running = await start_bot(slack_api, sleep=sleep)
    try:
        slack_api.fail_next("chat.postMessage", status=429, retry_after=3)
        await running.slack.slash_command("digest")
        calls = await slack_api.wait_for("chat.postMessage", count=2)
    finally:
        await running.adapter.stop()
    assert waits == [3.0]
    assert calls[0].params == calls[1].params == echo_message("C0NEWS001", "/digest")


async def test_channels_outside_allowed_chats_are_refused(slack_api):
    running = await start_bot(slack_api, allowed_chats=["slack:C0NEWS001"])
    try:
        status, body = await running.slack.slash_command("digest", channel_id="C0OTHER01")
        assert status == 200
        assert "does not serve this channel" in body
        await running.slack.slash_command("digest", channel_id="C0NEWS001")
        [call] = await slack_api.wait_for("chat.postMessage")
    finally:
        await running.adapter.stop()
    assert call.params["channel"] == "C0NEWS001"
    assert [incoming.chat.chat_id for incoming in running.seen] == ["C0NEWS001"]


async def test_a_long_digest_arrives_as_several_messages_in_order(bot, slack_api):
    blocks = []
    for number in range(1, 41):
        blocks += [Heading(text(f"{number}. Story <{number}>")), paragraph("Key point & " * 400)]
    bot.reply = Reply(tuple(blocks))

    await bot.slack.slash_command("digest")

    await slack_api.wait_for("chat.postMessage", count=3)
    await bot.adapter.stop()  # lets the answer finish
    calls = slack_api.of("chat.postMessage")
    assert all(call.params["channel"] == "C0NEWS001" for call in calls)
    assert all(len(call.params["blocks"]) <= 50 for call in calls)
    blocks = [block for call in calls for block in call.params["blocks"]]
    assert all(utf16_len(block["text"]["text"]) <= 3000 for block in blocks)
    titles = [block["text"]["text"] for block in blocks if block["type"] == "header"]
    assert titles == [f"{number}. Story <{number}>" for number in range(1, 41)]
    body = "".join(block["text"]["text"] for block in blocks if block["type"] == "section")
    assert body == "Key point &amp; " * 400 * 40
