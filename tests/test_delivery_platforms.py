"""Delivery through the real Telegram and Slack adapters to the fake servers (virtual clock)."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from delivery_doubles import TopicService, World, story, world_fixture  # noqa: F401
from fakes.slack_api import FakeSlackApi
from fakes.telegram_api import TOKEN, FakeTelegram
from sqlalchemy import select

from bot.adapters.slack.adapter import SlackAdapter
from bot.adapters.telegram.adapter import TelegramAdapter
from bot.chat import ChatRef
from bot.delivery import Dispatcher, RateLimiter, RetryPolicy
from bot.document import paragraph, reply
from bot.scheduler import DigestPlanner
from bot.storage.tables import OutboxRow

TG = ChatRef("telegram", "42")
SLACK = ChatRef("slack", "C0NEWS")


@pytest.fixture
async def wired(world: World, telegram: FakeTelegram, slack_api: FakeSlackApi):  # type: ignore[no-untyped-def]
    telegram_adapter = TelegramAdapter(TOKEN, api_url=telegram.base_url)
    slack = SlackAdapter(
        bot_token="xoxb-test", api_url=slack_api.base_url, mode="http", signing_secret="s"
    )
    world.dispatcher = Dispatcher(
        world.outbox,
        {"telegram": telegram_adapter, "slack": slack},
        limiter=RateLimiter(timer=world.timer),
        policy=RetryPolicy(random=lambda: 0.5),
        pause=world.book.pause,
    )
    yield world, telegram, slack_api
    await telegram_adapter.application.shutdown()


def plan(world: World, chat: ChatRef, texts: list[str], key: str) -> None:
    sub = world.book.subscribe(chat)
    adapter = world.dispatcher.adapters[chat.platform]
    payloads = [p for t in texts for p in adapter.render(reply(paragraph(t)))]
    world.outbox.plan(key=key, subscription_id=sub.id, kind="digest", payloads=payloads)


async def test_telegram_429_then_502_then_delivered(wired) -> None:  # type: ignore[no-untyped-def]
    world, telegram_api, _ = wired
    telegram_api.fail_next(
        "sendMessage", status=429, description="Too Many Requests: retry after 5", retry_after=5
    )
    telegram_api.fail_next("sendMessage", status=502, description="Bad Gateway")
    plan(world, TG, ["first", "second"], "d1")
    report = await world.dispatcher.run_pass()
    assert report.sent == 2 and report.retries == 2
    assert [c["text"] for c in telegram_api.calls("sendMessage")] == [
        "first",
        "first",
        "first",
        "second",
    ]  # two failed tries, then each part exactly once
    assert world.timer.now() >= 5.0  # Telegram's retry_after was waited out (virtual time)


async def test_slack_rate_limit_and_server_error(wired) -> None:  # type: ignore[no-untyped-def]
    world, _, slack_api = wired
    slack_api.fail_next("chat.postMessage", status=429, retry_after=2)
    slack_api.fail_next("chat.postMessage", status=500)
    plan(world, SLACK, ["morning digest"], "d2")
    report = await world.dispatcher.run_pass()
    assert report.sent == 1 and report.retries == 2
    posts = slack_api.of("chat.postMessage")
    assert len(posts) == 3 and posts[-1].params["channel"] == "C0NEWS"
    assert world.outbox.counts() == {"sent": 1}


async def test_blocked_bot_pauses_the_telegram_subscription(wired) -> None:  # type: ignore[no-untyped-def]
    world, telegram_api, _ = wired
    telegram_api.fail_next(
        "sendMessage", status=403, description="Forbidden: bot was blocked by the user"
    )
    plan(world, TG, ["first", "second"], "d3")
    report = await world.dispatcher.run_pass()
    assert report.failed == 1 and report.sent == 0
    sub = world.book.get(TG)
    assert sub is not None and sub.paused_reason is not None
    assert "blocked by the user" in sub.paused_reason
    assert len(telegram_api.calls("sendMessage")) == 1  # nothing more was tried


async def test_slack_archived_channel_pauses_the_subscription(wired) -> None:  # type: ignore[no-untyped-def]
    world, _, slack_api = wired
    slack_api.fail_next("chat.postMessage", error="is_archived")
    plan(world, SLACK, ["digest"], "d4")
    await world.dispatcher.run_pass()
    assert "is_archived" in (world.book.get(SLACK).paused_reason or "")  # type: ignore[union-attr]


async def test_scheduled_slack_digest_hints_the_slack_command(wired) -> None:  # type: ignore[no-untyped-def]
    world, _, slack_api = wired
    service = TopicService(stories=(story(7, "Central bank holds rates", "Daily Two"),))
    subscription = world.book.subscribe(SLACK)
    slot = world.timer.clock()
    planner = DigestPlanner(
        service,
        world.book,
        world.outbox,
        world.dispatcher.adapters,
        clock=world.timer.clock,
        grace=timedelta(hours=2),
    )
    assert await planner.plan(subscription, slot) == "planned"
    await world.dispatcher.run_pass()
    [post] = slack_api.of("chat.postMessage")
    assert (
        post.params["blocks"][-1]["text"]["text"] == "_1 outlet: Daily Two_ · more: /brief story 1"
    )
    assert post.params["text"].endswith("· more: /brief story 1")  # what notifications show
    assert world.book.story_at(SLACK, 1) == 7  # and "/brief story 1" opens this story


def outbox_errors(world: World) -> list[str | None]:
    with world.store.session() as session:
        return list(session.scalars(select(OutboxRow.last_error).order_by(OutboxRow.id)))


async def test_a_message_slack_refuses_is_parked_and_the_rest_goes_out(wired, caplog) -> None:  # type: ignore[no-untyped-def]
    world, _, slack_api = wired
    slack_api.fail_next("chat.postMessage", error="invalid_blocks")
    plan(world, SLACK, ["part 1", "part 2", "part 3"], "d5")
    with caplog.at_level(logging.ERROR):
        report = await world.dispatcher.run_pass()
    assert (report.sent, report.dropped, report.retries, report.paused) == (2, 1, 0, [])
    assert "invalid_blocks" in caplog.text  # logged for the operator
    assert outbox_errors(world) == ["Slack refused the message: invalid_blocks", None, None]
    assert world.book.get(SLACK).sending  # type: ignore[union-attr]  (not paused)
    world.timer.advance(3600)
    await world.dispatcher.run_pass()
    assert len(slack_api.of("chat.postMessage")) == 3  # tried once, never again
    assert world.outbox.counts() == {"failed": 1, "sent": 2}


async def test_a_message_telegram_cannot_parse_is_parked_not_retried(wired) -> None:  # type: ignore[no-untyped-def]
    """Refused as HTML and as plain text too: dropped with the reason, never retried."""
    world, telegram_api, _ = wired
    telegram_api.fail_next(
        "sendMessage",
        status=400,
        description="Bad Request: can't parse entities: at byte 12",
        count=2,
    )
    plan(world, TG, ["first", "second"], "d6")
    report = await world.dispatcher.run_pass()
    world.timer.advance(3600)
    await world.dispatcher.run_pass()
    assert (report.sent, report.dropped, report.retries) == (1, 1, 0)
    sent = [c["text"] for c in telegram_api.calls("sendMessage")]
    assert sent == ["first", "first", "second"]  # HTML, then plain, then the next part
    assert (
        outbox_errors(world)[0] == "Telegram refused the message: Can't parse entities: at byte 12"
    )
    assert world.book.get(TG).paused_reason is None  # type: ignore[union-attr]


async def test_a_part_telegram_refuses_as_html_is_delivered_as_plain_text(wired) -> None:  # type: ignore[no-untyped-def]
    """Before: one "can't parse entities" answer dropped the digest part for good."""
    world, telegram_api, _ = wired
    telegram_api.fail_next(
        "sendMessage", status=400, description="Bad Request: can't parse entities: at byte 12"
    )
    plan(world, TG, ["first", "second"], "d7")
    report = await world.dispatcher.run_pass()
    assert (report.sent, report.dropped, report.retries) == (2, 0, 0)
    calls = telegram_api.calls("sendMessage")
    assert [(c["text"], c.get("parse_mode")) for c in calls] == [
        ("first", "HTML"),
        ("first", None),
        ("second", "HTML"),
    ]
