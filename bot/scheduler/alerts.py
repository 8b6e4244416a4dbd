"""Alerts: a story that reaches N outlets, or a new story on a subscription's topic, once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from bot.access import Allows, allow_all
from bot.adapters.base import ChatAdapter
from bot.delivery.compose import alert_reply
from bot.delivery.outbox import Outbox, alert_key
from bot.subscriptions import Subscription, SubscriptionBook
from summarizer.clock import Clock, utcnow

log = logging.getLogger(__name__)

WATCHED_STORIES = 30
"""How many stories each look takes in (the top ones, or the top changed ones)."""


class AlertWatcher:
    """After each refresh, looks at the stories changed since the last look and plans alerts.

    The first look takes a baseline of the top stories, so starting the bot does not
    alert on the whole corpus; later looks ask the service only for stories changed
    since the previous look (``digest(since=...)``), and only while some subscription
    has alerts on. Sent alerts are recorded in the outbox (one per subscription and
    story), so an alert is never sent twice, across restarts too.
    """

    def __init__(
        self,
        service: Any,
        book: SubscriptionBook,
        outbox: Outbox,
        adapters: Mapping[str, ChatAdapter],
        *,
        min_outlets: int,
        clock: Clock = utcnow,
        run_blocking: Callable[..., Any] = asyncio.to_thread,
        allowed: Allows = allow_all,
    ) -> None:
        self.service = service
        self.book = book
        self.outbox = outbox
        self.adapters = adapters
        self.min_outlets = min_outlets
        self.clock = clock
        self.run_blocking = run_blocking
        self.allowed = allowed
        self._seen: dict[int, int] = {}
        """Story id -> outlet count when last looked at."""
        self._since: datetime | None = None

    async def check(self) -> int:
        """Plan the alerts the latest refresh calls for; returns how many were planned."""
        started = self.clock()
        if self._since is None:
            self._since = started
            self._remember(await self.run_blocking(self._stories, None, None))
            return 0
        since, seen_before = self._since, dict(self._seen)
        try:
            return await self._check(since, started)
        except BaseException:
            # Looked again from the same point next time: planned alerts have keys, so
            # nothing is sent twice, and no story's crossing is lost.
            self._since, self._seen = since, seen_before
            raise

    async def _check(self, since: datetime, started: datetime) -> int:
        self._since = started
        subscribers = [
            sub
            for sub in await self.run_blocking(self.book.active)
            if sub.sending and sub.alerts and self.allowed(sub.chat)
        ]
        if not subscribers:
            return 0
        changed = await self.run_blocking(self._stories, since, None)
        seen = dict(self._seen)
        self._remember(changed)
        crossed = [
            story
            for story in changed
            if len(story.outlets) >= self.min_outlets and seen.get(story.id, 0) < self.min_outlets
        ]
        new_ids = {story.id for story in changed if story.id not in seen}
        planned = 0
        for subscription in subscribers:
            found = await self._alerts_for(subscription, crossed, new_ids, since)
            for story, reason in found:
                planned += await self._plan(subscription, story, reason)
        return planned

    def _stories(self, since: datetime | None, topic: str | None) -> list[Any]:
        return list(self.service.digest(since=since, limit=WATCHED_STORIES, topic=topic).stories)

    def _remember(self, stories: list[Any]) -> None:
        self._seen.update({story.id: len(story.outlets) for story in stories})

    async def _alerts_for(
        self, subscription: Subscription, crossed: list[Any], new_ids: set[int], since: datetime
    ) -> list[tuple[Any, str]]:
        found: dict[int, tuple[Any, str]] = {
            story.id: (story, f"now reported by {len(story.outlets)} outlets") for story in crossed
        }
        if new_ids:
            for topic in subscription.topics:
                matches = await self.run_blocking(self._stories, since, topic)
                for story in matches:
                    if story.id in new_ids and story.id not in found:
                        found[story.id] = (story, f"new story about {topic}")
        return list(found.values())

    async def _plan(self, subscription: Subscription, story: Any, reason: str) -> int:
        adapter = self.adapters.get(subscription.chat.platform)
        if adapter is None:
            return 0
        key = alert_key(subscription.id, story.id)
        if await self.run_blocking(self.outbox.exists, key):
            return 0
        planned = await self.run_blocking(
            lambda: self.outbox.plan(
                key=key,
                subscription_id=subscription.id,
                kind="alert",
                payloads=adapter.render(alert_reply(self.service, story, reason=reason)),
                story_ids=[story.id],
            )
        )
        if planned is None:
            return 0
        log.info("alert for %s: story %s (%s)", subscription.chat.key, story.id, reason)
        return 1
