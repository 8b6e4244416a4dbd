"""When a subscription's digest is due: local wall-clock times, correct across DST."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from apscheduler.triggers.cron import CronTrigger

from bot.subscriptions import Subscription


def slot_on(subscription: Subscription, day: datetime) -> datetime:
    """The UTC instant of the subscription's send time on ``day``'s local date."""
    local = datetime.combine(day.date(), subscription.send_at, tzinfo=subscription.zone)
    return local.astimezone(UTC)


def latest_slot(subscription: Subscription, now: datetime) -> datetime:
    """The most recent scheduled instant at or before ``now`` (UTC)."""
    today = now.astimezone(subscription.zone)
    slot = slot_on(subscription, today)
    if slot > now:
        slot = slot_on(subscription, today - timedelta(days=1))
    return slot


def next_slot(subscription: Subscription, now: datetime) -> datetime:
    """The next scheduled instant strictly after ``now`` (UTC)."""
    today = now.astimezone(subscription.zone)
    slot = slot_on(subscription, today)
    if slot <= now:
        slot = slot_on(subscription, today + timedelta(days=1))
    return slot


def cron_trigger(subscription: Subscription) -> CronTrigger:
    """A daily APScheduler trigger at the subscription's local time in its own zone."""
    return CronTrigger(
        hour=subscription.send_at.hour,
        minute=subscription.send_at.minute,
        timezone=subscription.zone,
    )
