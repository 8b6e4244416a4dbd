"""Fan-out of one digest slot to many subscriptions through the fake Telegram and Slack servers.

Every digest is planned into the outbox (rendered by the real adapters), then one
outbox pass sends it over HTTP with python-telegram-bot and slack-sdk to the local
fakes from ``tests/fakes``. By default rate limits run on a VIRTUAL clock (no real
sleeping): the makespan is in virtual seconds, the wall times are what the run really
took. ``--real`` runs on the real clock instead (use a scaled-down count, e.g. 100) as a
cross-check of the virtual figures. Faults (429 with retry-after, 5xx) are injected in a
second run.

Checks: every part delivered, none twice, and every Telegram/Slack window honoured
by the reserved send instants (failed attempts count too). Baselines in the same run:
the floor the rate limits allow, and a naive sender pacing one message a second.

    python bench/delivery.py [--subscriptions 1000] [--no-faults] [--real]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fakes.slack_api import FakeSlackApi  # noqa: E402
from fakes.telegram_api import TOKEN, FakeTelegram  # noqa: E402

from bot.adapters.slack.adapter import SlackAdapter  # noqa: E402
from bot.adapters.telegram.adapter import TelegramAdapter  # noqa: E402
from bot.chat import ChatRef  # noqa: E402
from bot.delivery import (  # noqa: E402
    DEFAULT_LIMITS,
    Dispatcher,
    Limit,
    Outbox,
    RateLimiter,
    RealTimer,
    RetryPolicy,
    Timer,
    VirtualTimer,
)
from bot.scheduler import DigestPlanner  # noqa: E402
from bot.storage import BOT_MIGRATIONS  # noqa: E402
from bot.subscriptions import SubscriptionBook  # noqa: E402
from summarizer.briefing.models import Briefing, Digest, KeyPoint  # noqa: E402
from summarizer.clock import utcnow  # noqa: E402
from summarizer.store import Store  # noqa: E402

SLOT = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)


class StoryService:
    """Five fixed stories, as the real service returns them."""

    def __init__(self) -> None:
        self.stories = [
            Briefing(
                n,
                f"Story {n}: talks resume as envoys arrive",
                [
                    KeyPoint(f"Point {k} of story {n}, as the outlet reported it.", f"Out{k}", k)
                    for k in range(3)
                ],
                ["Out0", "Out1", "Out2"],
                [0, 1, 2],
                rank=n,
            )
            for n in range(1, 6)
        ]

    def digest(self, *, since=None, limit=None, topic=None) -> Digest:  # type: ignore[no-untyped-def]
        return Digest(SLOT, since, self.stories[: limit or 5], topic)

    def article(self, article_id: int) -> Any:
        return SimpleNamespace(id=article_id, url=f"https://news.example/{article_id}")


class RecordingLimiter(RateLimiter):
    """Logs every reserved send instant, per chat, to check the windows afterwards."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.log: list[tuple[ChatRef, float]] = []

    def reserve(self, chat: ChatRef, *, not_before: float | None = None) -> float:
        moment = super().reserve(chat, not_before=not_before)
        self.log.append((chat, moment))
        return moment


@dataclass
class Counting:
    """Wraps an adapter to count acknowledged parts per (chat, text)."""

    inner: Any
    acked: Counter[tuple[str, str]]

    @property
    def platform(self) -> str:
        return self.inner.platform

    @property
    def command_prefix(self) -> str:
        return self.inner.command_prefix

    def render(self, reply: Any) -> list[dict[str, Any]]:
        return self.inner.render(reply)

    async def send(self, chat: ChatRef, payload: dict[str, Any]) -> str:
        message_id = await self.inner.send(chat, payload)
        self.acked[(chat.key, str(payload.get("text") or payload.get("blocks")))] += 1
        return message_id


def chats(total: int) -> list[ChatRef]:
    """60 % Telegram (private chats, and forum topics of groups), 40 % Slack channels."""
    telegram = round(total * 0.6)
    topics = telegram // 4
    found = [ChatRef("telegram", str(1000 + n)) for n in range(telegram - topics)]
    found += [ChatRef("telegram", f"-100{n // 5}", thread_id=str(n % 5 + 1)) for n in range(topics)]
    found += [ChatRef("slack", f"C{n:06d}") for n in range(total - telegram)]
    return found


def window_violations(log: Sequence[tuple[ChatRef, float]]) -> int:
    """Windows broken by the reserved instants (0 means every limit was honoured)."""
    groups: dict[tuple[str, Limit], list[float]] = defaultdict(list)
    for chat, moment in log:
        limits = DEFAULT_LIMITS.get(chat.platform)
        if limits is None:
            continue
        if limits.per_chat:
            groups[(f"{chat.platform}:{chat.chat_id}", limits.per_chat)].append(moment)
        if limits.overall:
            groups[(chat.platform, limits.overall)].append(moment)
        if limits.per_group and chat.chat_id.startswith("-"):
            groups[(f"group:{chat.chat_id}", limits.per_group)].append(moment)
    bad = 0
    for (_, limit), moments in groups.items():
        moments.sort()
        for i in range(len(moments) - limit.count):
            if moments[i + limit.count] - moments[i] < limit.period - 1e-9:
                bad += 1
    return bad


def floor_seconds(parts: dict[ChatRef, int]) -> float:
    """The shortest makespan the limits allow: k sends under c per p need (k-1)//c*p seconds."""
    counts: Counter[tuple[str, Limit]] = Counter()
    for chat, n in parts.items():
        limits = DEFAULT_LIMITS[chat.platform]
        if limits.per_chat:
            counts[(f"{chat.platform}:{chat.chat_id}", limits.per_chat)] += n
        if limits.per_group and chat.chat_id.startswith("-"):
            counts[(f"group:{chat.chat_id}", limits.per_group)] += n
        if limits.overall:
            counts[(chat.platform, limits.overall)] += n
    return max(
        (((n - 1) // limit.count) * limit.period for (_, limit), n in counts.items()),
        default=0.0,
    )


async def run(total: int, faults: bool, real: bool = False) -> dict[str, Any]:
    logging.getLogger("bot").setLevel(logging.ERROR)
    folder = tempfile.TemporaryDirectory()
    store = Store(f"sqlite:///{folder.name}/bench.db", extra_migrations=[BOT_MIGRATIONS])
    virtual = VirtualTimer(SLOT)
    timer: Timer = RealTimer() if real else virtual
    clock = utcnow if real else virtual.clock
    book = SubscriptionBook(store, clock=clock)
    outbox = Outbox(store, clock=clock)
    acked: Counter[tuple[str, str]] = Counter()
    slack_api = await FakeSlackApi().start()
    async with FakeTelegram() as telegram_api:
        telegram = TelegramAdapter(TOKEN, api_url=telegram_api.base_url)
        slack = SlackAdapter(
            bot_token="xoxb-bench", api_url=slack_api.base_url, mode="http", signing_secret="s"
        )
        adapters = {"telegram": Counting(telegram, acked), "slack": Counting(slack, acked)}
        planner = DigestPlanner(
            StoryService(), book, outbox, adapters, clock=clock, grace=timedelta(hours=2)
        )
        subscriptions = [book.subscribe(chat) for chat in chats(total)]
        started = time.perf_counter()
        for subscription in subscriptions:
            await planner.plan(subscription, SLOT)
        plan_wall = time.perf_counter() - started
        parts: Counter[ChatRef] = Counter(p.chat for p in outbox.pending())
        injected = 0
        if faults:
            for _ in range(10):
                telegram_api.fail_next(
                    "sendMessage", status=429, description="Too Many Requests", retry_after=1
                )
                telegram_api.fail_next("sendMessage", status=502, description="Bad Gateway")
                slack_api.fail_next("chat.postMessage", status=429, retry_after=1)
                slack_api.fail_next("chat.postMessage", status=500)
            injected = 40
        limiter = RecordingLimiter(timer=timer)
        dispatcher = Dispatcher(
            outbox, adapters, limiter=limiter, policy=RetryPolicy(), concurrency=total
        )
        started = time.perf_counter()
        first = timer.now()
        passes = 0
        while outbox.pending() and passes < 10:
            await dispatcher.run_pass()
            passes += 1
        send_wall = time.perf_counter() - started
        http_calls = len(telegram_api.calls("sendMessage")) + len(slack_api.of("chat.postMessage"))
        await telegram.application.shutdown()
    await slack_api.stop()
    store.close()
    folder.cleanup()
    expected = sum(parts.values())
    return {
        "subscriptions": total,
        "parts": expected,
        "delivered": sum(1 for n in acked.values() if n >= 1),
        "twice": sum(1 for n in acked.values() if n > 1),
        "http_calls": http_calls,
        "injected": injected,
        "violations": window_violations(limiter.log),
        "makespan": max((m for _, m in limiter.log), default=first) - first,
        "floor": floor_seconds(parts),
        "naive": float(expected - 1),
        "plan_wall": plan_wall,
        "send_wall": send_wall,
        "passes": passes,
    }


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| run | subs | parts | delivered | twice | HTTP calls (faults) | limit breaches "
        "| makespan (s) | floor (s) | ratio | naive 1 msg/s (s) | wall: plan / send (s) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = row["makespan"] / row["floor"] if row["floor"] else math.nan
        lines.append(
            f"| {row['name']} | {row['subscriptions']} | {row['parts']} | {row['delivered']} "
            f"| {row['twice']} | {row['http_calls']} ({row['injected']}) | {row['violations']} "
            f"| {row['makespan']:.1f} | {row['floor']:.1f} | {ratio:.2f}x | {row['naive']:.0f} "
            f"| {row['plan_wall']:.1f} / {row['send_wall']:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscriptions", type=int, default=1000)
    parser.add_argument("--no-faults", action="store_true", help="skip the run with faults")
    parser.add_argument("--real", action="store_true", help="real clock (scale down!)")
    args = parser.parse_args()
    clock = "real clock" if args.real else "virtual clock"
    rows = [{"name": f"clean, {clock}", **asyncio.run(run(args.subscriptions, False, args.real))}]
    if not args.no_faults:
        faulty = asyncio.run(run(args.subscriptions, True, args.real))
        rows.append({"name": f"with faults, {clock}", **faulty})
    print(table(rows))
    ok = all(r["delivered"] == r["parts"] and not r["twice"] and not r["violations"] for r in rows)
    print("\nall delivered, none twice, every limit honoured" if ok else "\nCHECK FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
