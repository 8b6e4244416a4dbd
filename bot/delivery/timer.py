"""Monotonic time and sleeping, injectable so tests and benchmarks never sleep on real time."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Timer(Protocol):
    """Seconds on a monotonic clock, and a way to wait."""

    def now(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class RealTimer:
    """The event loop's own clock."""

    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class VirtualTimer:
    """A discrete-event clock for tests and benchmarks: sleeping costs no real time.

    Sleepers wait in a queue; once every task that is ready to run has had its turn,
    time jumps to the earliest deadline and wakes those sleepers, as a real clock
    would, only at once. Work waiting on real I/O (an HTTP call to a local fake) is
    not waited for: to it, the call may seem to take virtual time, so figures are an
    upper bound of a real run's.
    """

    SETTLE = 8
    """Loop turns given to ready tasks before time jumps."""

    def __init__(self, start: datetime | None = None) -> None:
        self.start = start or datetime(2026, 1, 1, tzinfo=UTC)
        self.elapsed = 0.0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._advancer: asyncio.Task[None] | None = None

    def now(self) -> float:
        return self.elapsed

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        loop = asyncio.get_running_loop()
        woken: asyncio.Future[None] = loop.create_future()
        heapq.heappush(self._sleepers, (self.elapsed + seconds, next(self._order), woken))
        if self._advancer is None or self._advancer.done():
            self._advancer = loop.create_task(self._advance())
        await woken

    def advance(self, seconds: float) -> None:
        """Move time forward by hand (tests), waking whoever is due."""
        self.elapsed += seconds
        self._wake_due()

    def clock(self) -> datetime:
        """The wall-clock instant matching ``now()`` (a ``summarizer.clock.Clock``)."""
        return self.start + timedelta(seconds=self.elapsed)

    async def _advance(self) -> None:
        while self._sleepers:
            for _ in range(self.SETTLE):
                await asyncio.sleep(0)
            if self._sleepers:
                self.elapsed = max(self.elapsed, self._sleepers[0][0])
                self._wake_due()

    def _wake_due(self) -> None:
        while self._sleepers and self._sleepers[0][0] <= self.elapsed:
            _, _, woken = heapq.heappop(self._sleepers)
            if not woken.done():
                woken.set_result(None)
