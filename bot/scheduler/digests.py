"""Daily digests: build one per subscription and slot, write it to the outbox, catch up at start."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from bot.access import SETTING, Allows, allow_all
from bot.adapters.base import ChatAdapter
from bot.delivery.compose import digest_reply, quiet_reply
from bot.delivery.outbox import Outbox, digest_key
from bot.digest_scope import digest_since, digest_stories
from bot.scheduler.slots import latest_slot
from bot.subscriptions import Subscription, SubscriptionBook
from summarizer.clock import Clock

log = logging.getLogger(__name__)


class DigestPlanner:
    """Turns a due slot into outbox rows (or a recorded skip)."""

    def __init__(
        self,
        service: Any,
        book: SubscriptionBook,
        outbox: Outbox,
        adapters: Mapping[str, ChatAdapter],
        *,
        clock: Clock,
        grace: timedelta,
        run_blocking: Callable[..., Any] = asyncio.to_thread,
        allowed: Allows = allow_all,
    ) -> None:
        self.service = service
        self.book = book
        self.outbox = outbox
        self.adapters = adapters
        self.clock = clock
        self.grace = grace
        self.run_blocking = run_blocking
        self.allowed = allowed

    async def plan(self, subscription: Subscription, slot: datetime) -> str:
        """Write the digest for ``slot`` to the outbox once; returns what happened."""
        key = digest_key(subscription.id, slot)
        if await self.run_blocking(self.outbox.exists, key):
            return "already planned"
        if not self.allowed(subscription.chat):
            return f"not sent: the chat is not in {SETTING}"
        adapter = self.adapters.get(subscription.chat.platform)
        if adapter is None:
            log.warning("no adapter for %s; digest not built", subscription.chat.key)
            return "no adapter"
        now = self.clock()
        since = digest_since(subscription, slot)
        topics, zone = subscription.topics, subscription.zone
        stories = await self.run_blocking(
            digest_stories,
            self.service,
            since=since,
            topics=topics,
            limit=subscription.max_stories,
        )
        if stories:
            reply = await self.run_blocking(
                digest_reply,
                self.service,
                stories,
                since=since,
                zone=zone,
                topics=topics,
                prefix=adapter.command_prefix,
                points=subscription.points,
            )
        elif subscription.quiet_days == "notice":
            reply = quiet_reply(since=since, zone=zone, topics=topics)
        else:
            await self.run_blocking(
                self.outbox.record_skipped,
                key=key,
                subscription_id=subscription.id,
                slot=slot,
                note="quiet day: no new stories",
            )
            await self.run_blocking(self.book.mark_digest, subscription.id, now)
            log.info("%s: no new stories, skipped", subscription.chat.key)
            return "quiet day skipped"
        planned = await self.run_blocking(
            lambda: self.outbox.plan(
                key=key,
                subscription_id=subscription.id,
                kind="digest" if stories else "quiet",
                payloads=adapter.render(reply),
                slot=slot,
                story_ids=[story.id for story in stories],
                covered_until=now,
            )
        )
        return "planned" if planned is not None else "already planned"

    async def due_now(self, subscription: Subscription) -> str:
        """The scheduled job's body: plan the slot that has just come."""
        return await self.plan(subscription, latest_slot(subscription, self.clock()))

    async def catch_up(self) -> dict[str, int]:
        """At start-up: plan missed slots within the grace window, record older ones as skipped."""
        now = self.clock()
        counts = {"planned": 0, "skipped": 0}
        for subscription in await self.run_blocking(self.book.active):
            if not subscription.sending or not self.allowed(subscription.chat):
                continue
            slot = latest_slot(subscription, now)
            covered = subscription.last_digest_at or subscription.created_at
            if covered is not None and slot <= covered:
                continue
            key = digest_key(subscription.id, slot)
            if await self.run_blocking(self.outbox.exists, key):
                continue
            late = now - slot
            if late <= self.grace:
                log.info("%s: delivering missed %s slot", subscription.chat.key, _at(slot))
                if await self.plan(subscription, slot) == "planned":
                    counts["planned"] += 1
            else:
                note = f"missed by {_minutes(late)}, beyond the {_minutes(self.grace)} grace"
                await self.run_blocking(
                    lambda s=subscription, k=key, t=slot, n=note: self.outbox.record_skipped(
                        key=k, subscription_id=s.id, slot=t, note=n
                    )
                )
                log.warning("%s: skipped %s slot (%s)", subscription.chat.key, _at(slot), note)
                counts["skipped"] += 1
        return counts


def _at(slot: datetime) -> str:
    return slot.strftime("%Y-%m-%d %H:%M UTC")


def _minutes(delta: timedelta) -> str:
    return f"{delta.total_seconds() / 60:.0f} min"
