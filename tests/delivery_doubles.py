"""Doubles for the delivery and scheduler tests: a scripted adapter and a topic-aware service."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from bot.chat import ChatRef
from bot.delivery import Dispatcher, Outbox, RateLimiter, RetryPolicy, VirtualTimer
from bot.document import Bullets, Heading, Paragraph, Reply
from bot.storage import BOT_MIGRATIONS
from bot.subscriptions import SubscriptionBook
from summarizer.briefing.models import Briefing, Digest, KeyPoint
from summarizer.store import Store


class Crash(BaseException):
    """Stands in for the process dying (not an error the dispatcher may catch)."""


@dataclass
class ScriptedAdapter:
    """Renders one payload per block; ``script`` holds exceptions to raise on the next sends."""

    timer: VirtualTimer
    platform: str = "telegram"
    command_prefix: str = "/"
    script: list[BaseException | None] = field(default_factory=list)
    sent: list[tuple[ChatRef, dict[str, Any], float]] = field(default_factory=list)
    calls: int = 0

    def render(self, reply: Reply) -> list[dict[str, Any]]:
        return [{"text": _block_text(block)} for block in reply.blocks]

    async def send(self, chat: ChatRef, payload: dict[str, Any]) -> str:
        self.calls += 1
        outcome = self.script.pop(0) if self.script else None
        if outcome is not None:
            raise outcome
        self.sent.append((chat, payload, self.timer.now()))
        return f"m{len(self.sent)}"

    async def is_admin(self, chat: ChatRef, user_id: str) -> bool:
        return True

    def texts(self, chat: ChatRef | None = None) -> list[str]:
        return [p["text"] for c, p, _ in self.sent if chat is None or c == chat]


def _block_text(block: Any) -> str:
    if isinstance(block, Heading | Paragraph):
        return "".join(span.text for span in block.spans)
    if isinstance(block, Bullets):
        return "\n".join("• " + "".join(span.text for span in item) for item in block.items)
    return str(getattr(block, "text", block))


def story(story_id: int, headline: str, *outlets: str, rank: int = 1) -> Briefing:
    """A story (the real briefing type) covered by the given outlets, one point each."""
    ids = [story_id * 100 + n for n in range(len(outlets))]
    points = [
        KeyPoint(f"{headline}, says {outlet}.", outlet, article_id)
        for outlet, article_id in zip(outlets, ids, strict=True)
    ]
    return Briefing(story_id, headline, points, list(dict.fromkeys(outlets)), ids, rank=rank)


@dataclass
class TopicService:
    """The service's digest side over fixed stories; ``topic`` matches a headline word.

    Like the real one, each digest ranks its stories from 1.

    Every call is recorded in ``calls`` as ``(method, args, kwargs)``.
    """

    stories: tuple[Briefing, ...] = ()
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)

    def digest(self, *, since=None, limit=None, topic=None) -> Digest:  # type: ignore[no-untyped-def]
        self.calls.append(("digest", (), {"since": since, "limit": limit, "topic": topic}))
        stories = [s for s in self.stories if not topic or topic.lower() in s.headline.lower()]
        ranked = [replace(s, rank=n) for n, s in enumerate(stories[: limit or 5], start=1)]
        return Digest(START, since, ranked, topic)

    def article(self, article_id: int) -> SimpleNamespace | None:
        for briefing in self.stories:
            for point in briefing.points:
                if point.article_id == article_id:
                    return SimpleNamespace(
                        id=article_id,
                        headline=briefing.headline,
                        outlet=point.outlet,
                        url=f"https://news.example/{article_id}",
                        published=START,
                    )
        return None


@dataclass
class World:
    """Store, book, outbox, limiter and dispatcher over one SQLite file and one virtual clock."""

    store: Store
    timer: VirtualTimer
    book: SubscriptionBook
    outbox: Outbox
    adapter: ScriptedAdapter
    dispatcher: Dispatcher

    def restart(self) -> World:
        """The same database, fresh objects (as after a process restart)."""
        return make_world(self.store, self.timer, self.adapter)


def make_world(store: Store, timer: VirtualTimer, adapter: ScriptedAdapter) -> World:
    book = SubscriptionBook(store, clock=timer.clock, default_timezone="Europe/Berlin")
    outbox = Outbox(store, clock=timer.clock)
    policy = RetryPolicy(random=lambda: 0.5)
    dispatcher = Dispatcher(
        outbox,
        {"telegram": adapter},
        limiter=RateLimiter(timer=timer),
        policy=policy,
        pause=book.pause,
    )
    return World(store, timer, book, outbox, adapter, dispatcher)


START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


@pytest.fixture(name="world")
def world_fixture(database_url: str) -> Iterator[World]:
    store = Store(database_url, extra_migrations=[BOT_MIGRATIONS])
    timer = VirtualTimer(START)
    yield make_world(store, timer, ScriptedAdapter(timer))
    store.close()


@dataclass
class FolderService(TopicService):
    """A service double over a real store whose ``refresh`` reads a folder of tiny articles.

    Each ``*.txt`` file is ``headline`` on the first line and ``outlet`` on the second;
    files with the same headline form one story. A file that is not UTF-8 is rejected
    (logged as a bad file) without stopping the refresh.
    """

    store: Any = None
    corpus_dir: Any = None
    refreshes: int = 0
    rejected: list[str] = field(default_factory=list)

    def refresh(self, corpus_dir: Any = None) -> dict[str, int]:
        by_headline: dict[str, list[str]] = {}
        for path in sorted((corpus_dir or self.corpus_dir).glob("*.txt")):
            try:
                headline, outlet = path.read_text(encoding="utf-8").splitlines()[:2]
            except (UnicodeDecodeError, ValueError):
                self.rejected.append(path.name)
                continue
            by_headline.setdefault(headline, []).append(outlet)
        known = {s.headline: s.id for s in self.stories}
        for headline in by_headline:
            known.setdefault(headline, max(known.values(), default=0) + 1)
        self.stories = tuple(
            story(known[h], h, *outlets, rank=n)
            for n, (h, outlets) in enumerate(by_headline.items())
        )
        self.refreshes += 1
        return {"stories": len(self.stories)}

    def close(self) -> None:
        self.store.close()


def build_scheduler(
    world: World,
    service: Any,
    corpus: Any,
    *,
    plans: Any = None,
    scan_interval: float = 3600,
    **options: Any,
) -> Any:
    """A BotScheduler over ``world`` (Telegram only, a no-op watch); ``plans``: its
    DigestPlanner (default: no grace)."""
    from datetime import timedelta

    from bot.scheduler import AlertWatcher, BotScheduler, CorpusWatch, DigestPlanner

    adapters = {"telegram": world.adapter}
    if plans is None:
        plans = DigestPlanner(
            service, world.book, world.outbox, adapters, clock=world.timer.clock, grace=timedelta(0)
        )
    alerts = AlertWatcher(service, world.book, world.outbox, adapters, min_outlets=3)

    async def nothing() -> None:
        return None

    watch = CorpusWatch(service, corpus, after=nothing)
    return BotScheduler(
        world.book, plans, alerts, world.dispatcher, watch, scan_interval=scan_interval, **options
    )


async def inline(function: Any, *args: Any, **kwargs: Any) -> Any:
    """``run_blocking`` for tests: call the work on the event loop's thread."""
    return function(*args, **kwargs)


def planner(world: World, service: Any, grace_minutes: float = 120) -> Any:
    """A DigestPlanner over ``world`` (Telegram only) running its work inline."""
    from datetime import timedelta

    from bot.scheduler import DigestPlanner

    return DigestPlanner(
        service,
        world.book,
        world.outbox,
        {"telegram": world.adapter},
        clock=world.timer.clock,
        grace=timedelta(minutes=grace_minutes),
        run_blocking=inline,
    )
