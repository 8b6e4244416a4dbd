"""The APScheduler jobs follow the database: rebuilt at start, updated on every change."""

from __future__ import annotations

import asyncio
from datetime import time
from pathlib import Path

from delivery_doubles import FolderService, World, build_scheduler, world_fixture  # noqa: F401

from bot.chat import ChatRef
from bot.scheduler import BotScheduler, CorpusWatch

BERLIN = ChatRef("telegram", "1")
TOKYO = ChatRef("slack", "C2")


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def trigger_of(scheduler: BotScheduler, chat: ChatRef) -> str | None:
    sub = scheduler.book.get(chat)
    job = scheduler.job_for(sub.id) if sub else None
    return None if job is None else str(job.trigger)


async def test_jobs_follow_subscriptions(world: World, tmp_path: Path) -> None:
    world.book.subscribe(BERLIN)  # before start: rebuilt from the database
    service = FolderService(store=world.store, corpus_dir=tmp_path)
    scheduler = build_scheduler(world, service, tmp_path)
    await scheduler.start()
    try:
        assert trigger_of(scheduler, BERLIN) == "cron[hour='8', minute='0']"
        assert scheduler.job_for(1).trigger.timezone.key == "Europe/Berlin"

        world.book.subscribe(TOKYO, send_at=time(6, 30))
        world.book.set_timezone(TOKYO, "Asia/Tokyo")
        await settle()
        tokyo = scheduler.job_for(world.book.get(TOKYO).id)  # type: ignore[union-attr]
        assert str(tokyo.trigger) == "cron[hour='6', minute='30']"
        assert tokyo.trigger.timezone.key == "Asia/Tokyo"

        world.book.unsubscribe(BERLIN)
        world.book.pause(world.book.get(TOKYO).id, "channel_not_found")  # type: ignore[union-attr]
        await settle()
        assert trigger_of(scheduler, BERLIN) is None and trigger_of(scheduler, TOKYO) is None

        world.book.subscribe(TOKYO)  # subscribing again lifts the pause
        await settle()
        assert trigger_of(scheduler, TOKYO) == "cron[hour='6', minute='30']"
    finally:
        await scheduler.stop()


async def test_a_failing_refresh_is_logged_and_the_watch_goes_on(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    calls: list[str] = []

    class Flaky:
        def refresh(self, folder: Path) -> None:
            calls.append("refresh")
            if len(calls) == 1:
                raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    after: list[str] = []

    async def then() -> None:
        after.append("after")

    watch = CorpusWatch(Flaky(), tmp_path, after=then)
    await watch.refresh()
    await watch.refresh()
    assert (watch.failures, watch.runs, after) == (1, 1, ["after"])
    assert "corpus refresh failed; the watch goes on" in caplog.text


async def test_missing_corpus_folder_is_reported_once(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    async def then() -> None:
        return None

    watch = CorpusWatch(object(), tmp_path / "later", after=then)
    await watch.refresh()
    await watch.refresh()
    assert caplog.text.count("does not exist; waiting for it") == 1
