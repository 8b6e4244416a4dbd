"""Command latency during a burst: 100 ``/who`` and 100 ``/digest`` from 20 chats at once.

The real service over a BBC sample (``shared/eval/bbc/articles``, else the example corpus)
answers through the real python-telegram-bot adapter and command core, polling the fake
Telegram server of ``tests/fakes``. Latency is from queueing an update to the fake receiving
the answer's first message. Four runs on the same warm service:

1. each command alone (one at a time): the baseline;
2. the burst as before issue 16 (8 updates at a time, no lanes);
3. the burst with lanes (cheap commands at once, at most 2 expensive ones at a time);
4. the same with the runtime's one-minute ``/digest`` and ``/who`` cache (bot/answer_cache.py).

    python bench/burst.py [--articles 180] [--who 100] [--digest 100] [--chats 20] [--alone 10]
                          [--spread SECONDS]   # the burst sent over that long (default: at once)

Target: ``/who`` p95 under 1 s during the burst.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from fakes.telegram_api import TOKEN, FakeTelegram  # noqa: E402

from bot.adapters.telegram import TelegramAdapter  # noqa: E402
from bot.adapters.telegram.adapter import UPDATES_AT_ONCE  # noqa: E402
from bot.answer_cache import CachedAnswers  # noqa: E402
from bot.commands import CommandCore  # noqa: E402
from bot.lanes import Lanes  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.storage import BOT_MIGRATIONS  # noqa: E402
from bot.subscriptions import SubscriptionBook  # noqa: E402

BBC = ROOT.parent / "shared" / "eval" / "bbc" / "articles"
EXAMPLES = ROOT / "examples" / "corpus"
NAMES = ["Blair", "Brown", "Howard", "Kennedy", "Straw", "Blunkett", "Bush", "Annan"]
DIGEST_STARTS = ("<b>Top stories", "No new stories")
OLD_UPDATES_AT_ONCE = 8


def corpus(folder: Path, articles: int) -> Path:
    """A corpus folder of ``articles`` BBC files, categories interleaved (else the examples)."""
    files = sorted(BBC.glob("*/*.txt"), key=lambda p: (p.stem, p.parent.name))[:articles]
    if not files:
        print(f"note: {BBC} is absent; using the example corpus", file=sys.stderr)
        return EXAMPLES
    for path in files:
        shutil.copy(path, folder / f"{path.parent.name}_{path.name}")
    return folder


class Bot:
    """The adapter and command core on one warm service, started per run."""

    def __init__(self, service: Any, book: SubscriptionBook, telegram: FakeTelegram) -> None:
        self.service, self.book, self.telegram = service, book, telegram

    async def run(
        self,
        commands: list[tuple[int, str]],
        *,
        lanes: bool,
        burst: bool,
        cache: bool = False,
        spread: float = 0.0,
    ) -> dict:
        adapter = TelegramAdapter(
            TOKEN,
            api_url=self.telegram.base_url,
            poll_timeout=1,
            updates_at_once=UPDATES_AT_ONCE if lanes else OLD_UPDATES_AT_ONCE,
        )
        wrap = Lanes() if lanes else Lanes(heavy=())
        service = CachedAnswers(self.service) if cache else self.service
        await adapter.start(wrap.wrap(CommandCore(service, self.book).handler_for(adapter)))
        try:
            return await self._measure(commands, burst=burst, spread=spread)
        finally:
            await adapter.stop()

    async def _measure(
        self, commands: list[tuple[int, str]], *, burst: bool, spread: float = 0.0
    ) -> dict:
        start = len(self.telegram.requests)
        queued: dict[int, list[tuple[str, float]]] = defaultdict(list)
        for chat, text in commands:
            queued[chat].append((text.split()[0], time.monotonic()))
            self.telegram.queue_message(text, chat_id=chat)
            if not burst:
                await self._answered(start, queued, timeout=120)
            elif spread:
                await asyncio.sleep(spread / len(commands))
        await self._answered(start, queued, timeout=600)
        latencies: dict[str, list[float]] = defaultdict(list)
        for chat, answers in self._answers(start).items():
            for (command, asked), answered in zip(queued[chat], answers, strict=True):
                latencies[command].append(answered - asked)
        return latencies

    def _answers(self, start: int) -> dict[int, list[float]]:
        """Per chat, when each answer's first message arrived."""
        found: dict[int, list[float]] = defaultdict(list)
        for request in self.telegram.requests[start:]:
            if request.method != "sendMessage":
                continue
            chat, text = int(request.params["chat_id"]), str(request.params["text"])
            if chat >= 0 or text.startswith(DIGEST_STARTS):  # who chats: every message
                found[chat].append(request.at)
        return found

    async def _answered(self, start: int, queued: dict, *, timeout: float) -> None:
        async def poll() -> None:
            while True:
                answers = self._answers(start)
                if all(len(answers[chat]) >= len(asked) for chat, asked in queued.items()):
                    return
                await asyncio.sleep(0.05)

        await asyncio.wait_for(poll(), timeout)


def commands(who: int, digest: int, chats: int) -> list[tuple[int, str]]:
    """Interleaved commands; half the chats ask /who (ids > 0), half /digest (ids < 0)."""
    half = max(1, chats // 2)
    asks = [(1 + n % half, f"/who {NAMES[n % len(NAMES)]}") for n in range(who)]
    digests = [(-(1 + n % half), "/digest") for n in range(digest)]
    mixed: list[tuple[int, str]] = []
    for n in range(max(who, digest)):
        mixed += asks[n : n + 1] + digests[n : n + 1]
    return mixed


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def row(label: str, values: list[float], alone: list[float]) -> str:
    p50, p95 = statistics.median(values), pct(values, 0.95)
    base50, base95 = statistics.median(alone), pct(alone, 0.95)
    return (
        f"| {label} | {len(values)} | {p50:.2f} / {p95:.2f} | {base50:.2f} / {base95:.2f} "
        f"| {p50 / base50:.1f}× / {p95 / base95:.1f}× |"
    )


async def main(args: argparse.Namespace) -> None:
    from summarizer.service import Briefbot

    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "corpus").mkdir()
        folder = corpus(Path(tmp) / "corpus", args.articles)
        settings = Settings(
            corpus_dir=folder, database_url=f"sqlite:///{tmp}/burst.db", stable_seconds=0
        )
        service = Briefbot(settings.pipeline(), extra_migrations=[BOT_MIGRATIONS])
        began = time.perf_counter()
        service.refresh(folder)
        count, seconds = len(service.articles(limit=100_000)), time.perf_counter() - began
        print(f"corpus: {count} articles, read in {seconds:.1f} s")
        service.digest(), service.who(NAMES[0])  # warm caches and models
        book = SubscriptionBook(service.store)
        burst = commands(args.who, args.digest, args.chats)
        alone = commands(args.alone, args.alone, args.chats)
        async with FakeTelegram() as telegram:
            bot = Bot(service, book, telegram)
            single = await bot.run(alone, lanes=True, burst=False)
            before = await bot.run(burst, lanes=False, burst=True, spread=args.spread)
            lanes = await bot.run(burst, lanes=True, burst=True, spread=args.spread)
            after = await bot.run(burst, lanes=True, burst=True, cache=True, spread=args.spread)
        service.close()
    sent = f"sent over {args.spread:g} s" if args.spread else "sent at once"
    print(f"\nseconds from the update to the answer's first message, p50 / p95; burst {sent}\n")
    print("| command, run | answers | p50 / p95 s | alone (baseline, same run) | ratio |")
    print("|---|---:|---:|---:|---:|")
    for command in ("/who", "/digest"):
        print(row(f"{command}, burst before (8 at a time)", before[command], single[command]))
        print(row(f"{command}, burst with lanes", lanes[command], single[command]))
        print(row(f"{command}, burst with lanes + answer cache", after[command], single[command]))
    worst = pct(after["/who"], 0.95)
    verdict = "met" if worst < 1.0 else "NOT met"
    print(f"\ntarget /who p95 < 1 s during the burst: {worst:.2f} s, {verdict}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=180)
    parser.add_argument("--who", type=int, default=100)
    parser.add_argument("--digest", type=int, default=100)
    parser.add_argument("--chats", type=int, default=20)
    parser.add_argument("--alone", type=int, default=10)
    parser.add_argument(
        "--spread", type=float, default=0.0, help="seconds the burst is sent over (0: at once)"
    )
    asyncio.run(main(parser.parse_args()))
