"""SubscriptionBook: per-chat settings in the database, as commands and the scheduler use them."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.chat import ChatRef
from bot.storage import BOT_MIGRATIONS
from bot.subscriptions import Subscription, SubscriptionBook
from summarizer.store import Store

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
GROUP = ChatRef("telegram", "-100123")
TOPIC = ChatRef("telegram", "-100123", thread_id="7")


@pytest.fixture
def book(database_url: str) -> SubscriptionBook:
    store = Store(database_url, extra_migrations=[BOT_MIGRATIONS])
    yield SubscriptionBook(store, clock=lambda: NOW, default_timezone="Europe/London")
    store.close()


def test_subscribe_defaults_to_eight_and_every_topic(book: SubscriptionBook) -> None:
    assert book.get(GROUP) is None
    sub = book.subscribe(GROUP)
    assert (sub.send_at, sub.topics, sub.timezone, sub.active) == (
        time(8, 0),
        (),
        "Europe/London",
        True,
    )
    assert sub.quiet_days == "skip" and sub.alerts is False and sub.max_stories is None
    assert book.active() == [sub]


def test_forum_topic_is_its_own_subscription(book: SubscriptionBook) -> None:
    book.subscribe(GROUP, send_at=time(7, 0))
    book.subscribe(TOPIC, send_at=time(9, 30), topics=["Gaza", "gaza", "  AI   chips "])
    topic = book.get(TOPIC)
    assert topic is not None and topic.chat == TOPIC
    assert topic.topics == ("Gaza", "AI chips")  # duplicates and stray spaces dropped
    assert book.get(GROUP).send_at == time(7, 0)  # type: ignore[union-attr]


def test_subscribe_again_updates_and_reactivates(book: SubscriptionBook) -> None:
    book.subscribe(GROUP, topics=["energy"])
    assert book.unsubscribe(GROUP) is True
    assert book.unsubscribe(GROUP) is False  # nothing left to turn off
    assert book.active() == []
    assert book.get(GROUP).active is False  # type: ignore[union-attr]
    again = book.subscribe(GROUP, send_at=time(6, 45))
    assert again.active and again.send_at == time(6, 45) and again.topics == ("energy",)


def test_timezone_is_checked_and_reported(book: SubscriptionBook) -> None:
    assert book.timezone(GROUP) == "Europe/London"
    with pytest.raises(ValueError, match=r"unknown time zone 'Mars/Base'; use an IANA name"):
        book.set_timezone(GROUP, "Mars/Base")
    book.set_timezone(GROUP, "Europe/Berlin")
    assert book.timezone(GROUP) == "Europe/Berlin"
    assert book.subscribe(GROUP).timezone == "Europe/Berlin"


def test_update_validates_each_setting(book: SubscriptionBook) -> None:
    with pytest.raises(LookupError, match="subscribe first"):
        book.update(GROUP, alerts=True)
    book.subscribe(GROUP)
    sub = book.update(GROUP, max_stories=3, alerts=True, quiet_days="notice")
    assert (sub.max_stories, sub.alerts, sub.quiet_days) == (3, True, "notice")
    with pytest.raises(ValueError, match="from 1 to 20"):
        book.update(GROUP, max_stories=50)
    with pytest.raises(ValueError, match="'skip' or 'notice'"):
        book.update(GROUP, quiet_days="sometimes")
    with pytest.raises(ValueError, match="unknown setting 'colour'"):
        book.update(GROUP, colour="blue")
    assert book.get(GROUP).max_stories == 3  # type: ignore[union-attr]  (nothing half-applied)


def test_story_positions_follow_the_last_digest(book: SubscriptionBook) -> None:
    assert book.story_at(GROUP, 1) is None
    book.remember_digest(GROUP, [41, 7, 19])
    assert [book.story_at(GROUP, n) for n in (0, 1, 2, 3, 4)] == [None, 41, 7, 19, None]


def test_pause_keeps_subscription_active_but_not_sending(book: SubscriptionBook) -> None:
    seen: list[Subscription] = []
    book.watch(seen.append)
    sub = book.subscribe(GROUP)
    book.pause(sub.id, "bot was removed from the chat")
    paused = book.get(GROUP)
    assert paused is not None and paused.active and not paused.sending
    assert paused.paused_reason == "bot was removed from the chat"
    assert book.subscribe(GROUP).sending  # subscribing again clears the pause
    assert [s.sending for s in seen] == [True, False, True]


def test_time_zone_names_are_read_in_any_letter_case() -> None:
    from bot.subscriptions import check_timezone

    assert check_timezone("europe/berlin") == "Europe/Berlin"
    assert check_timezone(" AMERICA/NEW_YORK ") == "America/New_York"
    with pytest.raises(ValueError, match="use an IANA name like Europe/Berlin"):
        check_timezone("Mars/Base")


@pytest.mark.parametrize("typed", ["7:5", "24:00", "07:60", "0730", "7:30pm", ""])
def test_a_time_must_be_24_hour_hh_mm(typed: str) -> None:
    from bot.subscriptions import parse_send_at

    with pytest.raises(ValueError, match="use 24-hour HH:MM like 08:00"):
        parse_send_at(typed)


@pytest.mark.parametrize(
    ("typed", "hour", "minute"), [("7:30", 7, 30), ("07.30", 7, 30), ("23:59", 23, 59)]
)
def test_accepted_times(typed: str, hour: int, minute: int) -> None:
    from datetime import time

    from bot.subscriptions import parse_send_at

    assert parse_send_at(typed) == time(hour, minute)
