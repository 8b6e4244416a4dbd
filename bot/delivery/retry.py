"""How long to wait before trying a failed send again."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter, and how long a platform's retry-after is honoured in place.

    Within one outbox pass a part is tried up to ``max_attempts`` times; after that it
    stays pending in the outbox until ``next_pass_delay`` has passed.
    """

    max_attempts: int = 4
    base_delay: float = 1.0
    max_delay: float = 60.0
    jitter: float = 0.5
    """Fraction of each delay drawn at random, so many chats do not retry in lockstep."""
    max_wait: float = 120.0
    """A retry-after longer than this leaves the part for a later pass instead of waiting."""
    random: Callable[[], float] = field(default=random.random, compare=False)

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        raw = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return raw * (1 - self.jitter) + raw * self.jitter * self.random()

    def next_pass_delay(self, attempts: int) -> float:
        """Seconds before a later pass picks the part up again, after ``attempts`` in total."""
        return min(3600.0, self.base_delay * 2 ** max(0, attempts))
