"""Daily slots in the subscriber's time zone, on both sides of a DST change."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.chat import ChatRef
from bot.scheduler import cron_trigger, latest_slot, next_slot
from bot.subscriptions import Subscription

BERLIN_8 = Subscription(ChatRef("telegram", "1"), send_at=time(8, 0), timezone="Europe/Berlin")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("after", "fires"),
    [
        # Spring forward on Sunday 29 March 2026: CET (UTC+1) -> CEST (UTC+2).
        (utc(2026, 3, 27, 12), utc(2026, 3, 28, 7)),
        (utc(2026, 3, 28, 12), utc(2026, 3, 29, 6)),
        # Fall back on Sunday 25 October 2026: CEST -> CET.
        (utc(2026, 10, 23, 12), utc(2026, 10, 24, 6)),
        (utc(2026, 10, 24, 12), utc(2026, 10, 25, 7)),
    ],
)
def test_eight_in_berlin_across_dst(after: datetime, fires: datetime) -> None:
    assert next_slot(BERLIN_8, after) == fires
    trigger_fires = cron_trigger(BERLIN_8).get_next_fire_time(None, after)
    assert trigger_fires == fires  # APScheduler's job fires at the same instant
    assert latest_slot(BERLIN_8, fires) == fires


def test_latest_slot_is_yesterday_before_the_send_time() -> None:
    assert latest_slot(BERLIN_8, utc(2026, 3, 29, 5, 59)) == utc(2026, 3, 28, 7)
    assert latest_slot(BERLIN_8, utc(2026, 3, 29, 6, 0)) == utc(2026, 3, 29, 6)


def test_a_day_of_ticks_fires_once_per_local_day() -> None:
    trigger = cron_trigger(BERLIN_8)
    moment, fired = utc(2026, 10, 23, 0), []
    while moment < utc(2026, 10, 27, 0):
        moment = trigger.get_next_fire_time(None, moment)
        fired.append(moment.astimezone(UTC).strftime("%d %H:%M"))
        moment = moment.replace(second=1)
    assert fired == ["23 06:00", "24 06:00", "25 07:00", "26 07:00", "27 07:00"]
