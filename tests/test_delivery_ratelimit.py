"""Rate limits: per chat, per group and overall, on a virtual clock (no real sleeping)."""

from __future__ import annotations

import asyncio

from bot.chat import ChatRef
from bot.delivery import Limit, PlatformLimits, RateLimiter, VirtualTimer


def limiter() -> tuple[RateLimiter, VirtualTimer]:
    timer = VirtualTimer()
    return RateLimiter(timer=timer), timer


def test_one_message_per_second_per_chat() -> None:
    rate, _ = limiter()
    chat = ChatRef("telegram", "42")
    assert [rate.reserve(chat) for _ in range(4)] == [0.0, 1.0, 2.0, 3.0]
    assert rate.reserve(ChatRef("telegram", "43")) == 0.0  # another chat is not held up


def test_forum_topics_share_their_group_limits() -> None:
    rate, _ = limiter()
    times = [rate.reserve(ChatRef("telegram", "-100", thread_id=str(n % 3))) for n in range(21)]
    assert times[:20] == [float(n) for n in range(20)]
    assert times[20] == 60.0  # the 21st message to a group waits for the 20/min window


def test_thirty_per_second_overall() -> None:
    rate, _ = limiter()
    times = [rate.reserve(ChatRef("telegram", str(n))) for n in range(65)]
    assert times.count(0.0) == 30 and times.count(1.0) == 30 and times.count(2.0) == 5


def test_slack_is_paced_per_channel_only() -> None:
    rate, _ = limiter()
    assert [rate.reserve(ChatRef("slack", f"C{n}")) for n in range(50)] == [0.0] * 50
    assert rate.reserve(ChatRef("slack", "C1")) == 1.0


def test_reservations_fill_gaps_without_breaking_any_window() -> None:
    rate = RateLimiter({"x": PlatformLimits(overall=Limit(2, 10.0))}, timer=VirtualTimer())
    chat = ChatRef("x", "1")
    assert rate.reserve(chat, not_before=5.0) == 5.0
    assert rate.reserve(chat) == 0.0  # room before the later booking
    assert rate.reserve(chat) == 10.0  # [0, 10) is full
    assert rate.reserve(chat) == 15.0


async def test_acquire_waits_on_the_injected_clock() -> None:
    rate, timer = limiter()
    chat = ChatRef("telegram", "42")
    moments = await asyncio.gather(*(rate.acquire(chat) for _ in range(3)))
    assert sorted(moments) == [0.0, 1.0, 2.0]
    assert timer.now() == 2.0
