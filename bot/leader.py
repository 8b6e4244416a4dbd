"""Leader election on a shared PostgreSQL database: one machine watches, schedules and sends.

Every ``briefbot run`` on one PostgreSQL database asks for the same session-level advisory
lock (the one that keeps a second bot off a SQLite file). The holder leads: it watches the
corpus, runs the scheduler and sends the outbox. The others stand by, answering chat commands
where they arrive over HTTP (Telegram webhook, Slack HTTP mode, behind a load balancer), and
ask again every :data:`POLL_SECONDS`. The server frees the lock when the leader's connection
ends: at once when its process dies (even by ``kill -9``), within about 25 s when its machine
or network vanishes (TCP keepalives), so a standby leads within that plus one poll.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any, Protocol

from summarizer.store.advisory import AdvisoryLock

log = logging.getLogger(__name__)

LOCK_NAME = "briefbot.bot.lock"
"""The advisory lock's name: the one ``briefbot run --once`` and the SQLite bot lock use."""
POLL_SECONDS = 5.0
"""How often a standby asks for the lock, and the leader checks it still holds it."""


class Lock(Protocol):
    """What leadership needs of a cross-machine lock (:class:`AdvisoryLock`)."""

    def try_lock(self) -> bool: ...

    def alive(self) -> bool: ...

    def holder(self) -> str | None: ...

    def release(self) -> None: ...


def answers_anywhere(adapter: Any) -> bool:
    """Whether an adapter may answer commands on a machine that does not lead: it receives
    over HTTP (Telegram webhook, Slack HTTP mode). Polling and Socket Mode would compete
    with the leader for the same updates."""
    return getattr(adapter, "webhook", None) is not None or getattr(adapter, "mode", "") == "http"


class Leadership:
    """This machine's claim to lead the bots on one database."""

    def __init__(self, lock: Lock, *, poll_seconds: float = POLL_SECONDS) -> None:
        self.lock = lock
        self.poll_seconds = poll_seconds
        self.leading = False
        self.lost = False
        """Set when the lock's connection died while leading (the process should exit)."""

    @classmethod
    def for_database(cls, url: str, **options: Any) -> Leadership:
        return cls(AdvisoryLock(url, LOCK_NAME), **options)

    async def acquire(self, stop: asyncio.Event) -> bool:
        """Wait until this machine leads (True) or ``stop`` is set (False)."""
        told = False
        while not stop.is_set():
            try:
                taken = await asyncio.to_thread(self.lock.try_lock)
            except Exception as error:  # the server is away: keep standing by
                log.warning("leader election: cannot reach the database (%s)", error)
                taken = False
            if taken:
                self.leading = True
                log.info("leading: this machine watches the corpus, schedules and sends")
                return True
            if not told:
                holder = await asyncio.to_thread(self.lock.holder)
                log.info(
                    "standing by: another machine leads (%s); asking again every %.0f s",
                    holder or "holder unknown",
                    self.poll_seconds,
                )
                told = True
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.poll_seconds)
        return False

    async def keep(self, stop: asyncio.Event) -> None:
        """While leading, check the lock's connection; when it is gone, set ``stop``
        (another machine may lead already: this one must not send any more)."""
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.poll_seconds)
            if stop.is_set():
                break
            if not await asyncio.to_thread(self.lock.alive):
                self.lost = True
                log.error("lost the leadership: the database connection holding it ended")
                stop.set()

    def release(self) -> None:
        if self.leading:
            self.lock.release()
            self.leading = False
