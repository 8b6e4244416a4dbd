"""Sends the outbox's due parts: chats in parallel, each chat's parts in order, rate-limited."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from sqlalchemy.exc import SQLAlchemyError

from bot.access import SETTING, Allows, allow_all
from bot.adapters.base import (
    ChatAdapter,
    DeliveryError,
    PermanentError,
    RetryLater,
    TransientError,
)
from bot.delivery.outbox import Outbox, Part
from bot.delivery.ratelimit import RateLimiter
from bot.delivery.retry import RetryPolicy

log = logging.getLogger(__name__)

NOT_ALLOWED = f"the chat is not in {SETTING}"
Pause = Callable[[int, str], None]
"""Called as ``pause(subscription_id, reason)`` after a permanent error."""


class Outcome(Enum):
    SENT = "sent"
    DEFERRED = "deferred"
    """Left pending in the outbox for a later pass."""
    FAILED = "failed"
    """Permanent error: the subscription is paused."""
    DROPPED = "dropped"
    """The platform refused this message (not the chat); the chat's next parts go on."""


@dataclass
class PassReport:
    """What one outbox pass did."""

    sent: int = 0
    deferred: int = 0
    failed: int = 0
    dropped: int = 0
    retries: int = 0
    paused: list[int] = field(default_factory=list)


class Dispatcher:
    """Delivers the outbox through the adapters, honouring rate limits and the retry policy."""

    def __init__(
        self,
        outbox: Outbox,
        adapters: Mapping[str, ChatAdapter],
        *,
        limiter: RateLimiter,
        policy: RetryPolicy | None = None,
        pause: Pause | None = None,
        concurrency: int = 64,
        allowed: Allows = allow_all,
    ) -> None:
        self.outbox = outbox
        self.adapters = adapters
        self.limiter = limiter
        self.timer = limiter.timer
        self.policy = policy or RetryPolicy()
        self.pause = pause
        self.concurrency = concurrency
        self.allowed = allowed
        """A part for a chat off ``BRIEFBOT_ALLOWED_CHATS`` is dropped, not sent (nor kept:
        it would arrive stale if the chat were allowed again)."""
        self._lock = asyncio.Lock()
        self._closing = False
        self._unrecorded: dict[int, tuple[Part, str]] = {}
        """Parts the platform acknowledged whose record failed (database locked or full):
        recorded at the next pass, never sent again by this process."""

    async def close(self, *, grace: float) -> None:
        """Start no more sends; wait up to ``grace`` seconds for the sends in flight to be
        acknowledged and recorded, so a stop does not send them again at the next start."""
        self._closing = True
        try:
            await asyncio.wait_for(self._lock.acquire(), grace)
        except TimeoutError:
            log.warning("stopping: an outbox pass was still sending; its part stays pending")
        else:
            self._record_unrecorded()
            self._lock.release()
        if self._unrecorded:
            log.error(
                "stopping: %d sent parts could not be recorded; they are sent again at the "
                "next start",
                len(self._unrecorded),
            )

    async def run_pass(self) -> PassReport:
        """Send every due part once through (passes never overlap; none after :meth:`close`)."""
        async with self._lock:
            report = PassReport()
            if self._closing:
                return report
            self._record_unrecorded()
            by_chat: dict[str, list[Part]] = {}
            load: Counter[tuple[str, str]] = Counter()
            for part in self.outbox.claim():
                if part.id in self._unrecorded:
                    continue  # sent already; its record waits for the database
                by_chat.setdefault(part.chat.key, []).append(part)
                load[(part.chat.platform, part.chat.chat_id)] += 1
            # Longest per-chat queues first (forum topics share their group's), so the
            # chats that need the most seconds start at once; otherwise oldest first.
            queues = sorted(
                by_chat.values(), key=lambda ps: -load[(ps[0].chat.platform, ps[0].chat.chat_id)]
            )
            gate = asyncio.Semaphore(self.concurrency)

            async def one_chat(parts: list[Part]) -> None:
                async with gate:
                    await self._deliver_chat(parts, report)

            keeping = asyncio.create_task(self._keep_claims()) if self.outbox.shared else None
            try:
                await asyncio.gather(*(one_chat(parts) for parts in queues))
            finally:
                if keeping is not None:
                    keeping.cancel()
                self.outbox.release()  # parts left pending go to whichever sender passes next
            if report.sent or report.deferred or report.failed or report.dropped:
                log.info(
                    "outbox pass: %d sent, %d deferred, %d failed, %d dropped, %d retries",
                    report.sent,
                    report.deferred,
                    report.failed,
                    report.dropped,
                    report.retries,
                )
            return report

    async def _keep_claims(self) -> None:
        """Renew this sender's outbox claims every third of the lease (real time) while a
        pass runs on a shared outbox, so that no other sender takes its parts meanwhile."""
        while True:
            await asyncio.sleep(self.outbox.lease.total_seconds() / 3)
            try:
                await asyncio.to_thread(self.outbox.renew)
            except SQLAlchemyError as error:
                log.warning("outbox claims not renewed (%s); they may lapse", error)

    async def _deliver_chat(self, parts: list[Part], report: PassReport) -> None:
        """Send one chat's parts in order; stop at the first one that cannot go now."""
        now = self.outbox.clock()
        if parts and not self.allowed(parts[0].chat):
            for part in parts:
                self.outbox.drop_part(part, NOT_ALLOWED)
            report.dropped += len(parts)
            log.warning("%s: %d parts dropped: %s", parts[0].chat.key, len(parts), NOT_ALLOWED)
            return
        for part in parts:
            if self._closing:
                return  # stopping: the rest waits in the outbox for the next start
            if not part.wanted:
                self.outbox.drop_part(part, "the chat unsubscribed before it was sent")
                report.dropped += 1
                continue
            if part.next_attempt_at is not None and part.next_attempt_at > now:
                return  # waiting out a retry delay; later parts keep their place behind it
            outcome = await self._send(part, report)
            if outcome is Outcome.SENT:
                report.sent += 1
            elif outcome is Outcome.DROPPED:
                report.dropped += 1
            elif outcome is Outcome.DEFERRED:
                report.deferred += 1
                return
            else:
                report.failed += 1
                return

    async def _send(self, part: Part, report: PassReport) -> Outcome:
        adapter = self.adapters.get(part.chat.platform)
        if adapter is None:
            self.outbox.note_failure(
                part, f"no {part.chat.platform} adapter configured", retry_in=3600
            )
            log.warning("no adapter for %s; part %d left in the outbox", part.chat.key, part.id)
            return Outcome.DEFERRED
        not_before: float | None = None
        for attempt in range(1, self.policy.max_attempts + 1):
            await self.limiter.acquire(part.chat, not_before=not_before)
            try:
                message_id = await adapter.send(part.chat, part.payload)
            except RetryLater as error:
                problem, wait = str(error), error.retry_after
                if wait > self.policy.max_wait:
                    return self._defer(part, problem, wait)
            except PermanentError as error:
                return self._fail(part, str(error), report)
            except TransientError as error:
                problem, wait = str(error), self.policy.delay(attempt)
            except DeliveryError as error:  # the platform refused the message, not the chat
                return self._drop(part, str(error))
            except Exception as error:  # an adapter bug: logged, then treated as transient
                log.exception("unexpected error sending to %s", part.chat.key)
                problem, wait = repr(error), self.policy.delay(attempt)
            else:
                self._record_sent(part, message_id)
                return Outcome.SENT
            if attempt == self.policy.max_attempts:
                retry_in = max(wait, self.policy.next_pass_delay(part.attempts + attempt))
                return self._defer(part, problem, retry_in)
            self.outbox.note_failure(part, problem)
            report.retries += 1
            not_before = self.timer.now() + wait
        raise AssertionError("unreachable")  # pragma: no cover

    def _record_sent(self, part: Part, message_id: str) -> None:
        try:
            self.outbox.mark_sent(part, message_id)
        except SQLAlchemyError as error:
            self._unrecorded[part.id] = (part, message_id)
            log.warning(
                "%s: part %d was sent but could not be recorded (%s); it is recorded at the "
                "next pass and not sent again",
                part.chat.key,
                part.id,
                getattr(error, "orig", None) or error,
            )

    def _record_unrecorded(self) -> None:
        for part_id, (part, message_id) in list(self._unrecorded.items()):
            try:
                self.outbox.mark_sent(part, message_id)
            except SQLAlchemyError:
                return  # still locked: the next pass tries again
            del self._unrecorded[part_id]

    def _defer(self, part: Part, error: str, retry_in: float) -> Outcome:
        self.outbox.note_failure(part, error, retry_in=retry_in)
        log.warning("%s: %s; part %d retried in %.0fs", part.chat.key, error, part.id, retry_in)
        return Outcome.DEFERRED

    def _drop(self, part: Part, error: str) -> Outcome:
        self.outbox.drop_part(part, error)
        log.error("%s: part %d dropped, the platform refused it: %s", part.chat.key, part.id, error)
        return Outcome.DROPPED

    def _fail(self, part: Part, error: str, report: PassReport) -> Outcome:
        reason = f"{part.chat.platform} refused delivery: {error}"
        dropped = self.outbox.fail_subscription(part, reason)
        log.error(
            "subscription %d paused (%d unsent parts dropped): %s",
            part.subscription_id,
            dropped,
            reason,
        )
        if self.pause is not None:
            self.pause(part.subscription_id, reason)
        report.paused.append(part.subscription_id)
        return Outcome.FAILED
