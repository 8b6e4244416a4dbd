"""Answers kept a short while: twenty chats asking the same in one minute cost one.

:class:`CachedAnswers` stands in for the service in front of the chat commands (never the
scheduler or the alerts). ``digest`` and ``who`` answers are kept for :data:`TTL` seconds and
given again for the same question: a digest for the same limit and topic and a period
starting within :data:`TTL` of it, ``who`` for the same name. The runtime calls
:meth:`CachedAnswers.invalidate` after every corpus refresh, so no answer misses what the
store has gained; every other call goes to the service itself. The same question asked
again while its answer is being worked out waits for that answer instead of asking again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from typing import Any

TTL = 60.0
"""Seconds an answer is given again, and how far apart two digest periods' starts may be."""
KEPT = 32
"""Answers kept per question (digests for chats whose last digests differ)."""


@dataclass(frozen=True)
class _Kept:
    since: datetime | None
    at: float
    answer: Any


class CachedAnswers:
    """The service, with its ``digest`` and ``who`` answers reused for :data:`TTL` seconds."""

    def __init__(
        self, service: Any, *, ttl: float = TTL, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.service = service
        self.ttl = ttl
        self.clock = clock
        self._lock = threading.Lock()  # the service is called in worker threads
        self._kept: dict[Hashable, list[_Kept]] = {}
        self._asking: dict[Hashable, list[tuple[datetime | None, Future[Any]]]] = {}
        self._generation = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.service, name)

    def digest(
        self, *, since: datetime | None = None, limit: int | None = None, topic: str | None = None
    ) -> Any:
        """The service's digest, or the one it gave lately for the same question."""
        return self._answer(
            ("digest", limit, topic),
            since,
            lambda: self.service.digest(since=since, limit=limit, topic=topic),
        )

    def who(self, name: str) -> Any:
        """The service's answer about ``name``, or the one it gave lately."""
        return self._answer(("who", name), None, lambda: self.service.who(name))

    def invalidate(self) -> None:
        """Forget every answer (the store changed)."""
        with self._lock:
            self._generation += 1
            self._kept.clear()

    def _answer(self, key: Hashable, since: datetime | None, ask: Callable[[], Any]) -> Any:
        now = self.clock()
        with self._lock:
            for kept in self._kept.get(key, ()):
                if now - kept.at <= self.ttl and self._near(kept.since, since):
                    return kept.answer
            asking = self._asking.get(key, ())
            pending = next((f for at, f in asking if self._near(at, since)), None)
            if pending is None:
                mine: Future[Any] = Future()
                self._asking.setdefault(key, []).append((since, mine))
                generation = self._generation
        if pending is not None:
            return pending.result()  # the same question, already being answered
        try:
            answer = ask()
        except BaseException as error:
            with self._lock:
                self._done(key, mine)
            mine.set_exception(error)
            raise
        with self._lock:
            if generation == self._generation:  # the store did not change meanwhile
                fresh = [k for k in self._kept.get(key, ()) if now - k.at <= self.ttl]
                self._kept[key] = [*fresh, _Kept(since, now, answer)][-KEPT:]
            self._done(key, mine)
        mine.set_result(answer)
        return answer

    def _done(self, key: Hashable, finished: Future[Any]) -> None:
        """No longer being asked (called holding the lock)."""
        left = [(at, f) for at, f in self._asking[key] if f is not finished]
        if left:
            self._asking[key] = left
        else:
            del self._asking[key]

    def _near(self, kept: datetime | None, asked: datetime | None) -> bool:
        if kept is None or asked is None:
            return kept is asked
        return abs((kept - asked).total_seconds()) <= self.ttl
