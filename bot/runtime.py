"""The one-process bot: settings -> service, subscriptions, command core, adapters, scheduler.

Everything runs on one asyncio loop; blocking work (ingest, models, the database)
goes to worker threads. SIGINT/SIGTERM stop it cleanly: adapters disconnect, jobs
stop, and unsent parts stay in the outbox for the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from bot.access import AllowList
from bot.adapters.base import ChatAdapter
from bot.adapters.listener import HttpListener
from bot.answer_cache import CachedAnswers
from bot.chat import ChatRef
from bot.commands import CommandCore
from bot.delivery import Dispatcher, Outbox, RateLimiter, Timer
from bot.delivery.compose import digest_reply
from bot.lanes import Lanes
from bot.leader import Leadership, answers_anywhere
from bot.scheduler import AlertWatcher, BotScheduler, CorpusWatch, DigestPlanner
from bot.settings import Settings
from bot.storage import BOT_MIGRATIONS
from bot.storage.events import StoredEvents
from bot.subscriptions import SubscriptionBook
from summarizer.clock import Clock, utcnow
from summarizer.store.lock import Busy

log = logging.getLogger(__name__)


def build_adapters(
    settings: Settings, *, output: TextIO | None = None, input: TextIO | None = None
) -> list[ChatAdapter]:
    """Telegram if a token is set, Slack if a bot token is set, else the console.

    Telegram in webhook mode and Slack in HTTP mode share one :class:`HttpListener` on
    ``BRIEFBOT_HTTP_HOST:BRIEFBOT_HTTP_PORT`` (it binds only when one of them starts).
    Raises :class:`ConfigError` (naming the settings) for a configuration no adapter can run,
    e.g. a webhook URL whose path is Slack's ``/slack/events``.
    """
    listener = HttpListener(settings.http_host, settings.http_port)
    adapters: list[ChatAdapter] = []
    if settings.telegram_token is not None:
        from bot.adapters.telegram.adapter import TelegramAdapter

        adapters.append(TelegramAdapter.from_settings(settings, listener=listener))
    if settings.slack_bot_token is not None:
        from bot.adapters.slack.adapter import SlackAdapter

        adapters.append(SlackAdapter.from_settings(settings, listener=listener))
    if not adapters:
        from bot.adapters.console.adapter import ConsoleAdapter

        stream = output or sys.stdout
        adapters.append(ConsoleAdapter(stream, input, prompt="> " if input else ""))
    return adapters


class Runtime:
    """Wires every part together over one service and store."""

    def __init__(
        self,
        settings: Settings,
        *,
        service: Any | None = None,
        adapters: Sequence[ChatAdapter] | None = None,
        clock: Clock = utcnow,
        timer: Timer | None = None,
        lanes: Lanes | None = None,
    ) -> None:
        if service is None:
            from summarizer.service import Briefbot

            service = Briefbot(settings.pipeline(), clock=clock, extra_migrations=[BOT_MIGRATIONS])
        self.settings = settings
        self.service = service
        self.clock = clock
        self.adapters = list(adapters) if adapters is not None else build_adapters(settings)
        by_platform = {adapter.platform: adapter for adapter in self.adapters}
        self.book = SubscriptionBook(
            service.store, clock=clock, default_timezone=settings.default_timezone
        )
        self.answers = CachedAnswers(service)
        """What chat commands ask the service through: /digest and /who reused for a minute."""
        self.core = CommandCore(
            self.answers, self.book, allowed_chats=settings.allowed_chats, clock=clock
        )
        self.lanes = lanes or Lanes()
        """Cheap commands answered at once, expensive ones a few at a time (bot/lanes.py)."""
        self.outbox = Outbox(service.store, clock=clock)
        allowed = AllowList(settings.allowed_chats)  # governs every message sent, not only answers
        seen = StoredEvents(service.store, clock=clock)
        for adapter in self.adapters:
            if hasattr(adapter, "seen"):
                adapter.seen = seen  # a redelivery reaching another machine is answered once
        self.dispatcher = Dispatcher(
            self.outbox,
            by_platform,
            limiter=RateLimiter(timer=timer),
            pause=self.book.pause,
            allowed=allowed,
        )
        self.planner = DigestPlanner(
            service,
            self.book,
            self.outbox,
            by_platform,
            clock=clock,
            grace=timedelta(minutes=settings.delivery_grace_minutes),
            allowed=allowed,
        )
        self.alerts = AlertWatcher(
            service,
            self.book,
            self.outbox,
            by_platform,
            min_outlets=settings.alert_min_outlets,
            clock=clock,
            allowed=allowed,
        )
        self.watch = CorpusWatch(
            service,
            settings.corpus_dir,
            after=self._after_refresh,
            stable_seconds=settings.stable_seconds,
        )
        self.scheduler = BotScheduler(
            self.book,
            self.planner,
            self.alerts,
            self.dispatcher,
            self.watch,
            scan_interval=settings.scan_interval_seconds,
            outbox_retention_days=settings.outbox_retention_days,
        )
        self._started: list[ChatAdapter] = []

    async def _after_refresh(self) -> None:
        self.answers.invalidate()  # the store changed: no answer from before it
        await self.scheduler.after_refresh()

    async def start(self) -> None:
        """Connect the adapters, then start the scheduler (which catches up missed slots)."""
        await self.start_adapters(self.adapters)
        await self.scheduler.start()
        self._say_running()

    async def start_adapters(self, adapters: Sequence[ChatAdapter]) -> None:
        """Connect those of ``adapters`` not connected yet."""
        for adapter in adapters:
            if adapter in self._started:
                continue
            await adapter.start(self.lanes.wrap(self.core.handler_for(adapter)))
            self._started.append(adapter)
            name = getattr(adapter, "username", None)
            if name:
                self.core.bot_names.add(str(name))
            log.info("%s adapter started", adapter.platform)

    async def _lead(self, leader: Leadership, stop: asyncio.Event) -> bool:
        """Answer HTTP commands while standing by; once leading, connect the rest and start
        the scheduler. False when stopped before leading."""
        await self.start_adapters([a for a in self.adapters if answers_anywhere(a)])
        if not await leader.acquire(stop):
            return False
        await self.start()
        return True

    def _say_running(self) -> None:
        log.info(
            "briefbot running (%s), watching %s",
            ", ".join(a.platform for a in self.adapters),
            self.settings.corpus_dir,
        )

    async def stop(self) -> None:
        """Stop the scheduler, then the adapters; close the store."""
        await self.scheduler.stop()
        for adapter in reversed(self._started):
            try:
                await adapter.stop()
            except Exception:
                log.exception("stopping the %s adapter failed", adapter.platform)
        self._started.clear()
        self.service.close()

    async def run(
        self, stop: asyncio.Event | None = None, *, leader: Leadership | None = None
    ) -> None:
        """Run until SIGINT/SIGTERM (or ``stop`` is set, or the console's input ends).

        With ``leader`` (several machines on one PostgreSQL database), stand by until this
        machine leads; stop when it loses the lead (``leader.lost``).
        """
        stop = stop or asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):  # not main thread
                loop.add_signal_handler(signum, stop.set)
        keeper: asyncio.Task[None] | None = None
        try:
            if leader is None:
                await self.start()
            elif await self._lead(leader, stop):
                keeper = asyncio.create_task(leader.keep(stop))
            waiters = [asyncio.create_task(stop.wait())]
            for adapter in self.adapters:
                closed = getattr(adapter, "wait_closed", None)
                if closed is not None and getattr(adapter, "input", None) is not None:
                    waiters.append(asyncio.create_task(closed()))
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waiters:
                waiter.cancel()
            log.info("stopping")
        finally:
            if keeper is not None:
                keeper.cancel()
            await self.stop()
            if leader is not None:
                leader.release()

    async def run_once(self) -> dict[str, int]:
        """One refresh, then deliver due digests; on the console, print a digest of the corpus."""
        try:
            if self.settings.corpus_dir.is_dir():
                try:
                    await asyncio.to_thread(self.service.refresh, self.settings.corpus_dir)
                except Busy as busy:
                    log.warning("corpus refresh skipped: %s; digests use what is stored", busy)
                except Exception:
                    log.exception("corpus refresh failed")
            counts = await self.planner.catch_up()
            report = await self.dispatcher.run_pass()
            counts["sent"] = report.sent
            counts["deferred"] = report.deferred
            await self.scheduler.prune_outbox()  # cron-driven deployments prune too
            console = next((a for a in self.adapters if a.platform == "console"), None)
            if console is not None:
                await self._print_digest(console)
            return counts
        finally:
            self.service.close()

    async def _print_digest(self, console: ChatAdapter) -> None:
        result = await asyncio.to_thread(self.service.digest)
        stories = list(result.stories)
        since = _earliest(stories) or self.clock() - timedelta(hours=24)
        zone = ZoneInfo(self.book.default_timezone)
        reply = await asyncio.to_thread(
            digest_reply,
            self.service,
            stories,
            since=since,
            zone=zone,
            topics=(),
            prefix=console.command_prefix,
        )
        chat = getattr(console, "chat", ChatRef("console", "local"))
        await asyncio.to_thread(self.book.remember_digest, chat, [s.id for s in stories])
        for payload in console.render(reply):
            await console.send(chat, payload)


def _earliest(stories: Sequence[Any]) -> datetime | None:
    """The earliest first publication among the stories (what the digest covers)."""
    moments = [s.first_published for s in stories if getattr(s, "first_published", None)]
    return min(moments) if moments else None
