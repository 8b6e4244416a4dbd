"""Delivery: the outbox, the retry policy, rate limits, and the dispatcher that sends."""

from bot.delivery.dispatcher import Dispatcher, PassReport
from bot.delivery.outbox import Outbox, Part, alert_key, digest_key
from bot.delivery.ratelimit import DEFAULT_LIMITS, Limit, PlatformLimits, RateLimiter
from bot.delivery.retry import RetryPolicy
from bot.delivery.timer import RealTimer, Timer, VirtualTimer

__all__ = [
    "DEFAULT_LIMITS",
    "Dispatcher",
    "Limit",
    "Outbox",
    "Part",
    "PassReport",
    "PlatformLimits",
    "RateLimiter",
    "RealTimer",
    "RetryPolicy",
    "Timer",
    "VirtualTimer",
    "alert_key",
    "digest_key",
]
