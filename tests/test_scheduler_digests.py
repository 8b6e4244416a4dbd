"""Daily digests: built from the subscription's settings, once per slot, missed slots caught up."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta

import pytest
from delivery_doubles import TopicService, World, planner, story, world_fixture  # noqa: F401
from fakes.testbot import TestBot
from sqlalchemy import select

from bot.chat import ChatRef
from bot.storage.tables import DeliveryRow

CHAT = ChatRef("telegram", "42")
SLOT = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)  # 08:00 in Berlin (CET)


def at(world: World, moment: datetime) -> None:
    world.timer.advance((moment - world.timer.clock()).total_seconds())


@pytest.fixture
def service() -> TopicService:
    return TopicService(
        stories=(
            story(1, "Envoy arrives for truce talks", "Wire One", "Daily Two", rank=1),
            story(2, "Central bank holds rates", "Daily Two", rank=2),
            story(3, "Bank strike ends", "Wire One", rank=3),
        )
    )


async def test_digest_at_its_slot_once(world: World, service: TopicService) -> None:
    world.book.subscribe(CHAT)  # 08:00, the book's default zone Europe/Berlin
    at(world, SLOT)
    sub = world.book.get(CHAT)
    assert await planner(world, service).due_now(sub) == "planned"  # type: ignore[arg-type]
    assert await planner(world, service).due_now(sub) == "already planned"  # type: ignore[arg-type]
    await world.dispatcher.run_pass()
    texts = world.adapter.texts()
    assert texts[0].startswith("Top stories since")
    assert any("Envoy arrives" in t for t in texts)
    assert world.book.story_at(CHAT, 1) == 1  # "/story 1" refers to this digest


async def test_topics_and_max_stories_shape_the_digest(world: World, service) -> None:  # type: ignore[no-untyped-def]
    world.book.subscribe(CHAT, topics=["bank"])
    sub = world.book.update(CHAT, max_stories=1)
    at(world, SLOT)
    await planner(world, service).due_now(sub)
    await world.dispatcher.run_pass()
    text = "\n".join(world.adapter.texts())
    assert "Central bank holds rates" in text
    assert "Bank strike" not in text and "Envoy" not in text
    assert ("digest", (), {"since": SLOT - timedelta(hours=24), "limit": 1, "topic": "bank"}) in (
        service.calls
    )


async def test_a_chat_that_asked_for_more_points_gets_them_in_its_scheduled_digest(
    world: World,
) -> None:
    """The short default shows a story's strongest points (two at most); after
    ``/settings points 3`` the next digest shows three."""
    long = TopicService(stories=(story(1, "Envoy arrives", "Wire One", "Daily Two", "Post"),))
    world.book.subscribe(CHAT)
    at(world, SLOT)
    await planner(world, long).due_now(world.book.get(CHAT))  # type: ignore[arg-type]
    await world.dispatcher.run_pass()
    first = "\n".join(world.adapter.texts())
    assert "Envoy arrives, says Daily Two." in first and "says Post." not in first
    assert "more: /story 1" in first
    sub = world.book.update(CHAT, points=3)
    at(world, SLOT + timedelta(days=1))
    await planner(world, long).due_now(sub)
    await world.dispatcher.run_pass()
    assert "Envoy arrives, says Post." in "\n".join(world.adapter.texts())


async def test_next_digest_covers_the_period_since_the_last(world: World, service) -> None:  # type: ignore[no-untyped-def]
    world.book.subscribe(CHAT)
    at(world, SLOT)
    await planner(world, service).due_now(world.book.get(CHAT))  # type: ignore[arg-type]
    at(world, SLOT + timedelta(days=1))
    service.calls.clear()
    await planner(world, service).due_now(world.book.get(CHAT))  # type: ignore[arg-type]
    assert service.calls[0][2]["since"] == SLOT


async def test_quiet_day_is_skipped_or_noticed(world: World) -> None:
    empty = TopicService(stories=())
    world.book.subscribe(CHAT)
    at(world, SLOT)
    assert await planner(world, empty).due_now(world.book.get(CHAT)) == "quiet day skipped"  # type: ignore[arg-type]
    await world.dispatcher.run_pass()
    assert world.adapter.sent == []

    world.book.update(CHAT, quiet_days="notice")
    at(world, SLOT + timedelta(days=1))
    assert await planner(world, empty).due_now(world.book.get(CHAT)) == "planned"  # type: ignore[arg-type]
    await world.dispatcher.run_pass()
    assert world.adapter.texts() == ["No new stories since Tue 03 Mar, 08:00 CET."]


async def test_missed_slot_within_grace_is_delivered_at_start_up(world, service) -> None:  # type: ignore[no-untyped-def]
    world.book.subscribe(CHAT)
    at(world, SLOT + timedelta(minutes=90))  # the bot was down at 08:00, back at 09:30
    assert await planner(world, service).catch_up() == {"planned": 1, "skipped": 0}
    await world.dispatcher.run_pass()
    assert world.adapter.texts()[0].startswith("Top stories since")
    assert await planner(world, service).catch_up() == {"planned": 0, "skipped": 0}


async def test_missed_slot_beyond_grace_is_logged_as_skipped(world, service, caplog) -> None:  # type: ignore[no-untyped-def]
    world.book.subscribe(CHAT)
    at(world, SLOT + timedelta(hours=3))
    with caplog.at_level(logging.WARNING):
        assert await planner(world, service).catch_up() == {"planned": 0, "skipped": 1}
    assert "skipped 2026-03-03 07:00 UTC slot (missed by 180 min" in caplog.text
    await world.dispatcher.run_pass()
    assert world.adapter.sent == []
    assert await planner(world, service).catch_up() == {"planned": 0, "skipped": 0}


async def test_new_subscription_has_no_missed_slot(world: World, service) -> None:  # type: ignore[no-untyped-def]
    at(world, SLOT + timedelta(minutes=30))
    world.book.subscribe(CHAT, send_at=time(8, 0))  # subscribed at 08:30, after today's slot
    assert await planner(world, service).catch_up() == {"planned": 0, "skipped": 0}


async def test_one_digest_each_day_across_the_spring_dst_change(world: World, service) -> None:  # type: ignore[no-untyped-def]
    world.book.subscribe(CHAT)  # 08:00 Europe/Berlin
    for fire in (datetime(2026, 3, 28, 7, tzinfo=UTC), datetime(2026, 3, 29, 6, tzinfo=UTC)):
        at(world, fire)  # when the cron trigger fires (see test_scheduler_slots)
        assert await planner(world, service).due_now(world.book.get(CHAT)) == "planned"  # type: ignore[arg-type]
    with world.store.session() as session:
        keys = list(session.scalars(select(DeliveryRow.key).order_by(DeliveryRow.id)))
    assert keys == ["digest:1:2026-03-28T07:00Z", "digest:1:2026-03-29T06:00Z"]
    await world.dispatcher.run_pass()
    assert sum(t.startswith("Top stories") for t in world.adapter.texts()) == 2


async def test_several_topic_words_are_merged_best_first(world: World, service) -> None:  # type: ignore[no-untyped-def]
    world.book.subscribe(CHAT, topics=["bank", "envoy"])
    at(world, SLOT)
    await planner(world, service).due_now(world.book.get(CHAT))  # type: ignore[arg-type]
    await world.dispatcher.run_pass()
    headlines = [t for t in world.adapter.texts() if t[:2] in ("1.", "2.", "3.", "4.")]
    # Each word's matches ranked 1, 2 ...; ties keep the order the words were given.
    assert headlines == [
        "1. Central bank holds rates",
        "2. Envoy arrives for truce talks",
        "3. Bank strike ends",
    ]


async def test_digest_command_picks_the_same_stories_as_the_scheduled_digest(
    world: World, service: TopicService
) -> None:
    """Both ask once per topic word and merge; no headline holds "bank envoy" as one string."""
    world.book.subscribe(CHAT, topics=["bank", "envoy"])
    world.book.update(CHAT, max_stories=2)
    at(world, SLOT)  # "now" for /digest is the slot: both cover the same 24 hours
    testbot = TestBot(service, world.book, chat=CHAT, clock=world.timer.clock)

    answer = await testbot.ask("/digest")
    asked = [world.book.story_at(CHAT, n) for n in (1, 2, 3)]
    await planner(world, service).due_now(world.book.get(CHAT))  # type: ignore[arg-type]
    scheduled = [world.book.story_at(CHAT, n) for n in (1, 2, 3)]

    assert asked == scheduled == [2, 1, None]  # bank's best, then envoy's; at most 2
    assert answer.startswith("Top stories about bank, envoy since Mon 02 Mar, 08:00 CET")
    assert [call[2]["topic"] for call in service.calls] == ["bank", "envoy"] * 2
