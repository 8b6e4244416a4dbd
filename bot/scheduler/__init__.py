"""Scheduling: the corpus watch, daily digests per subscription, alerts, outbox retries."""

from bot.scheduler.alerts import AlertWatcher
from bot.scheduler.digests import DigestPlanner
from bot.scheduler.jobs import BotScheduler, CorpusWatch
from bot.scheduler.slots import cron_trigger, latest_slot, next_slot

__all__ = [
    "AlertWatcher",
    "BotScheduler",
    "CorpusWatch",
    "DigestPlanner",
    "cron_trigger",
    "latest_slot",
    "next_slot",
]
