"""A Slack slash command replayed runs once; a digest never says "0 outlets:".

Before: the same signed slash command posted again within the five minutes its timestamp is
accepted ran again (another answer in the channel, another subscription change); a story
whose articles name no outlet ended with "0 outlets: · more: /story 1".
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import aiohttp
from test_slack_http import NOW, start_bot

from bot.subscriptions import SubscriptionBook
from summarizer.briefing import KeyPoint
from tests.fakes.service import NOW as SERVICE_NOW
from tests.fakes.service import FakeService
from tests.fakes.slack_api import TEAM, FakeSlackApi
from tests.fakes.testbot import TestBot


async def post(url: str, body: str, headers: dict[str, str]) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=body.encode(), headers=headers) as response,
    ):
        return response.status, await response.text()


async def test_a_replayed_slash_command_runs_once(slack_api: FakeSlackApi) -> None:
    running = await start_bot(slack_api)
    body = urlencode(
        {
            "team_id": TEAM,
            "channel_id": "C0NEWS001",
            "channel_name": "news",
            "user_id": "U0ALICE01",
            "command": "/brief",
            "text": "unsubscribe",
            "response_url": "http://127.0.0.1:9/unused",
            "trigger_id": "13345224609.738474920.8088930838d88f008e0",
        }
    )
    timestamp = int(NOW) - 60  # a minute old: still accepted
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": running.slack.sign(body, timestamp),
    }
    try:
        first = await post(running.slack.url, body, headers)
        await slack_api.wait_for("chat.postMessage")
        again = await post(running.slack.url, body, headers)
        fresh = await running.slack.slash_command("unsubscribe")  # a new request still runs
        await slack_api.wait_for("chat.postMessage", count=2)
    finally:
        await running.adapter.stop()
    assert first == (200, "Working on it…")
    assert again == (200, "")
    assert fresh == (200, "Working on it…")
    assert [incoming.text for incoming in running.seen] == ["/unsubscribe", "/unsubscribe"]
    assert len(slack_api.of("chat.postMessage")) == 2


def test_a_digest_story_without_outlets_says_no_outlet_count(
    service: FakeService, book: SubscriptionBook
) -> None:
    unattributed = replace(
        service.stories[1],
        outlets=[],
        points=[KeyPoint("Rates were held at 4%.", None, 99)],
    )
    service.stories = (service.stories[0], unattributed)
    shown = TestBot(service, book, clock=lambda: SERVICE_NOW).exec("/digest")
    assert "0 outlets" not in shown
    assert "2 outlets: Wire One, Daily Two · more: /story 1" in shown
    last = "2. Central bank holds rates\n• Rates were held at 4%. — unattributed source"
    assert shown.endswith(last + "\n\nmore: /story 2")
