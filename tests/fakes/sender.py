"""A sender process: outbox passes through the real Telegram adapter until nothing is pending.

``python -m tests.fakes.sender DATABASE_URL TELEGRAM_API_URL LEASE_SECONDS``: says ``ready``,
waits for a line on its input (so that several senders start at once), then sends. Rate
limits run on a virtual clock (no real waiting); claims and leases on the real one.
"""

from __future__ import annotations

import asyncio
import sys

from bot.adapters.telegram.adapter import TelegramAdapter
from bot.delivery import Dispatcher, Outbox, RateLimiter, VirtualTimer
from bot.storage import BOT_MIGRATIONS
from summarizer.store import Store
from tests.fakes.telegram_api import TOKEN


async def main(url: str, api_url: str, lease: str) -> None:
    store = Store(url, extra_migrations=[BOT_MIGRATIONS])
    outbox = Outbox(store, lease_seconds=float(lease))
    telegram = TelegramAdapter(TOKEN, api_url=api_url)
    dispatcher = Dispatcher(
        outbox, {"telegram": telegram}, limiter=RateLimiter(timer=VirtualTimer())
    )
    sent = 0
    print("ready", flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    while outbox.pending():
        report = await dispatcher.run_pass()
        sent += report.sent
        if not report.sent:
            await asyncio.sleep(0.3)  # the rest is claimed by another sender, for now
    await telegram.application.shutdown()
    store.close()
    print("sent", sent, flush=True)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:]))
