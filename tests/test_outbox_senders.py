"""Several sender processes on one PostgreSQL outbox (the fake Telegram API counts what
arrives): each part goes out once, and the parts of a sender killed mid-fan-out are sent
by the other once their claims lapse."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.chat import ChatRef
from bot.delivery import Outbox
from bot.storage import BOT_MIGRATIONS
from bot.storage.tables import OutboxRow
from bot.subscriptions import SubscriptionBook
from summarizer.store import Store
from tests.fakes.telegram_api import FakeTelegram

ROOT = Path(__file__).resolve().parents[1]
CHATS = 1000
LEASE = 3.0
"""Seconds a dead sender's claims hold (120 in production): the survivor's takeover delay."""
WAIT = 300.0
"""Seconds a sender may take before the test fails (a deadline, not a measurement)."""


def _plan_fan_out(url: str) -> dict[str, str]:
    """A one-part digest for each of :data:`CHATS` subscriptions; chat id -> its text."""
    store = Store(url, extra_migrations=[BOT_MIGRATIONS])
    book, outbox = SubscriptionBook(store), Outbox(store)
    expected = {}
    for number in range(CHATS):
        chat = ChatRef("telegram", str(10_000 + number))
        subscription = book.subscribe(chat)
        text = f"Morning digest for chat {chat.chat_id}: the harbour works finished."
        outbox.plan(key=f"digest:{subscription.id}:fan-out", subscription_id=subscription.id,
                    kind="digest", payloads=[{"text": text}])  # fmt: skip
        expected[chat.chat_id] = text
    store.close()
    return expected


async def _senders(url: str, telegram: FakeTelegram) -> list[asyncio.subprocess.Process]:
    """Two sender processes, told to start sending at the same moment."""
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.fakes.sender",
            url,
            telegram.base_url,
            str(LEASE),
            cwd=ROOT,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for process in processes:
        assert process.stdout is not None
        assert await asyncio.wait_for(process.stdout.readline(), WAIT) == b"ready\n"
    for process in processes:
        assert process.stdin is not None
        process.stdin.write(b"go\n")
        await process.stdin.drain()
    return processes


def _arrived(telegram: FakeTelegram) -> Counter[tuple[str, str]]:
    return Counter((str(c["chat_id"]), c["text"]) for c in telegram.calls("sendMessage"))


def _pending(url: str) -> int:
    store = Store(url, extra_migrations=[BOT_MIGRATIONS])
    with store.session() as session:
        left = session.scalar(select(func.count(OutboxRow.id)).where(OutboxRow.status == "pending"))
    store.close()
    return int(left or 0)


async def test_two_senders_share_a_fan_out_to_1000_chats_sending_each_part_once(
    postgres_url: str, telegram: FakeTelegram
) -> None:
    """Before: two bots on one PostgreSQL database each read every pending part and sent
    it (each digest twice). Now each pass claims whole chats that no other sender holds."""
    expected = await asyncio.to_thread(_plan_fan_out, postgres_url)
    senders = await _senders(postgres_url, telegram)
    outputs = [await asyncio.wait_for(s.communicate(), WAIT) for s in senders]

    assert [s.returncode for s in senders] == [0, 0], outputs
    arrived = _arrived(telegram)
    assert set(arrived) == set(expected.items())  # 0 lost
    assert max(arrived.values()) == 1  # 0 sent twice
    shares = [int(out.split()[-1]) for out, _ in outputs]
    assert sum(shares) == CHATS and min(shares) > 0, shares  # both senders took a share
    assert await asyncio.to_thread(_pending, postgres_url) == 0


async def test_a_sender_killed_mid_fan_out_leaves_its_parts_to_the_other(
    postgres_url: str, telegram: FakeTelegram
) -> None:
    """``kill -9`` of one sender while it sends: the survivor sends the parts the dead one
    had claimed once its claims lapse. Nothing is lost; a part the platform accepted in the
    instant before the kill has no record and may go again (at most the parts in flight)."""
    expected = await asyncio.to_thread(_plan_fan_out, postgres_url)
    doomed, survivor = await _senders(postgres_url, telegram)
    for _ in range(int(WAIT * 10)):
        if len(telegram.calls("sendMessage")) >= CHATS // 5 or doomed.returncode is not None:
            break
        await asyncio.sleep(0.1)
    assert doomed.returncode is None, "the first sender finished before it could be killed"
    doomed.send_signal(signal.SIGKILL)
    await doomed.wait()
    _, err = await asyncio.wait_for(survivor.communicate(), WAIT)

    assert survivor.returncode == 0, err
    arrived = _arrived(telegram)
    assert set(arrived) == set(expected.items())  # 0 lost
    twice = sum(1 for count in arrived.values() if count > 1)
    assert max(arrived.values()) <= 2 and twice <= 64, twice  # 64: one pass's sends in flight
    assert await asyncio.to_thread(_pending, postgres_url) == 0
    print(f"sent twice after kill -9: {twice}")


pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
