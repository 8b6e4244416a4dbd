"""Operations audit, scheduler side: DST gaps and repeats, a sleeping machine, a time zone the
system no longer knows, a second process holding the pipeline. Clocks are virtual."""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from delivery_doubles import (  # noqa: F401
    TopicService,
    World,
    build_scheduler,
    inline,
    planner,
    story,
    world_fixture,
)
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from bot.chat import ChatRef
from bot.scheduler import AlertWatcher, CorpusWatch, cron_trigger
from bot.storage.tables import ChatRow, DeliveryRow
from summarizer.store.lock import Busy

CHAT = ChatRef("telegram", "7")


@pytest.fixture
def service() -> TopicService:
    return TopicService(stories=(story(1, "Envoy arrives for truce talks", "Wire One"),))


async def nothing() -> None:
    return None


def at(world: World, moment: datetime) -> None:
    world.timer.advance((moment - world.timer.clock()).total_seconds())


def fire_times(world: World, first: datetime, last: datetime) -> list[datetime]:
    """When APScheduler's trigger for the chat fires between two instants (UTC)."""
    trigger = cron_trigger(world.book.get(CHAT))  # type: ignore[arg-type]
    fires, previous, now = [], None, first
    while (fire := trigger.get_next_fire_time(previous, now)) and fire <= last:
        fires.append(fire.astimezone(UTC))
        previous, now = fire, fire
    return fires


def keys(world: World) -> list[str]:
    with world.store.session() as session:
        return list(session.scalars(select(DeliveryRow.key).order_by(DeliveryRow.id)))


async def test_0230_on_the_spring_forward_day_sends_once_at_0330_summer_time(
    world: World, service: TopicService
) -> None:
    """02:30 does not exist in Berlin on 29 March 2026: the trigger and the slot agree on
    03:30 CEST (01:30 UTC); one digest."""
    at(world, datetime(2026, 3, 28, 12, tzinfo=UTC))
    world.book.subscribe(CHAT, send_at=time(2, 30))
    fires = fire_times(world, world.timer.clock(), datetime(2026, 3, 29, 12, tzinfo=UTC))
    assert fires == [datetime(2026, 3, 29, 1, 30, tzinfo=UTC)]
    for fire in fires:
        at(world, fire)
        assert await planner(world, service).due_now(world.book.get(CHAT)) == "planned"  # type: ignore[arg-type]
    assert keys(world) == ["digest:1:2026-03-29T01:30Z"]


async def test_0230_on_the_fall_back_day_fires_twice_and_sends_once(
    world: World, service: TopicService
) -> None:
    at(world, datetime(2026, 10, 24, 12, tzinfo=UTC))
    world.book.subscribe(CHAT, send_at=time(2, 30))
    fires = fire_times(world, world.timer.clock(), datetime(2026, 10, 25, 12, tzinfo=UTC))
    assert fires == [
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # 02:30 CEST
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # 02:30 CET, the hour repeated
    ]
    outcomes = []
    for fire in fires:
        at(world, fire)
        outcomes.append(await planner(world, service).due_now(world.book.get(CHAT)))  # type: ignore[arg-type]
    assert outcomes == ["planned", "already planned"]
    await world.dispatcher.run_pass()
    assert sum(t.startswith("Top stories") for t in world.adapter.texts()) == 1


async def test_a_machine_that_slept_through_a_slot_sends_it_within_the_grace(
    world: World, service: TopicService, tmp_path: Path
) -> None:
    """Before: a daily job more than 15 minutes late was dropped by APScheduler as a misfire
    (only a restart caught it up). Now it may run as late as the delivery grace."""
    world.book.subscribe(CHAT)
    plans = planner(world, service)
    scheduler = build_scheduler(world, service, tmp_path, plans=plans)
    await scheduler.start()
    try:
        assert scheduler.job_for(1).misfire_grace_time == 120 * 60
    finally:
        await scheduler.stop()
    slot = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
    at(world, slot + timedelta(minutes=95))  # the job runs late, on waking
    assert await plans.due_now(world.book.get(CHAT)) == "planned"  # type: ignore[arg-type]
    assert keys(world) == ["digest:1:2026-03-03T07:00Z"]


async def test_a_zone_the_system_no_longer_knows_falls_back_and_says_so(
    world: World, service: TopicService, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Before: ZoneInfoNotFoundError at start-up; the bot did not start at all."""
    world.book.subscribe(CHAT)
    with world.store.session() as session:  # what a tzdata update that drops a zone leaves
        session.execute(update(ChatRow).values(timezone="Atlantis/Capital"))
    scheduler = build_scheduler(world, service, tmp_path)
    with caplog.at_level(logging.ERROR):
        await scheduler.start()
    try:
        assert scheduler.job_for(1).trigger.timezone.key == "Europe/Berlin"
    finally:
        await scheduler.stop()
    assert (
        "telegram:7: time zone 'Atlantis/Capital' is not in this system's tz database "
        "(tzdata changed?); using Europe/Berlin until the chat sets its time zone again"
    ) in caplog.text
    assert caplog.text.count("Atlantis/Capital") == 1  # said once, not at every look
    world.book.set_timezone(CHAT, "Asia/Tokyo")  # the chat fixes it: used from then on
    assert world.book.get(CHAT).timezone == "Asia/Tokyo"  # type: ignore[union-attr]


async def test_a_refresh_while_another_process_writes_is_skipped_quietly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """``briefbot run`` beside a running ``briefbot ingest``: one log line, no traceback."""

    class Locked:
        def refresh(self, folder: Path) -> None:
            raise Busy("another Briefbot process (pid 9) is updating this database")

    async def after() -> None:
        raise AssertionError("nothing to plan after a skipped refresh")

    watch = CorpusWatch(Locked(), tmp_path, after=after)
    with caplog.at_level(logging.INFO):
        await watch.refresh()
    assert watch.busy == 1 and watch.failures == 0
    assert (
        "corpus refresh skipped: another Briefbot process (pid 9) is updating this database; "
        "the next interval scans again"
    ) in caplog.text
    assert "Traceback" not in caplog.text


async def test_a_corpus_folder_removed_and_created_again_is_watched_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Before: inotify stops seeing a folder that is removed and created again, and the watch
    went on silently blind (only the interval scan saw new files); a folder missing at start
    was never watched. Now the watch restarts on the new folder and scans it at once."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    calls: list[list[Path] | None] = []

    class Recorder:
        def refresh(self, corpus_dir: Path, paths: list[Path] | None = None) -> None:
            calls.append(paths)

    streams: list[Path] = []

    async def watcher(path: Path, *, stop_event: asyncio.Event, recursive: bool):  # type: ignore[no-untyped-def]
        streams.append(path)
        if len(streams) == 1:
            shutil.rmtree(path)
            try:
                yield {("deleted", str(path.resolve()))}
            finally:  # closed by the watch: the operator makes the folder again
                path.mkdir()
            return
        yield {("added", str(path / "late.txt"))}
        stop_event.set()

    watch = CorpusWatch(Recorder(), folder, after=nothing)
    with caplog.at_level(logging.INFO):
        await watch.watch_files(asyncio.Event(), watcher=watcher, poll=0)

    assert len(streams) == 2
    assert calls == [None, [folder / "late.txt"]]  # a full scan on its return, then events
    assert f"corpus folder {folder} was removed; watching it again once it is back" in caplog.text
    assert f"corpus folder {folder} is there: watching it" in caplog.text


async def test_a_digest_that_fails_at_its_slot_is_retried_within_the_grace(
    world: World, service: TopicService, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Before: "digest for … failed; next slot goes on": a database locked at 08:00 cost the
    day's digest. Now the slot is tried again five minutes later, while within the grace."""
    world.book.subscribe(CHAT)
    plans = planner(world, service)
    scheduler = build_scheduler(world, service, tmp_path, plans=plans, scan_interval=60)
    slot = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)
    at(world, slot)
    real = service.digest

    def locked(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("database is locked"))

    service.digest = locked  # type: ignore[method-assign]
    with caplog.at_level(logging.ERROR):
        await scheduler.digest_due(1)
    assert "digest for telegram:7 failed (" in caplog.text
    assert "database is locked" in caplog.text and "retried at 07:05 UTC" in caplog.text
    retry = scheduler.scheduler.get_job("digest-retry:1")
    assert retry.args == (1, slot) and retry.trigger.run_date == slot + timedelta(minutes=5)
    assert keys(world) == []

    service.digest = real  # type: ignore[method-assign]
    at(world, slot + timedelta(minutes=5))
    await scheduler.digest_due(*retry.args)
    assert keys(world) == ["digest:1:2026-03-03T07:00Z"]  # the 08:00 slot, not a later one
    assert world.adapter.texts()[0].startswith("Top stories since")


async def test_an_alert_look_that_fails_is_made_again_from_the_same_point(world: World) -> None:
    """Before: the look's start moved on before it failed, so a story that crossed the
    outlet threshold in that window was never alerted. Now the next look covers it."""
    world.book.subscribe(CHAT)
    world.book.update(CHAT, alerts=True)
    service = TopicService(stories=(story(1, "Envoy arrives", "Wire One", "Daily Two"),))
    alerts = AlertWatcher(
        service, world.book, world.outbox, {"telegram": world.adapter}, min_outlets=3,
        clock=world.timer.clock, run_blocking=inline,
    )  # fmt: skip
    baseline = world.timer.clock()
    assert await alerts.check() == 0  # baseline
    service.stories = (story(1, "Envoy arrives", "Wire One", "Daily Two", "Third Post"),)
    world.timer.advance(60)
    real = service.digest

    def locked(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("database is locked"))

    service.digest = locked  # type: ignore[method-assign]
    with pytest.raises(OperationalError):
        await alerts.check()
    service.digest = real  # type: ignore[method-assign]
    world.timer.advance(60)
    assert await alerts.check() == 1
    asked = [kwargs["since"] for name, _, kwargs in service.calls if name == "digest"]
    assert asked[-1] == baseline  # changes since the last look that succeeded
    await world.dispatcher.run_pass()
    assert world.adapter.texts(CHAT)[0] == "Alert: now reported by 3 outlets"


async def test_a_full_disk_during_a_refresh_is_one_clear_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    class Full:
        store = SimpleNamespace(url=f"sqlite:///{tmp_path / 'briefbot.db'}")

        def refresh(self, folder: Path) -> None:
            raise OperationalError(
                "COMMIT", {}, sqlite3.OperationalError("database or disk is full")
            )

    watch = CorpusWatch(Full(), tmp_path, after=nothing)
    with caplog.at_level(logging.ERROR):
        await watch.refresh()
    assert watch.failures == 1
    assert caplog.messages == [
        f"corpus refresh failed: the disk holding database {tmp_path / 'briefbot.db'} is full: "
        "the unfinished change was rolled back, nothing stored was lost. Free some space; the "
        "next run carries on; the next interval tries again"
    ]
    assert caplog.records[0].exc_info is None
