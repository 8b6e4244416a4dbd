"""Inbound events handled already, so that a platform's redelivery is answered once.

Adapters ask a :class:`SeenEvents`; :class:`RecentEvents` remembers in process memory (one
machine). The runtime hands adapters ``bot.storage.events.StoredEvents`` instead, which every
machine on one database shares (a retry may reach another machine behind a load balancer).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Protocol


class SeenEvents(Protocol):
    """Answers, once per event id, that this is its first delivery."""

    def first_time(self, event_id: str) -> bool: ...


class RecentEvents:
    """The last ``size`` event ids, in process memory."""

    def __init__(self, size: int = 1000) -> None:
        self.size = size
        self._seen: OrderedDict[str, None] = OrderedDict()

    def first_time(self, event_id: str) -> bool:
        if event_id in self._seen:
            return False
        self._seen[event_id] = None
        if len(self._seen) > self.size:
            self._seen.popitem(last=False)
        return True
