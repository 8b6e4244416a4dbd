"""The chat side's tables: chats, subscriptions, deliveries (one per digest slot or alert), outbox.

The database is the source of truth: scheduler jobs are rebuilt from ``subscriptions``,
and ``deliveries`` + ``outbox`` record what was (or is about to be) sent.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from summarizer.store.base import Base, UTCDateTime


class ChatRow(Base):
    """One chat (or forum topic) the bot has seen: its time zone and last digest's story order."""

    __tablename__ = "bot_chats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    """``ChatRef.key``: ``platform:chat[:thread]``."""
    platform: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[str] = mapped_column(String(200))
    thread_id: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str | None] = mapped_column(String(64))
    """IANA name; the book's default applies when unset."""
    last_story_ids: Mapped[str] = mapped_column(Text, default="[]")
    """JSON list of story ids in the order the last digest showed them."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SubscriptionRow(Base):
    """A chat's daily digest settings. Unsubscribing keeps the row with ``active`` false."""

    __tablename__ = "bot_subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_row_id: Mapped[int] = mapped_column(ForeignKey("bot_chats.id"), unique=True)
    send_at: Mapped[str] = mapped_column(String(5))
    """Local time of day, ``HH:MM``."""
    topics: Mapped[str] = mapped_column(Text, default="[]")
    """JSON list of topic words; empty means every story."""
    max_stories: Mapped[int | None] = mapped_column(Integer)
    points: Mapped[int | None] = mapped_column(Integer)
    """Key points per story in a digest; NULL: the short default."""
    alerts: Mapped[bool] = mapped_column(Boolean, default=False)
    quiet_days: Mapped[str] = mapped_column(String(10), default="skip")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    paused_reason: Mapped[str | None] = mapped_column(Text)
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DeliveryRow(Base):
    """One logical message: a digest for one slot, or one alert. ``key`` makes it happen once."""

    __tablename__ = "bot_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    """``digest:<subscription>:<slot>`` or ``alert:<subscription>:<story>``."""
    subscription_id: Mapped[int] = mapped_column(ForeignKey("bot_subscriptions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    """``digest``, ``quiet`` (one-line notice), ``alert`` or ``skipped``."""
    slot: Mapped[datetime | None] = mapped_column(UTCDateTime)
    story_ids: Mapped[str] = mapped_column(Text, default="[]")
    status: Mapped[str] = mapped_column(String(20), index=True)
    """``pending`` (parts in the outbox), ``sent``, ``skipped`` or ``failed``."""
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OutboxRow(Base):
    """One rendered message part, written before anything is sent; marked when acknowledged."""

    __tablename__ = "bot_outbox"
    __table_args__ = (UniqueConstraint("delivery_id", "part", name="uq_bot_outbox_delivery_part"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("bot_deliveries.id"), index=True)
    chat_key: Mapped[str] = mapped_column(String(300), index=True)
    part: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    """The adapter's rendered payload, as JSON."""
    status: Mapped[str] = mapped_column(String(20), index=True)
    """``pending``, ``sent`` or ``failed`` (permanent error)."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_id: Mapped[str | None] = mapped_column(String(200))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    """The sender (host, process) sending it now, on a database several senders share."""
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When the claim lapses if its sender stops renewing it (died mid-fan-out)."""


class SeenEventRow(Base):
    """An inbound platform event already handled (Slack's ``event_id``), kept for a day so
    that a redelivery, on whichever machine it lands, is answered once."""

    __tablename__ = "bot_seen_events"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
