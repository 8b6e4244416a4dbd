"""Outbox retention: old finished parts are deleted; their deliveries and pending parts stay."""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from delivery_doubles import (  # noqa: F401
    FolderService,
    TopicService,
    World,
    build_scheduler,
    story,
    world_fixture,
)
from sqlalchemy import select
from typer.testing import CliRunner

from bot.adapters.base import DeliveryError, RetryLater
from bot.chat import ChatRef
from bot.cli import app
from bot.delivery import digest_key
from bot.scheduler import BotScheduler, DigestPlanner
from bot.scheduler.jobs import OUTBOX_RETENTION_DAYS
from bot.settings import ConfigError, load_settings
from bot.storage.tables import DeliveryRow

DAY = 86_400.0
SLOT = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)  # 08:00 in Berlin, the book's default zone


def plan(world: World, chat: ChatRef, key: str, parts: int = 3) -> int:
    sub = world.book.get(chat) or world.book.subscribe(chat)
    payloads = [{"text": f"{key} part {n}"} for n in range(1, parts + 1)]
    delivery = world.outbox.plan(key=key, subscription_id=sub.id, kind="digest", payloads=payloads)
    assert delivery is not None
    return delivery


def deliveries(world: World) -> dict[str, str]:
    with world.store.session() as session:
        return {
            key: status
            for key, status in session.execute(select(DeliveryRow.key, DeliveryRow.status))
        }


def days_ago(world: World, days: float) -> datetime:
    return world.timer.clock() - timedelta(days=days)


async def test_old_finished_parts_go_recent_and_pending_ones_stay(world: World) -> None:
    plan(world, ChatRef("telegram", "1"), "old-sent")
    await world.dispatcher.run_pass()
    plan(world, ChatRef("telegram", "2"), "old-dropped")
    world.adapter.script = [DeliveryError("Bad Request: can't parse entities")]
    await world.dispatcher.run_pass()  # part 1 refused for good (failed), parts 2-3 sent
    plan(world, ChatRef("telegram", "3"), "old-waiting")
    world.adapter.script = [None, RetryLater(50 * DAY)]  # part 1 sent, part 2 told to wait
    await world.dispatcher.run_pass()
    plan(world, ChatRef("matrix", "!room"), "old-no-adapter", parts=1)  # never sendable
    await world.dispatcher.run_pass()
    assert world.outbox.counts() == {"sent": 6, "failed": 1, "pending": 3}

    world.timer.advance(40 * DAY)
    plan(world, ChatRef("telegram", "1"), "recent")
    await world.dispatcher.run_pass()

    assert world.outbox.prune(days_ago(world, 30)) == 6  # old-sent 3 + old-dropped 3
    # The waiting delivery keeps even its sent part; the pending ones are untouched.
    assert world.outbox.counts() == {"sent": 4, "pending": 3}
    assert deliveries(world) == {  # every key is kept, with its outcome
        "old-sent": "sent",
        "old-dropped": "failed",
        "old-waiting": "pending",
        "old-no-adapter": "pending",
        "recent": "sent",
    }
    assert world.outbox.prune(days_ago(world, 30)) == 0  # nothing left to prune

    world.timer.advance(11 * DAY)  # the long retry is due: the old part is still sent
    world.adapter.sent.clear()
    assert (await world.dispatcher.run_pass()).sent == 2
    assert world.adapter.texts() == ["old-waiting part 2", "old-waiting part 3"]
    assert deliveries(world)["old-waiting"] == "sent"
    assert world.outbox.prune(days_ago(world, 30)) == 3  # now finished, so it goes too
    assert world.outbox.counts() == {"sent": 3, "pending": 1}  # "recent", and matrix's part


async def test_a_pruned_digest_slot_is_not_planned_again(world: World) -> None:
    chat = ChatRef("telegram", "42")
    service = TopicService(stories=(story(1, "Envoy arrives for truce talks", "Wire", "Daily"),))

    async def inline(function: Any, *args: Any, **kwargs: Any) -> Any:
        return function(*args, **kwargs)

    planner = DigestPlanner(
        service,
        world.book,
        world.outbox,
        {"telegram": world.adapter},
        clock=world.timer.clock,
        grace=timedelta(hours=2),
        run_blocking=inline,
    )
    sub = world.book.subscribe(chat)
    world.timer.advance((SLOT - world.timer.clock()).total_seconds())
    assert await planner.plan(sub, SLOT) == "planned"
    parts = (await world.dispatcher.run_pass()).sent
    world.timer.advance(31 * DAY)
    assert world.outbox.prune(days_ago(world, 30)) == parts > 0
    assert world.outbox.counts() == {}

    assert await planner.plan(sub, SLOT) == "already planned"  # a replayed slot: no-op
    assert world.outbox.exists(digest_key(sub.id, SLOT))
    again = world.outbox.plan(
        key=digest_key(sub.id, SLOT), subscription_id=sub.id, kind="digest", payloads=[{}]
    )
    assert again is None and world.outbox.counts() == {}

    next_slot = SLOT + timedelta(days=31)
    assert await planner.plan(sub, next_slot) == "planned"  # a new slot still plans
    assert world.outbox.counts() == {"pending": parts}


def prune_scheduler(world: World, corpus: Path, **options: Any) -> BotScheduler:
    service = FolderService(store=world.store, corpus_dir=corpus)
    return build_scheduler(world, service, corpus, **options)


async def test_the_prune_job_runs_daily_with_the_configured_retention(
    world: World, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    scheduler = prune_scheduler(world, tmp_path, outbox_retention_days=7)
    await scheduler.start()
    try:
        job = scheduler.scheduler.get_job("outbox-prune")
        assert job is not None and job.name == "outbox prune (7 days)"
        assert job.trigger.interval == timedelta(days=1)
        assert job.next_run_time > datetime.now(UTC)  # first run shortly after start

        plan(world, ChatRef("telegram", "1"), "a week ago")
        await world.dispatcher.run_pass()
        world.timer.advance(6 * DAY)
        caplog.set_level(logging.INFO, logger="bot.scheduler.jobs")
        assert await job.func() == 0  # 6 days old: kept, and nothing is logged
        assert "outbox: pruned" not in caplog.text
        world.timer.advance(2 * DAY)
        assert await job.func() == 3
        assert "outbox: pruned 3 delivered parts older than 7 days" in caplog.text
    finally:
        await scheduler.stop()


async def test_a_failing_prune_is_logged_and_the_job_survives(
    world: World, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    scheduler = prune_scheduler(world, tmp_path)
    assert scheduler.outbox_retention_days == OUTBOX_RETENTION_DAYS == 30
    plan(world, ChatRef("telegram", "1"), "old")
    await world.dispatcher.run_pass()
    world.timer.advance(31 * DAY)
    real_prune = world.outbox.prune

    def locked(before: datetime) -> int:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(world.outbox, "prune", locked)
    await scheduler.start()
    try:
        assert await scheduler.prune_outbox() == 0  # no exception reaches the scheduler
        assert "outbox prune failed; tomorrow's run retries" in caplog.text
        assert "database is locked" in caplog.text  # the operator sees why
        assert scheduler.scheduler.get_job("outbox-prune") is not None
        assert world.outbox.counts() == {"sent": 3}  # nothing lost

        monkeypatch.setattr(world.outbox, "prune", real_prune)
        assert await scheduler.prune_outbox() == 3  # the next run does the work
    finally:
        await scheduler.stop()


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("BRIEFBOT_"):
            monkeypatch.delenv(name)


def test_retention_days_default_and_environment(
    clean_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_settings().outbox_retention_days == OUTBOX_RETENTION_DAYS
    monkeypatch.setenv("BRIEFBOT_OUTBOX_RETENTION_DAYS", "7")
    assert load_settings().outbox_retention_days == 7


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("0", "BRIEFBOT_OUTBOX_RETENTION_DAYS: Input should be greater than or equal to 1"),
        ("abc", "BRIEFBOT_OUTBOX_RETENTION_DAYS: Input should be a valid integer"),
    ],
)
def test_a_bad_retention_is_a_clear_settings_error(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, value: str, says: str
) -> None:
    monkeypatch.setenv("BRIEFBOT_OUTBOX_RETENTION_DAYS", value)
    with pytest.raises(ConfigError, match=says):
        load_settings()
    result = CliRunner().invoke(app, ["health"])  # what the user sees: exit 2, the setting
    assert result.exit_code == 2
    assert says in result.output
