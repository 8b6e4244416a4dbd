"""Per-chat subscriptions and chat state, kept in the database (the source of truth).

Commands change subscriptions through :class:`SubscriptionBook`; the scheduler
listens (:meth:`SubscriptionBook.watch`) and rebuilds the chat's jobs.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from functools import cache
from typing import Any, Literal
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.chat import ChatRef
from bot.storage.tables import ChatRow, SubscriptionRow
from bot.zones import find_zone
from summarizer.clock import Clock, utcnow
from summarizer.store import Store

log = logging.getLogger(__name__)

DEFAULT_SEND_AT = time(8, 0)
QUIET_DAYS = ("skip", "notice")
MAX_STORIES_LIMIT = 20
MAX_POINTS = 4
"""A story has at most four key points."""

QuietDays = Literal["skip", "notice"]
Listener = Callable[["Subscription"], None]


@dataclass(frozen=True)
class Subscription:
    """A chat's daily digest settings as the scheduler and commands see them."""

    chat: ChatRef
    send_at: time
    """Local time of day the digest is sent."""
    timezone: str
    """IANA time zone name ``send_at`` is read in."""
    topics: tuple[str, ...] = ()
    """Topic words; empty means every story."""
    max_stories: int | None = None
    """None means the service default (``digest_max_stories``)."""
    points: int | None = None
    """Key points per story in a digest; None means the short default (one or two)."""
    alerts: bool = False
    quiet_days: QuietDays = "skip"
    """On a day without new stories: ``skip`` sends nothing, ``notice`` sends one line."""
    active: bool = True
    """False once the chat unsubscribed."""
    paused_reason: str | None = None
    """Set when delivery failed permanently (bot removed, chat gone); nothing is sent."""
    last_digest_at: datetime | None = None
    """End of the period the last digest covered; None before the first."""
    id: int = 0
    """Database id (stable across restarts); used in delivery keys."""
    created_at: datetime | None = None

    @property
    def sending(self) -> bool:
        """Whether digests and alerts go out (active and not paused)."""
        return self.active and self.paused_reason is None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def check_timezone(name: str) -> str:
    """The canonical IANA name (any letter case), or ValueError saying what is accepted."""
    name = name.strip()
    canonical = _zone_names().get(name.lower())
    if canonical is None:
        if find_zone(name) is None:  # a zone the table lacks but the system knows is fine
            raise ValueError(f"unknown time zone {name!r}; use an IANA name like Europe/Berlin")
        return name
    return canonical


@cache
def _zone_names() -> dict[str, str]:
    """Every known IANA zone name, by its lower-case spelling."""
    return {zone.lower(): zone for zone in available_timezones()}


_TIME = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")


def parse_send_at(value: str) -> time:
    """``HH:MM`` (24-hour; ``HH.MM`` too) as a time; ValueError saying what is accepted."""
    match = _TIME.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"unknown time {value!r}; use 24-hour HH:MM like 08:00")
    return time(int(match[1]), int(match[2]))


class SubscriptionBook:
    """Subscriptions and chat state of every chat, over one store."""

    def __init__(self, store: Store, *, clock: Clock = utcnow, default_timezone: str = "UTC"):
        self.store = store
        self.clock = clock
        self.default_timezone = check_timezone(default_timezone)
        self._listeners: list[Listener] = []
        self._unknown_zones: set[tuple[str, str]] = set()

    def watch(self, listener: Listener) -> None:
        """Call ``listener(subscription)`` after every change (the scheduler rebuilds jobs)."""
        self._listeners.append(listener)

    # ---- reading

    def get(self, chat: ChatRef) -> Subscription | None:
        """The chat's subscription (possibly inactive), or None if it never subscribed."""
        with self.store.session() as session:
            found = self._row(session, chat)
            return None if found is None else self._to_subscription(*found)

    def by_id(self, subscription_id: int) -> Subscription | None:
        """One subscription by its database id."""
        with self.store.session() as session:
            row = session.get(SubscriptionRow, subscription_id)
            if row is None:
                return None
            return self._to_subscription(row, session.get_one(ChatRow, row.chat_row_id))

    def all(self) -> list[Subscription]:
        """Every subscription, active or not, oldest first."""
        with self.store.session() as session:
            query = (
                select(SubscriptionRow, ChatRow)
                .join(ChatRow, ChatRow.id == SubscriptionRow.chat_row_id)
                .order_by(SubscriptionRow.id)
            )
            return [self._to_subscription(sub, chat) for sub, chat in session.execute(query)]

    def active(self) -> list[Subscription]:
        """Subscriptions that are on (paused ones included: check ``sending``)."""
        return [sub for sub in self.all() if sub.active]

    def timezone(self, chat: ChatRef) -> str:
        """The chat's time zone, or the default."""
        with self.store.session() as session:
            row = self._chat_row(session, chat)
            return (row.timezone if row else None) or self.default_timezone

    def story_at(self, chat: ChatRef, position: int) -> int | None:
        """The story id at a 1-based position of this chat's last digest, or None."""
        with self.store.session() as session:
            row = self._chat_row(session, chat)
            ids = json.loads(row.last_story_ids) if row else []
        return ids[position - 1] if 1 <= position <= len(ids) else None

    # ---- changing

    def subscribe(
        self,
        chat: ChatRef,
        *,
        send_at: time | None = None,
        topics: Sequence[str] | None = None,
    ) -> Subscription:
        """Create or update the chat's subscription and turn it on (clears a pause).

        Arguments left as None keep their current value (08:00 and every topic when new).
        """
        now = self.clock()
        with self.store.session() as session:
            chat_row = self._chat_row(session, chat, create=True)
            row = session.scalar(
                select(SubscriptionRow).where(SubscriptionRow.chat_row_id == chat_row.id)
            )
            if row is None:
                row = SubscriptionRow(
                    chat_row_id=chat_row.id,
                    send_at=_format_time(send_at or DEFAULT_SEND_AT),
                    topics=json.dumps(_clean_topics(topics or ())),
                    alerts=False,
                    quiet_days="skip",
                    created_at=now,
                )
                session.add(row)
            else:
                if send_at is not None:
                    row.send_at = _format_time(send_at)
                if topics is not None:
                    row.topics = json.dumps(_clean_topics(topics))
            row.active = True
            row.paused_reason = None
            row.updated_at = now
            session.flush()
            subscription = self._to_subscription(row, chat_row)
        self._notify(subscription)
        return subscription

    def unsubscribe(self, chat: ChatRef) -> bool:
        """Turn the chat's subscription off; False if it had none that was on."""
        with self.store.session() as session:
            found = self._row(session, chat)
            if found is None or not found[0].active:
                return False
            found[0].active = False
            found[0].updated_at = self.clock()
            subscription = self._to_subscription(*found)
        self._notify(subscription)
        return True

    def set_timezone(self, chat: ChatRef, name: str) -> None:
        """Set the chat's time zone (IANA name); ValueError names what is accepted."""
        name = check_timezone(name)
        with self.store.session() as session:
            self._chat_row(session, chat, create=True).timezone = name
        subscription = self.get(chat)
        if subscription is not None:
            self._notify(subscription)

    def update(self, chat: ChatRef, **changes: Any) -> Subscription:
        """Change ``max_stories``, ``points``, ``alerts``, ``quiet_days``, ``send_at`` or
        ``topics``.

        Raises LookupError when the chat has no subscription, ValueError for a bad value.
        """
        with self.store.session() as session:
            found = self._row(session, chat)
            if found is None:
                raise LookupError("this chat has no subscription; subscribe first")
            row, chat_row = found
            for name, value in changes.items():
                _apply(row, name, value)
            row.updated_at = self.clock()
            subscription = self._to_subscription(row, chat_row)
        self._notify(subscription)
        return subscription

    def remember_digest(self, chat: ChatRef, story_ids: Sequence[int]) -> None:
        """Record the order of the digest just shown, for ``/story N``."""
        with self.store.session() as session:
            self._chat_row(session, chat, create=True).last_story_ids = json.dumps(
                [int(i) for i in story_ids]
            )

    def pause(self, subscription_id: int, reason: str) -> None:
        """Stop sending to a subscription after a permanent delivery error (stays active)."""
        with self.store.session() as session:
            row = session.get(SubscriptionRow, subscription_id)
            if row is None:
                return
            row.paused_reason = reason
            row.updated_at = self.clock()
        log.warning("subscription %s paused: %s", subscription_id, reason)
        subscription = self.by_id(subscription_id)
        if subscription is not None:
            self._notify(subscription)

    def mark_digest(self, subscription_id: int, moment: datetime) -> None:
        """Record the end of the period the last digest covered."""
        with self.store.session() as session:
            row = session.get(SubscriptionRow, subscription_id)
            if row is not None and (row.last_digest_at is None or row.last_digest_at < moment):
                row.last_digest_at = moment

    # ---- helpers

    def _notify(self, subscription: Subscription) -> None:
        for listener in self._listeners:
            try:
                listener(subscription)
            except Exception:
                log.exception("subscription listener failed for %s", subscription.chat.key)

    def _chat_row(self, session: Session, chat: ChatRef, *, create: bool = False) -> ChatRow:
        row = session.scalar(select(ChatRow).where(ChatRow.key == chat.key))
        if row is None and create:
            row = ChatRow(
                key=chat.key,
                platform=chat.platform,
                chat_id=chat.chat_id,
                thread_id=chat.thread_id,
                last_story_ids="[]",
                created_at=self.clock(),
            )
            session.add(row)
            session.flush()
        return row  # type: ignore[return-value]

    def _usable_zone(self, chat: ChatRow) -> str:
        """The chat's zone, or the default when this system's tz database lacks it (a zone
        removed or renamed by a tzdata update); logged once per chat and zone."""
        name = chat.timezone or self.default_timezone
        if find_zone(name) is None:
            if (chat.key, name) not in self._unknown_zones:
                self._unknown_zones.add((chat.key, name))
                log.error(
                    "%s: time zone %r is not in this system's tz database (tzdata changed?); "
                    "using %s until the chat sets its time zone again",
                    chat.key,
                    name,
                    self.default_timezone,
                )
            return self.default_timezone
        return name

    def _row(self, session: Session, chat: ChatRef) -> tuple[SubscriptionRow, ChatRow] | None:
        query = (
            select(SubscriptionRow, ChatRow)
            .join(ChatRow, ChatRow.id == SubscriptionRow.chat_row_id)
            .where(ChatRow.key == chat.key)
        )
        found = session.execute(query).first()
        return None if found is None else (found[0], found[1])

    def _to_subscription(self, row: SubscriptionRow, chat: ChatRow) -> Subscription:
        return Subscription(
            chat=ChatRef(chat.platform, chat.chat_id, chat.thread_id),
            send_at=parse_send_at(row.send_at),
            timezone=self._usable_zone(chat),
            topics=tuple(json.loads(row.topics)),
            max_stories=row.max_stories,
            points=row.points,
            alerts=row.alerts,
            quiet_days=row.quiet_days,  # type: ignore[arg-type]
            active=row.active,
            paused_reason=row.paused_reason,
            last_digest_at=row.last_digest_at,
            id=row.id,
            created_at=row.created_at,
        )


def _format_time(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _clean_topics(topics: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for topic in topics:
        word = " ".join(topic.split())
        if word and word.lower() not in (s.lower() for s in seen):
            seen.append(word)
    return seen


def _apply(row: SubscriptionRow, name: str, value: Any) -> None:
    """Set one validated field on a subscription row."""
    if name == "max_stories":
        if value is not None and not (isinstance(value, int) and 1 <= value <= MAX_STORIES_LIMIT):
            raise ValueError(f"max stories must be a number from 1 to {MAX_STORIES_LIMIT}")
        row.max_stories = value
    elif name == "points":
        if value is not None and not (isinstance(value, int) and 1 <= value <= MAX_POINTS):
            raise ValueError(f"points per story must be a number from 1 to {MAX_POINTS}")
        row.points = value
    elif name == "alerts":
        if not isinstance(value, bool):
            raise ValueError("alerts must be on or off")
        row.alerts = value
    elif name == "quiet_days":
        if value not in QUIET_DAYS:
            raise ValueError("quiet days must be 'skip' or 'notice'")
        row.quiet_days = value
    elif name == "send_at":
        row.send_at = _format_time(parse_send_at(value) if isinstance(value, str) else value)
    elif name == "topics":
        row.topics = json.dumps(_clean_topics(value or ()))
    else:
        raise ValueError(
            f"unknown setting {name!r}; use max_stories, points, alerts, quiet_days, send_at"
            " or topics"
        )
