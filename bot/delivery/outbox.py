"""The outbox: every digest or alert is rendered and written here before anything is sent.

One ``bot_deliveries`` row per logical message (unique key: one digest per
subscription and slot, one alert per subscription and story), one ``bot_outbox``
row per rendered part. A part is marked sent when the platform acknowledges it, so
a restart resumes with the unsent parts only. Old finished parts are pruned; their
deliveries stay, so a replayed key is still a no-op.

On PostgreSQL several senders may share the outbox (machines during a change of leader, or
sender processes): each pass *claims* whole chats' pending parts (``FOR UPDATE SKIP LOCKED``
under a short transaction lock, so one chat's parts go to one sender, in order) with a lease
that its sender renews while it is alive; a sender that dies leaves its claims to lapse, and the
next pass of another sender takes them over. SQLite keeps its single writer (one bot per
file) and never claims.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, delete, func, select, text, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from bot.adapters.base import Payload
from bot.chat import ChatRef
from bot.storage.tables import ChatRow, DeliveryRow, OutboxRow, SubscriptionRow
from summarizer.clock import Clock, utcnow
from summarizer.store import Store
from summarizer.store.advisory import NAMESPACE, holder_name, lock_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Part:
    """One pending message part, ready to send."""

    id: int
    delivery_id: int
    subscription_id: int
    chat: ChatRef
    part: int
    payload: Payload
    attempts: int
    next_attempt_at: datetime | None = None
    """Not to be sent before this (after a deferred retry)."""
    wanted: bool = True
    """False once the chat unsubscribed: the part is dropped, not sent late."""


FINISHED = ("sent", "failed")
"""Part statuses that never change again (a dropped part is ``failed``)."""
LEASE_SECONDS = 60.0
"""How long a claim holds without a renewal (a live sender renews its claims every third of
this): another sender takes a dead sender's parts over within this long."""
CLAIM_BATCH = 500
"""Parts one pass claims at most on a shared outbox, so that other senders get a share."""
CLAIMING = lock_key("briefbot.outbox.claim")


def digest_key(subscription_id: int, slot: datetime) -> str:
    """The idempotency key of one scheduled digest."""
    return f"digest:{subscription_id}:{slot.strftime('%Y-%m-%dT%H:%MZ')}"


def alert_key(subscription_id: int, story_id: int) -> str:
    """The idempotency key of the one alert a subscription gets for a story."""
    return f"alert:{subscription_id}:{story_id}"


class Outbox:
    """Writes planned deliveries and tracks each part until the platform acknowledges it."""

    def __init__(
        self, store: Store, *, clock: Clock = utcnow, lease_seconds: float = LEASE_SECONDS
    ) -> None:
        self.store = store
        self.clock = clock
        self.lease = timedelta(seconds=lease_seconds)
        self.shared = store.engine.dialect.name == "postgresql"
        """Whether other senders may share this outbox (then passes claim their parts)."""
        self.sender = f"{holder_name()} outbox {id(self):x}"

    def exists(self, key: str) -> bool:
        with self.store.session() as session:
            return session.scalar(select(DeliveryRow.id).where(DeliveryRow.key == key)) is not None

    def plan(
        self,
        *,
        key: str,
        subscription_id: int,
        kind: str,
        payloads: Sequence[Payload],
        slot: datetime | None = None,
        story_ids: Sequence[int] = (),
        covered_until: datetime | None = None,
    ) -> int | None:
        """Write one delivery and its parts atomically; None if ``key`` was already planned.

        ``covered_until`` (digests) moves the subscription's ``last_digest_at`` and the
        chat's remembered story order in the same transaction.
        """
        now = self.clock()
        try:
            with self.store.session() as session:
                sub = session.get_one(SubscriptionRow, subscription_id)
                chat = session.get_one(ChatRow, sub.chat_row_id)
                delivery = DeliveryRow(
                    key=key,
                    subscription_id=subscription_id,
                    kind=kind,
                    slot=slot,
                    story_ids=json.dumps(list(story_ids)),
                    status="pending" if payloads else "sent",
                    created_at=now,
                    completed_at=None if payloads else now,
                )
                session.add(delivery)
                session.flush()
                for number, payload in enumerate(payloads, start=1):
                    session.add(
                        OutboxRow(
                            delivery_id=delivery.id,
                            chat_key=chat.key,
                            part=number,
                            payload=json.dumps(payload, ensure_ascii=False),
                            status="pending",
                            attempts=0,
                            created_at=now,
                        )
                    )
                if covered_until is not None:
                    sub.last_digest_at = covered_until
                    if story_ids:
                        chat.last_story_ids = json.dumps(list(story_ids))
                return delivery.id
        except IntegrityError:
            return None

    def record_skipped(
        self, *, key: str, subscription_id: int, slot: datetime | None, note: str
    ) -> bool:
        """Record a slot that was deliberately not sent (quiet day, missed beyond grace)."""
        now = self.clock()
        try:
            with self.store.session() as session:
                session.add(
                    DeliveryRow(
                        key=key,
                        subscription_id=subscription_id,
                        kind="skipped",
                        slot=slot,
                        story_ids="[]",
                        status="skipped",
                        note=note,
                        created_at=now,
                        completed_at=now,
                    )
                )
            return True
        except IntegrityError:
            return False

    def pending(self, *, limit: int = 10_000) -> list[Part]:
        """Unsent parts, oldest delivery first, parts in order (check ``next_attempt_at``)."""
        return self._parts(limit=limit, claim=False)

    def claim(self) -> list[Part]:
        """The parts a pass is to send: :meth:`pending`, or on a shared outbox those this
        sender claimed now (up to :data:`CLAIM_BATCH` of chats no other sender holds;
        :meth:`release` them after the pass)."""
        if self.shared:
            return self._parts(limit=CLAIM_BATCH, claim=True)
        return self.pending()

    def _parts(self, *, limit: int, claim: bool) -> list[Part]:
        query = (
            select(OutboxRow, DeliveryRow.subscription_id, ChatRow, SubscriptionRow.active)
            .join(DeliveryRow, DeliveryRow.id == OutboxRow.delivery_id)
            .join(SubscriptionRow, SubscriptionRow.id == DeliveryRow.subscription_id)
            .join(ChatRow, ChatRow.key == OutboxRow.chat_key)
            .where(OutboxRow.status == "pending")
            .order_by(OutboxRow.delivery_id, OutboxRow.part)
            .limit(limit)
        )
        with self.store.session() as session:
            if claim:
                query = query.where(OutboxRow.id.in_(self._claim(session, limit)))
            return [
                Part(
                    id=row.id,
                    delivery_id=row.delivery_id,
                    subscription_id=subscription_id,
                    chat=ChatRef(chat.platform, chat.chat_id, chat.thread_id),
                    part=row.part,
                    payload=json.loads(row.payload),
                    attempts=row.attempts,
                    next_attempt_at=row.next_attempt_at,
                    wanted=active,
                )
                for row, subscription_id, chat, active in session.execute(query)
            ]

    def _claim(self, session: Session, limit: int) -> list[int]:
        """Claim the pending parts of chats no other sender holds; their ids."""
        now = self.clock()
        session.execute(
            text("SELECT pg_advisory_xact_lock(:namespace, :key)"),
            {"namespace": NAMESPACE, "key": CLAIMING},
        )  # claims one at a time (milliseconds), so a chat's parts go to one sender
        held_elsewhere = select(OutboxRow.chat_key).where(
            OutboxRow.status == "pending",
            OutboxRow.claimed_until >= now,
            OutboxRow.claimed_by != self.sender,
        )
        free: Select[tuple[int]] = (
            select(OutboxRow.id)
            .where(OutboxRow.status == "pending", OutboxRow.chat_key.not_in(held_elsewhere))
            .order_by(OutboxRow.delivery_id, OutboxRow.part)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        ids = list(session.scalars(free))
        if ids:
            session.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(ids))
                .values(claimed_by=self.sender, claimed_until=now + self.lease)
            )
        session.commit()
        return ids

    def renew(self) -> None:
        """Extend this sender's claims on the parts it still holds (it is alive and sending:
        the dispatcher calls this every third of the lease while a pass runs)."""
        if not self.shared:
            return
        with self.store.session() as session:
            session.execute(
                update(OutboxRow)
                .where(OutboxRow.claimed_by == self.sender, OutboxRow.status == "pending")
                .values(claimed_until=self.clock() + self.lease)
            )

    def release(self) -> None:
        """Give up this sender's claims on parts still pending (end of a pass)."""
        if not self.shared:
            return
        try:
            with self.store.session() as session:
                session.execute(
                    update(OutboxRow)
                    .where(OutboxRow.claimed_by == self.sender, OutboxRow.status == "pending")
                    .values(claimed_by=None, claimed_until=None)
                )
        except SQLAlchemyError as error:  # the claims lapse on their own
            log.warning("outbox claims not released (%s); they lapse within the lease", error)

    def mark_sent(self, part: Part, message_id: str) -> None:
        """The platform acknowledged the part; complete the delivery when it was the last."""
        now = self.clock()
        with self.store.session() as session:
            row = session.get_one(OutboxRow, part.id)
            row.status, row.message_id, row.sent_at = "sent", str(message_id), now
            row.attempts += 1
            session.flush()
            left = session.scalar(
                select(func.count(OutboxRow.id)).where(
                    OutboxRow.delivery_id == part.delivery_id, OutboxRow.status != "sent"
                )
            )
            if not left:
                delivery = session.get_one(DeliveryRow, part.delivery_id)
                delivery.status, delivery.completed_at = "sent", now

    def note_failure(self, part: Part, error: str, *, retry_in: float | None = None) -> None:
        """Count a failed attempt; with ``retry_in`` the part waits that long for a later pass."""
        with self.store.session() as session:
            row = session.get_one(OutboxRow, part.id)
            row.attempts += 1
            row.last_error = error[:500]
            if retry_in is not None:
                row.next_attempt_at = self.clock() + timedelta(seconds=retry_in)

    def drop_part(self, part: Part, reason: str) -> None:
        """The platform refused this message for good (not the chat): never send it."""
        now = self.clock()
        with self.store.session() as session:
            row = session.get_one(OutboxRow, part.id)
            row.status, row.last_error = "failed", reason[:500]
            row.attempts += 1
            delivery = session.get_one(DeliveryRow, part.delivery_id)
            delivery.status, delivery.note, delivery.completed_at = "failed", reason[:500], now

    def fail_subscription(self, part: Part, reason: str) -> int:
        """Give up on every unsent part of this subscription (permanent error); how many."""
        now = self.clock()
        with self.store.session() as session:
            deliveries = select(DeliveryRow.id).where(
                DeliveryRow.subscription_id == part.subscription_id
            )
            failed = session.execute(
                update(OutboxRow)
                .where(OutboxRow.status == "pending", OutboxRow.delivery_id.in_(deliveries))
                .values(status="failed", last_error=reason[:500])
            ).rowcount
            session.execute(
                update(DeliveryRow)
                .where(
                    DeliveryRow.subscription_id == part.subscription_id,
                    DeliveryRow.status == "pending",
                )
                .values(status="failed", note=reason[:500], completed_at=now)
            )
            return int(failed or 0)

    def prune(self, before: datetime) -> int:
        """Delete the parts of finished deliveries created before ``before``; how many.

        A delivery is finished when none of its parts is pending: a part waiting out a
        retry keeps its whole delivery, whatever its age. The ``bot_deliveries`` rows stay
        (their keys make a replayed slot or alert a no-op; status, times and failure note
        remain there).
        """
        unfinished = select(OutboxRow.delivery_id).where(OutboxRow.status.not_in(FINISHED))
        old = select(DeliveryRow.id).where(
            DeliveryRow.created_at < before, DeliveryRow.id.not_in(unfinished)
        )
        with self.store.session() as session:
            pruned = session.execute(
                delete(OutboxRow).where(
                    OutboxRow.delivery_id.in_(old), OutboxRow.status.in_(FINISHED)
                )
            ).rowcount
            return int(pruned or 0)

    def counts(self) -> dict[str, int]:
        """Parts still held in the outbox, by status (pruned parts are gone)."""
        with self.store.session() as session:
            rows = session.execute(
                select(OutboxRow.status, func.count(OutboxRow.id)).group_by(OutboxRow.status)
            )
            return {status: count for status, count in rows}
