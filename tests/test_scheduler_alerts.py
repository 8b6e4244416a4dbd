"""Alerts: a story reaching N outlets, or a new story on a topic, is posted once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from delivery_doubles import TopicService, World, story, world_fixture  # noqa: F401

from bot.chat import ChatRef
from bot.scheduler import AlertWatcher

ALERTS = ChatRef("telegram", "42")
QUIET = ChatRef("telegram", "43")
TOPICAL = ChatRef("telegram", "44")


async def inline(function: Any, *args: Any, **kwargs: Any) -> Any:
    return function(*args, **kwargs)


def watcher(world: World, service: TopicService) -> AlertWatcher:
    return AlertWatcher(
        service,
        world.book,
        world.outbox,
        {"telegram": world.adapter},
        min_outlets=3,
        run_blocking=inline,
    )


async def test_story_reaching_three_outlets_is_alerted_once(world: World) -> None:
    world.book.subscribe(ALERTS)
    world.book.update(ALERTS, alerts=True)
    world.book.subscribe(QUIET)  # alerts off: hears nothing
    service = TopicService(stories=(story(1, "Envoy arrives", "Wire One", "Daily Two"),))
    alerts = watcher(world, service)
    assert await alerts.check() == 0  # the first look is only a baseline

    service.stories = (story(1, "Envoy arrives", "Wire One", "Daily Two", "Third Post"),)
    assert await alerts.check() == 1
    assert await alerts.check() == 0
    assert await watcher(world, service).check() == 0  # after a restart: baseline, no repeat
    await world.dispatcher.run_pass()

    texts = world.adapter.texts(ALERTS)
    assert texts[:2] == ["Alert: now reported by 3 outlets", "Envoy arrives"]
    assert world.adapter.texts(QUIET) == []

    # Even if the story dropped below and rose again, the alert is recorded and not resent.
    service.stories = (story(1, "Envoy arrives", "Wire One"),)
    await alerts.check()
    service.stories = (story(1, "Envoy arrives", "Wire One", "Daily Two", "Third Post"),)
    assert await alerts.check() == 0


async def test_new_story_on_a_topic_is_alerted(world: World) -> None:
    world.book.subscribe(TOPICAL, topics=["bank"])
    world.book.update(TOPICAL, alerts=True)
    service = TopicService(stories=(story(1, "Envoy arrives", "Wire One"),))
    alerts = watcher(world, service)
    await alerts.check()
    service.stories = (
        story(1, "Envoy arrives", "Wire One"),
        story(2, "Central bank holds rates", "Daily Two"),
        story(3, "Storm nears coast", "Wire One"),
    )
    assert await alerts.check() == 1
    await world.dispatcher.run_pass()
    assert world.adapter.texts(TOPICAL)[:2] == [
        "Alert: new story about bank",
        "Central bank holds rates",
    ]


async def test_paused_subscription_gets_no_alerts(world: World) -> None:
    sub = world.book.subscribe(ALERTS)
    world.book.update(ALERTS, alerts=True)
    world.book.pause(sub.id, "chat not found")
    service = TopicService(stories=())
    alerts = watcher(world, service)
    await alerts.check()
    service.stories = (story(1, "Envoy arrives", "A", "B", "C"),)
    assert await alerts.check() == 0


async def test_later_looks_ask_only_for_changed_stories(world: World) -> None:
    service = TopicService(stories=(story(1, "Envoy arrives", "Wire One"),))
    alerts = AlertWatcher(
        service,
        world.book,
        world.outbox,
        {"telegram": world.adapter},
        min_outlets=3,
        clock=world.timer.clock,
        run_blocking=inline,
    )
    first = world.timer.clock()
    await alerts.check()  # baseline of the top stories
    world.timer.advance(60)
    assert await alerts.check() == 0  # nobody has alerts on: the service is not asked
    world.book.subscribe(ALERTS)
    world.book.update(ALERTS, alerts=True)
    world.timer.advance(60)
    await alerts.check()
    assert [kwargs["since"] for _, _, kwargs in service.calls] == [
        None,
        first + timedelta(seconds=60),
    ]
