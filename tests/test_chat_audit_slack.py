"""Chat audit, Slack: hostile article text, mentions, long replies and a garbled API answer,
with the real Bolt adapter in HTTP mode against the fake Web API (which refuses what Slack
refuses: more than 50 blocks, an empty or over-long section)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.slack_response import SlackResponse

from bot.adapters.base import PermanentError, RetryLater, TransientError
from bot.adapters.slack import SlackAdapter
from bot.adapters.slack.adapter import _surely_not_posted
from bot.adapters.slack.errors import UNREADABLE, delivery_error
from bot.chat import ChatRef
from bot.commands import CommandCore
from bot.subscriptions import SubscriptionBook
from summarizer.people.answer import Cited
from tests.fakes import service as fake_service
from tests.fakes.service import NOW, T0, WITKOFF, FakeService, article
from tests.fakes.slack_api import FakeSlackApi, SlackSender
from tests.fakes.slack_rules import refusal

SECRET = "audit-signing-secret"
CHANNEL = "C0NEWS001"
HOSTILE = "<!channel> @here @channel <@U0BOSS01> <#C0GENERAL> #general *b* _i_ `t` ~s~ a|b & &amp; "
URL = "https://news.example/a?id=1&lang=en|x>y"


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
async def slack(
    slack_api: FakeSlackApi, book: SubscriptionBook, service: FakeService, sleeps: list[float]
) -> AsyncIterator[SlackSender]:
    """The real command core behind a Slack adapter in HTTP mode; its waits are recorded."""

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    adapter = SlackAdapter(
        bot_token="xoxb-test-token",
        api_url=slack_api.base_url,
        mode="http",
        signing_secret=SECRET,
        port=0,
        sleep=sleep,
    )
    await adapter.start(CommandCore(service, book, clock=lambda: NOW).handler_for(adapter))
    assert adapter.server is not None
    try:
        yield SlackSender(adapter.server.url, SECRET)
    finally:
        await adapter.stop()


def sections(params: dict[str, Any]) -> list[dict[str, Any]]:
    return [block for block in params["blocks"] if block["type"] == "section"]


def mrkdwn(params: dict[str, Any]) -> str:
    return "\n".join(block["text"]["text"] for block in params["blocks"])


async def posted(slack_api: FakeSlackApi, count: int = 1) -> list[dict[str, Any]]:
    return [call.params for call in await slack_api.wait_for("chat.postMessage", count)]


async def test_article_text_can_neither_mention_nor_link_nor_break_blocks(
    slack: SlackSender,
    slack_api: FakeSlackApi,
    service: FakeService,
    book: SubscriptionBook,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(fake_service.ARTICLES, 1, article(1, HOSTILE, "Wire <One>", URL))
    story = service.stories[0]
    points = [replace(p, text=HOSTILE + p.text) for p in story.points]
    service.stories = (replace(story, headline=HOSTILE, points=points),)
    book.remember_digest(ChatRef("slack", CHANNEL), [story.id])
    await slack.slash_command("story 1", channel_id=CHANNEL)
    [message] = await posted(slack_api)
    assert refusal(message) is None
    header = message["blocks"][0]  # plain text: Slack parses no markup in it
    assert header["text"] == {"type": "plain_text", "text": HOSTILE.strip(), "emoji": True}
    text = "\n".join(block["text"]["text"] for block in sections(message))
    assert "<!" not in text and "<@" not in text and "<#" not in text, "no mention markup"
    assert "<!" not in message["text"], "nor in the notification text"
    assert text.count("&lt;!channel&gt; @here @channel") == 3, "2 points, coverage"
    # Before: sections had no "verbatim", so Slack may turn a plain @here or #general from
    # an article into a real mention or channel link.
    assert all(block["text"]["verbatim"] is True for block in sections(message))
    assert "_<https://news.example/a?id=1&amp;lang=en%7Cx%3Ey|Wire One>_" in text


async def test_a_query_typed_with_a_mention_is_echoed_without_pinging(
    slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    await slack.slash_command("search <!channel> <!here>", channel_id=CHANNEL)
    [message] = await posted(slack_api)
    assert message["blocks"] == [
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "No articles match *@channel @here*.",
                "verbatim": True,
            },
        }
    ]


async def test_a_who_with_many_long_quotes_is_split_into_messages_slack_accepts(
    slack: SlackSender, slack_api: FakeSlackApi, service: FakeService
) -> None:
    quote = "We will keep talking until there is a deal, and then we'll talk more. " * 30
    quotes = [
        Cited(f"{n}: {quote}", "Daily Two", 2, T0, "https://two.example/a2") for n in range(70)
    ]
    service.people = [replace(WITKOFF, quotes=quotes)]
    await slack.slash_command("who Witkoff", channel_id=CHANNEL)
    # 70 quotes of ~2,100 characters: one section each, more than 50 blocks in all.
    await slack_api.wait_for("chat.postMessage", 2)
    await slack.slash_command("sources", channel_id=CHANNEL)  # answered after the /who parts
    messages = [call.params for call in await slack_api.wait_for("chat.postMessage", 3)]
    who = [m for m in messages if "Steve Witkoff" in mrkdwn(m) or "We will keep" in mrkdwn(m)]
    assert len(who) == 2 and all(refusal(m) is None for m in who)
    shown = "\n".join(mrkdwn(m) for m in who)
    at = [shown.index(f"• “{n}: We will") for n in range(70)]
    assert at == sorted(at), "every quote, once, in order"


async def test_an_empty_slash_command_answers_with_the_help(
    slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    status, ack = await slack.slash_command("   ", channel_id=CHANNEL)
    [message] = await posted(slack_api)
    assert (status, ack) == (200, "Working on it…")
    assert mrkdwn(message).startswith("Commands\n• `/brief digest` — today's top stories")


async def test_a_garbled_api_answer_is_logged_clearly_and_not_sent_again(
    slack: SlackSender, slack_api: FakeSlackApi, caplog: pytest.LogCaptureFixture
) -> None:
    slack_api.fail_next("chat.postMessage", status=200, body="<html>proxy error</html>")
    with caplog.at_level(logging.WARNING):
        await slack.slash_command("sources", channel_id=CHANNEL)
        await slack_api.wait_for("chat.postMessage")
        await slack.slash_command("help", channel_id=CHANNEL)
        await slack_api.wait_for("chat.postMessage", 2)
    # Before: slack_sdk's AttributeError escaped send() (the outbox would retry: a double post).
    assert "Slack's answer was unreadable (not JSON); the message may have been" in caplog.text
    assert len(slack_api.of("chat.postMessage")) == 2, "the /sources answer was not resent"


def test_an_unreadable_answer_is_not_a_refusal() -> None:
    response = SlackResponse(
        client=None,
        http_verb="POST",
        api_url="chat.postMessage",
        req_args={},
        data={},
        headers={},
        status_code=200,
    )
    error = delivery_error(SlackApiError("unreadable", response))
    # Before: "Slack refused the message: HTTP 200", though it may well have been posted.
    assert str(error) == f"{UNREADABLE} (HTTP 200)"


@pytest.mark.parametrize(
    ("failures", "waits"),
    [([(429, 120)], []), ([(500, None), (503, None)], [1.0])],
    ids=["long-rate-limit", "two-server-errors"],
)
async def test_a_slash_command_slack_will_not_post_now_is_answered_privately(
    slack: SlackSender,
    slack_api: FakeSlackApi,
    sleeps: list[float],
    failures: list[tuple[int, int | None]],
    waits: list[float],
) -> None:
    for status, retry_after in failures:
        slack_api.fail_next("chat.postMessage", status=status, retry_after=retry_after)
    await slack.slash_command(
        "sources", channel_id=CHANNEL, response_url=slack_api.response_url("h1")
    )
    [call] = await slack_api.wait_for("response_url:h1")
    # Before: the answer was dropped; the user saw only "Working on it…".
    assert call.params["response_type"] == "ephemeral"
    assert mrkdwn(call.params).startswith("2 outlets, 3 articles\n• *Daily Two*: 2 articles")
    assert len(slack_api.of("chat.postMessage")) == len(failures), "not posted publicly too"
    assert sleeps == waits, "a long rate limit is not waited for"


async def test_a_mention_answered_after_one_server_error(
    slack: SlackSender, slack_api: FakeSlackApi, sleeps: list[float]
) -> None:
    slack_api.fail_next("chat.postMessage", status=500)
    await slack.event(
        {
            "type": "app_mention",
            "channel": CHANNEL,
            "user": "U0ALICE01",
            "text": "<@UBOT0001> sources",
            "ts": "1.2",
        }
    )
    first, again = await slack_api.wait_for("chat.postMessage", 2)
    # Before: a 500 lost the answer to a mention or a DM.
    assert sleeps == [1.0] and first.params == again.params


def test_after_a_lost_connection_no_private_copy_is_sent() -> None:
    lost = TransientError("cannot reach Slack")
    lost.__cause__ = OSError("connection reset")
    answered = TransientError("Slack answered HTTP 503")
    answered.__cause__ = SlackApiError("503", None)
    assert not _surely_not_posted(lost), "it may have been posted: a copy could say it twice"
    assert _surely_not_posted(answered)
    assert _surely_not_posted(RetryLater(120)) and _surely_not_posted(PermanentError("gone"))


async def test_slack_retries_of_an_event_are_not_answered_twice(
    slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    dm = {"type": "message", "channel_type": "im", "channel": "D0ALICE01", "user": "U0ALICE01"}
    await slack.event({**dm, "text": "sources", "ts": "1.1"}, event_id="Ev1")
    for attempt in (1, 2):
        status, _ = await slack.event(
            {**dm, "text": "sources", "ts": "1.1"}, event_id="Ev1", retry=attempt
        )
        assert status == 200, "acknowledged, so Slack stops retrying"
    await slack.event({**dm, "text": "help", "ts": "1.2"}, event_id="Ev2")
    calls = await slack_api.wait_for("chat.postMessage", 2)
    await slack.event({**dm, "text": "digest", "ts": "1.3"}, event_id="Ev3")
    calls = await slack_api.wait_for("chat.postMessage", 3)
    assert sorted(mrkdwn(c.params).split("\n")[0] for c in calls) == [
        "2 outlets, 3 articles",
        "Commands",
        "Top stories since Sun 01 Mar, 09:00 UTC",
    ]
