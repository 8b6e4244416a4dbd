"""Sliding-window rate limits per chat, per group and per platform, with reservations.

Each send reserves the earliest instant at which every window that applies still
has room, then sleeps until then. Reservations are exact (no token rounding), so a
fan-out to many chats runs at the platform's overall limit while each chat keeps its
own pace.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass

from bot.chat import ChatRef
from bot.delivery.timer import RealTimer, Timer


@dataclass(frozen=True)
class Limit:
    """At most ``count`` messages in any ``period`` seconds."""

    count: int
    period: float


@dataclass(frozen=True)
class PlatformLimits:
    per_chat: Limit | None = None
    per_group: Limit | None = None
    """Applies to group chats (Telegram: negative chat ids) on top of ``per_chat``."""
    overall: Limit | None = None


DEFAULT_LIMITS: dict[str, PlatformLimits] = {
    # https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this
    "telegram": PlatformLimits(
        per_chat=Limit(1, 1.0), per_group=Limit(20, 60.0), overall=Limit(30, 1.0)
    ),
    # chat.postMessage: about one message per second per channel.
    "slack": PlatformLimits(per_chat=Limit(1, 1.0)),
}


class Window:
    """Reserved send instants under one limit, kept sorted."""

    def __init__(self, limit: Limit) -> None:
        self.limit = limit
        self.times: list[float] = []

    def prune(self, now: float) -> None:
        """Forget instants that can no longer constrain a send at or after ``now``."""
        cut = bisect_left(self.times, now - self.limit.period)
        if cut:
            del self.times[:cut]

    def fits(self, moment: float) -> bool:
        """Whether one more send at ``moment`` keeps every window of ``period`` within ``count``."""
        period, count = self.limit.period, self.limit.count
        lo = bisect_right(self.times, moment - period)
        hi = bisect_right(self.times, moment)
        for start in [*self.times[lo:hi], moment]:
            inside = bisect_left(self.times, start + period) - bisect_left(self.times, start)
            if inside + 1 > count:
                return False
        return True

    def candidates(self, earliest: float) -> list[float]:
        """Instants at which room may open: ``earliest`` and each reservation's expiry."""
        return [t + self.limit.period for t in self.times if t + self.limit.period > earliest]


class RateLimiter:
    """Hands out send instants that respect every applicable window; sleeps until them."""

    def __init__(
        self,
        limits: dict[str, PlatformLimits] | None = None,
        *,
        timer: Timer | None = None,
    ) -> None:
        self.limits = DEFAULT_LIMITS if limits is None else limits
        self.timer = timer or RealTimer()
        self._windows: dict[tuple[str, str], Window] = {}

    def reserve(self, chat: ChatRef, *, not_before: float | None = None) -> float:
        """Book the earliest allowed instant for one message to ``chat`` (no waiting)."""
        now = self.timer.now()
        earliest = now if not_before is None else max(now, not_before)
        windows = self._windows_for(chat)
        for window in windows:
            window.prune(now)
        options = sorted({earliest, *(c for w in windows for c in w.candidates(earliest))})
        moment = next(t for t in options if all(w.fits(t) for w in windows))
        for window in windows:
            insort(window.times, moment)
        return moment

    async def acquire(self, chat: ChatRef, *, not_before: float | None = None) -> float:
        """Reserve an instant for one message and wait until it comes."""
        moment = self.reserve(chat, not_before=not_before)
        delay = moment - self.timer.now()
        if delay > 0:
            await self.timer.sleep(delay)
        return moment

    def _windows_for(self, chat: ChatRef) -> list[Window]:
        limits = self.limits.get(chat.platform)
        if limits is None:
            return []
        wanted: list[tuple[str, Limit | None]] = [
            (f"chat:{chat.platform}:{chat.chat_id}", limits.per_chat),
            (f"all:{chat.platform}", limits.overall),
        ]
        if chat.chat_id.startswith("-"):
            wanted.append((f"group:{chat.platform}:{chat.chat_id}", limits.per_group))
        found = []
        for name, limit in wanted:
            if limit is None:
                continue
            key = (name, f"{limit.count}/{limit.period}")
            if key not in self._windows:
                self._windows[key] = Window(limit)
            found.append(self._windows[key])
        return found
