"""The bot's APScheduler: corpus watch, one daily job per subscription, outbox retries and
the daily outbox prune.

Jobs live in memory only; the database is the source of truth and they are
rebuilt from it at start-up and whenever a subscription changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.delivery.dispatcher import Dispatcher
from bot.scheduler.alerts import AlertWatcher
from bot.scheduler.digests import DigestPlanner
from bot.scheduler.slots import cron_trigger, latest_slot
from bot.settings import OUTBOX_RETENTION_DAYS
from bot.subscriptions import Subscription, SubscriptionBook
from summarizer.store.errors import explain
from summarizer.store.lock import Busy

log = logging.getLogger(__name__)

OUTBOX_RETRY_SECONDS = 30.0
MISFIRE_GRACE_SECONDS = 15 * 60
"""The least a daily job may run late (see ``BotScheduler.misfire_grace``)."""
STOP_GRACE_SECONDS = 10.0
"""How long stopping waits for the messages being sent to be acknowledged."""
DIGEST_RETRY_SECONDS = 300.0
"""A digest that failed to be planned is tried again this much later (within the grace)."""
FOLDER_POLL_SECONDS = 5.0
"""How often a missing corpus folder is looked for (to watch it once it exists)."""
PRUNE_FIRST_RUN_SECONDS = 60.0
"""The prune runs this long after start (a bot restarted daily still prunes), then daily."""


def digest_job_id(subscription_id: int) -> str:
    return f"digest:{subscription_id}"


class CorpusWatch:
    """Refreshes the service from the corpus folder; one run at a time, errors logged."""

    def __init__(
        self,
        service: Any,
        corpus_dir: Path,
        *,
        after: Callable[[], Awaitable[None]],
        stable_seconds: float = 0.0,
    ) -> None:
        self.service = service
        self.corpus_dir = corpus_dir
        self.after = after
        self.stable_seconds = stable_seconds
        self._lock = asyncio.Lock()
        self._queued: set[Path] = set()
        """Paths seen changing while a refresh ran: refreshed right after it."""
        self._targeted = _takes_paths(getattr(service, "refresh", None))
        """Whether the service can refresh only the changed paths (else: whole folder)."""
        self.runs = 0
        self.failures = 0
        self.busy = 0
        """Refreshes skipped because another process held the pipeline lock."""
        self._missing_logged = False

    async def refresh(self, paths: Collection[Path] | None = None) -> None:
        """Ingest and process new files, then plan alerts and send; a bad file never stops it.

        ``paths`` (from the file watcher): only these changed; None (the interval job): scan
        the whole folder, the safety net for whatever the watcher missed.
        """
        if paths is not None and not self._targeted:
            paths = None
        if self._lock.locked():
            if paths is not None:
                self._queued.update(paths)  # read as soon as the running refresh ends
            return  # a full scan is running, or the next interval picks the change up
        if not self.corpus_dir.is_dir():
            if not self._missing_logged:
                log.warning("corpus folder %s does not exist; waiting for it", self.corpus_dir)
                self._missing_logged = True
            return
        self._missing_logged = False
        async with self._lock:
            while True:
                try:
                    report = await asyncio.to_thread(self._refresh, paths)
                    self.runs += 1
                    log.debug("corpus refresh: %s", report)
                except Busy as busy:
                    self.busy += 1
                    log.info("corpus refresh skipped: %s; the next interval scans again", busy)
                    return
                except Exception as error:
                    self.failures += 1
                    url = getattr(getattr(self.service, "store", None), "url", None)
                    known = explain(error, url) if url else None
                    if known is None:
                        log.exception("corpus refresh failed; the watch goes on")
                    else:  # the database said why: no traceback needed
                        log.error("corpus refresh failed: %s; the next interval tries again", known)
                    return
                if not self._queued:
                    break
                paths, self._queued = sorted(self._queued), set()
        try:
            await self.after()
        except Exception:
            log.exception("after-refresh step failed; the watch goes on")

    def _refresh(self, paths: Collection[Path] | None) -> Any:
        if paths is None:
            return self.service.refresh(self.corpus_dir)
        return self.service.refresh(self.corpus_dir, paths=list(paths))

    async def watch_files(
        self,
        stop: asyncio.Event,
        *,
        watcher: Callable[..., AsyncIterator[set[tuple[Any, str]]]] | None = None,
        poll: float = FOLDER_POLL_SECONDS,
    ) -> None:
        """Refresh early on filesystem events (watchfiles), then again once files are stable.

        A corpus folder missing at start, or removed and created again, is watched once it
        exists (looked for every ``poll`` seconds), and then scanned in full at once.
        """
        if watcher is None:
            from watchfiles import awatch as watcher
        missing = False
        while not stop.is_set():
            if not self.corpus_dir.is_dir():
                if not missing:  # the refresh warns about it too: INFO is enough here
                    log.info(
                        "corpus folder %s does not exist; watched once it is created",
                        self.corpus_dir,
                    )
                missing = True
                await _pause(stop, poll)
                continue
            if missing:
                log.info("corpus folder %s is there: watching it", self.corpus_dir)
                missing = False
                await self.refresh()  # what was written while it was not watched
            try:
                gone = await self._watch(stop, watcher)
            except Exception:
                log.exception("filesystem watch failed; it restarts, the interval refresh goes on")
                gone = False
            if gone:
                log.warning(
                    "corpus folder %s was removed; watching it again once it is back",
                    self.corpus_dir,
                )
                missing = True
            elif not stop.is_set():
                await _pause(stop, poll)

    async def _watch(
        self, stop: asyncio.Event, watcher: Callable[..., AsyncIterator[set[tuple[Any, str]]]]
    ) -> bool:
        """Watch until ``stop``; True when the folder itself was removed (watching it ends)."""
        folder = self.corpus_dir.resolve()
        stream = watcher(self.corpus_dir, stop_event=stop, recursive=True)
        async with contextlib.aclosing(stream):  # type: ignore[type-var]
            async for changes in stream:
                paths = sorted({Path(path) for _change, path in changes})
                if folder in paths or not self.corpus_dir.is_dir():
                    return True  # inotify does not follow a folder created again
                await self.refresh(paths)
                if self.stable_seconds:  # young files were left pending: read them now
                    await asyncio.sleep(self.stable_seconds + 0.5)
                    await self.refresh(paths)
        return False


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    """Wait ``seconds``, or less if ``stop`` is set meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


class BotScheduler:
    """Owns the AsyncIOScheduler and keeps its jobs in step with the subscriptions."""

    def __init__(
        self,
        book: SubscriptionBook,
        planner: DigestPlanner,
        alerts: AlertWatcher,
        dispatcher: Dispatcher,
        watch: CorpusWatch,
        *,
        scan_interval: float,
        outbox_retention_days: int = OUTBOX_RETENTION_DAYS,
    ) -> None:
        self.book = book
        self.planner = planner
        self.alerts = alerts
        self.dispatcher = dispatcher
        self.watch = watch
        self.scan_interval = scan_interval
        self.outbox_retention_days = outbox_retention_days
        self.misfire_grace = int(max(MISFIRE_GRACE_SECONDS, planner.grace.total_seconds()))
        """A daily job that could not run at its time (the machine slept) still runs this late:
        the delivery grace, as for slots missed while the bot was down."""
        self.scheduler = AsyncIOScheduler(
            job_defaults={"coalesce": True, "max_instances": 1},
        )
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        """Catch up missed slots, build every job from the database, start watching."""
        self._loop = asyncio.get_running_loop()
        try:
            await self.alerts.check()  # baseline before the first refresh: later news alerts
            counts = await self.planner.catch_up()
            if counts["planned"] or counts["skipped"]:
                log.info(
                    "start-up: %(planned)d missed digests planned, %(skipped)d skipped", counts
                )
        except Exception:
            log.exception("start-up catch-up failed; the scheduled jobs go on")
        for subscription in await asyncio.to_thread(self.book.active):
            self._schedule(subscription)
        self.book.watch(self.on_change)
        self.scheduler.add_job(
            self.watch.refresh,
            IntervalTrigger(seconds=self.scan_interval),
            id="corpus",
            name="corpus watch",
            next_run_time=_soon(),
        )
        self.scheduler.add_job(
            self.send_outbox,
            IntervalTrigger(seconds=OUTBOX_RETRY_SECONDS),
            id="outbox",
            name="outbox retries",
            next_run_time=_soon(),
        )
        self.scheduler.add_job(
            self.prune_outbox,
            IntervalTrigger(days=1),
            id="outbox-prune",
            name=f"outbox prune ({self.outbox_retention_days} days)",
            next_run_time=_soon(PRUNE_FIRST_RUN_SECONDS),
        )
        self.scheduler.start()
        self._tasks.append(asyncio.create_task(self.watch.watch_files(self._stop)))

    async def stop(self) -> None:
        """Let sends in flight finish, then stop the jobs and the watcher; unsent parts stay
        in the outbox."""
        self._loop = None  # later subscription changes only touch the database
        self._stop.set()
        await self.dispatcher.close(grace=STOP_GRACE_SECONDS)
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def on_change(self, subscription: Subscription) -> None:
        """Book listener (may run in a worker thread): reschedule on the loop."""
        if self._loop is None:
            return
        self._loop.call_soon_threadsafe(self._schedule, subscription)

    def job_for(self, subscription_id: int) -> Any:
        return self.scheduler.get_job(digest_job_id(subscription_id))

    def _schedule(self, subscription: Subscription) -> None:
        job_id = digest_job_id(subscription.id)
        if self.scheduler.get_job(job_id) is not None:
            self.scheduler.remove_job(job_id)
        if not subscription.sending:
            return
        self.scheduler.add_job(
            self.digest_due,
            cron_trigger(subscription),
            args=[subscription.id],
            id=job_id,
            name=f"digest for {subscription.chat.key}",
            misfire_grace_time=self.misfire_grace,
        )

    async def digest_due(self, subscription_id: int, slot: datetime | None = None) -> None:
        """One subscription's daily job: plan its digest, then send the outbox.

        ``slot``: a retry of that slot (else: the slot that has just come). A failure (the
        database locked or full, the service failing) is retried every few minutes while the
        slot is within the delivery grace.
        """
        subscription = await asyncio.to_thread(self.book.by_id, subscription_id)
        if subscription is None or not subscription.sending:
            return
        now = self.planner.clock()
        slot = slot or latest_slot(subscription, now)
        try:
            outcome = await self.planner.plan(subscription, slot)
            log.info("digest for %s: %s", subscription.chat.key, outcome)
        except Exception as error:
            retry_at = now + timedelta(seconds=DIGEST_RETRY_SECONDS)
            if retry_at - slot > self.planner.grace:
                log.exception("digest for %s failed; next slot goes on", subscription.chat.key)
            else:
                log.error(
                    "digest for %s failed (%s); retried at %s",
                    subscription.chat.key,
                    error,
                    retry_at.strftime("%H:%M UTC"),
                    exc_info=True,
                )
                self.scheduler.add_job(
                    self.digest_due,
                    DateTrigger(retry_at),
                    args=[subscription_id, slot],
                    id=f"digest-retry:{subscription_id}",
                    name=f"digest retry for {subscription.chat.key}",
                    replace_existing=True,
                    misfire_grace_time=self.misfire_grace,
                )
        await self.send_outbox()

    async def after_refresh(self) -> None:
        """Plan alerts for what the refresh found, then send."""
        await self.alerts.check()
        await self.send_outbox()

    async def send_outbox(self) -> None:
        try:
            await self.dispatcher.run_pass()
        except Exception:
            log.exception("outbox pass failed; the next one retries")

    async def prune_outbox(self) -> int:
        """Delete finished parts older than the retention (daily); how many. Never raises."""
        outbox = self.dispatcher.outbox
        days = self.outbox_retention_days
        try:
            pruned = await asyncio.to_thread(outbox.prune, outbox.clock() - timedelta(days=days))
        except Exception:
            log.exception("outbox prune failed; tomorrow's run retries")
            return 0
        if pruned:
            log.info("outbox: pruned %d delivered parts older than %d days", pruned, days)
        return pruned


def _takes_paths(refresh: Callable[..., Any] | None) -> bool:
    try:
        return refresh is not None and "paths" in inspect.signature(refresh).parameters
    except (TypeError, ValueError):
        return False


def _soon(seconds: float = 0.1) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)
