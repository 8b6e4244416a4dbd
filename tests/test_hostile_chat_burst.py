"""Cheap answers never wait behind expensive ones; a /digest or /who asked again within a
minute is not computed again. (Speed itself is measured by ``bench/burst.py``, not here.)

Before: python-telegram-bot handled 8 updates at a time, so ten slow ``/digest`` commands
left ``/who`` unanswered until one of them finished; every ``/digest`` was computed anew.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from bot.adapters.telegram import TelegramAdapter
from bot.answer_cache import CachedAnswers
from bot.chat import ChatRef
from bot.commands import CommandCore
from bot.lanes import HEAVY_AT_ONCE, Lanes
from bot.runtime import Runtime
from bot.settings import Settings
from bot.storage import BOT_MIGRATIONS
from bot.subscriptions import SubscriptionBook
from summarizer.store import Store
from tests.fakes.service import NOW, FakeService
from tests.fakes.telegram_api import TOKEN, FakeTelegram
from tests.fakes.testbot import TestBot

SLOW_DIGESTS = 10


@dataclass
class SlowDigests(FakeService):
    """Its digests wait until released (as a large store's do); counts those running."""

    release: threading.Event = field(default_factory=threading.Event)
    running: int = 0
    most: int = 0

    def digest(self, **kwargs: Any) -> Any:
        self.running += 1
        self.most = max(self.most, self.running)
        self.release.wait(30)
        self.running -= 1
        return super().digest(**kwargs)


@pytest.fixture
async def slow_bot(
    telegram: FakeTelegram, book: SubscriptionBook
) -> AsyncIterator[tuple[TelegramAdapter, SlowDigests]]:
    """The adapter and command core wired as the runtime wires them (lanes around the core)."""
    service = SlowDigests()
    bot = TelegramAdapter(TOKEN, api_url=telegram.base_url, poll_timeout=5)
    core = CommandCore(service, book, clock=lambda: NOW)
    await bot.start(Lanes().wrap(core.handler_for(bot)))
    yield bot, service
    service.release.set()
    await bot.stop()


async def test_who_is_answered_while_ten_digests_are_being_computed(
    telegram: FakeTelegram, slow_bot: tuple[TelegramAdapter, SlowDigests]
) -> None:
    _, service = slow_bot
    for chat in range(SLOW_DIGESTS):
        telegram.queue_message("/digest", chat_id=100 + chat)
    await telegram.wait_fetched()
    telegram.queue_message("/who Witkoff", chat_id=42)
    [answer] = await telegram.wait_for("sendMessage", timeout=15)  # no digest is done yet
    assert answer["chat_id"] == 42
    assert answer["text"].startswith("<b>Steve Witkoff — US special envoy</b>")
    assert service.most <= HEAVY_AT_ONCE  # the expensive lane holds at most two
    service.release.set()
    sent = await telegram.wait_for("sendMessage", 1 + SLOW_DIGESTS, timeout=30)
    assert sum(m["text"].startswith("<b>Top stories") for m in sent) == SLOW_DIGESTS


def test_a_digest_asked_again_within_a_minute_is_not_computed_again(
    service: FakeService, book: SubscriptionBook
) -> None:
    seconds = [0.0]
    cached = CachedAnswers(service, clock=lambda: seconds[0])
    chats = [TestBot(cached, book, chat=book_chat(n), clock=lambda: NOW) for n in range(3)]
    first = chats[0].exec("/digest")
    assert first.startswith("Top stories since")
    seconds[0] = 59.0
    assert [bot.exec("/digest") for bot in chats[1:]] == [first, first]  # what users see
    assert digests(service) == 1
    seconds[0] = 121.0  # older than a minute: asked anew
    chats[0].exec("/digest")
    assert digests(service) == 2
    cached.invalidate()  # the store changed
    chats[1].exec("/digest")
    assert digests(service) == 3


def test_another_period_topic_or_size_is_computed_on_its_own(service: FakeService) -> None:
    cached = CachedAnswers(service, clock=lambda: 0.0)
    cached.digest(since=NOW, limit=5)
    cached.digest(since=NOW + timedelta(seconds=30), limit=5)
    assert digests(service) == 1
    cached.digest(since=NOW - timedelta(hours=3), limit=5)
    cached.digest(since=NOW, limit=3)
    cached.digest(since=NOW, limit=5, topic="rates")
    assert digests(service) == 4
    assert cached.sources() == service.sources()  # everything else goes to the service


def test_who_asked_again_within_a_minute_is_not_looked_up_again(service: FakeService) -> None:
    seconds = [0.0]
    cached = CachedAnswers(service, clock=lambda: seconds[0])
    assert cached.who("Witkoff").name == cached.who("Witkoff").name == "Steve Witkoff"
    cached.who("Smith")
    seconds[0] = 61.0
    cached.who("Witkoff")
    assert [args for name, args, _ in service.calls if name == "who"] == [
        ("Witkoff",),
        ("Smith",),
        ("Witkoff",),
    ]


@dataclass
class SlowWho(FakeService):
    """Its ``who`` waits until released; counts the lookups."""

    release: threading.Event = field(default_factory=threading.Event)
    lookups: int = 0
    fail: bool = False

    def who(self, name: str) -> Any:
        self.lookups += 1
        self.release.wait(10)
        if self.fail:
            raise RuntimeError("store unavailable")
        return super().who(name)


def ask_together(cached: CachedAnswers, askers: int) -> list[Any]:
    """``askers`` threads ask ``who Witkoff`` at once; their answers or errors."""
    results: list[Any] = [None] * askers

    def ask(n: int) -> None:
        try:
            results[n] = cached.who("Witkoff").name
        except RuntimeError as error:
            results[n] = str(error)

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(askers)]
    for thread in threads:
        thread.start()
    return results, threads  # type: ignore[return-value]


def test_the_same_question_asked_while_it_is_being_answered_is_looked_up_once() -> None:
    """Before: twenty chats asking /who at the same moment each looked it up (the cache only
    helps once an answer is kept), so a burst cost twenty lookups."""
    service = SlowWho()
    results, threads = ask_together(CachedAnswers(service, clock=lambda: 0.0), 10)
    service.release.set()
    for thread in threads:
        thread.join(10)
    assert results == ["Steve Witkoff"] * 10
    assert service.lookups == 1


def test_a_failed_lookup_fails_every_asker_and_is_not_kept() -> None:
    service = SlowWho(fail=True)
    cached = CachedAnswers(service, clock=lambda: 0.0)
    results, threads = ask_together(cached, 5)
    service.release.set()
    for thread in threads:
        thread.join(10)
    assert results == ["store unavailable"] * 5  # each chat gets the error path, none hangs
    service.fail = False
    assert cached.who("Witkoff").name == "Steve Witkoff"  # asked anew, not a kept failure


async def test_the_runtime_forgets_cached_digests_after_each_refresh(database_url: str) -> None:
    service = FakeService()
    store = Store(database_url, extra_migrations=[BOT_MIGRATIONS])
    service.store = store  # type: ignore[attr-defined]
    runtime = Runtime(Settings(database_url=database_url), service=service, adapters=[])
    runtime.answers.digest(since=NOW, limit=5)
    runtime.scheduler.after_refresh = _nothing  # type: ignore[method-assign]
    await runtime._after_refresh()
    runtime.answers.digest(since=NOW, limit=5)
    assert digests(service) == 2
    store.close()


async def _nothing() -> None:
    await asyncio.sleep(0)


def book_chat(number: int) -> ChatRef:
    return ChatRef("telegram", str(1000 + number))


def digests(service: FakeService) -> int:
    return sum(1 for name, _, _ in service.calls if name == "digest")
