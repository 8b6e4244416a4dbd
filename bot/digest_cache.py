"""``/digest`` answers kept a short while: twenty chats asking in the same minute cost one.

:class:`CachedDigests` stands in for the service in front of the chat commands (never the
scheduler or the alerts): its ``digest`` keeps each answer for :data:`TTL` seconds and gives
it again for the same limit and topic and a period starting within :data:`TTL` of it. The
runtime calls :meth:`CachedDigests.invalidate` after every corpus refresh, so a digest never
misses what the store has gained; everything else goes to the service itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

TTL = 60.0
"""Seconds an answer is given again, and how far apart two periods' starts may be."""
KEPT = 32
"""Answers kept per limit and topic (chats whose last digests differ)."""


@dataclass(frozen=True)
class _Kept:
    since: datetime | None
    at: float
    digest: Any


class CachedDigests:
    """The service, with its ``digest`` answers reused for :data:`TTL` seconds."""

    def __init__(
        self, service: Any, *, ttl: float = TTL, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.service = service
        self.ttl = ttl
        self.clock = clock
        self._lock = threading.Lock()  # digest() runs in worker threads
        self._kept: dict[tuple[int | None, str | None], list[_Kept]] = {}
        self._generation = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.service, name)

    def digest(
        self, *, since: datetime | None = None, limit: int | None = None, topic: str | None = None
    ) -> Any:
        """The service's digest, or the one it gave lately for the same question."""
        key, now = (limit, topic), self.clock()
        with self._lock:
            for kept in self._kept.get(key, ()):
                if now - kept.at <= self.ttl and self._near(kept.since, since):
                    return kept.digest
            generation = self._generation
        digest = self.service.digest(since=since, limit=limit, topic=topic)
        with self._lock:
            if generation == self._generation:  # the store did not change meanwhile
                fresh = [k for k in self._kept.get(key, ()) if now - k.at <= self.ttl]
                self._kept[key] = [*fresh, _Kept(since, now, digest)][-KEPT:]
        return digest

    def invalidate(self) -> None:
        """Forget every answer (the store changed)."""
        with self._lock:
            self._generation += 1
            self._kept.clear()

    def _near(self, kept: datetime | None, asked: datetime | None) -> bool:
        if kept is None or asked is None:
            return kept is asked
        return abs((kept - asked).total_seconds()) <= self.ttl
