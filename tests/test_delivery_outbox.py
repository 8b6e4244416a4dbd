"""The outbox and dispatcher: written before sending, sent once, resumed after a crash, retried."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from delivery_doubles import Crash, World, world_fixture  # noqa: F401

from bot.adapters.base import DeliveryError, PermanentError, RetryLater, TransientError
from bot.chat import ChatRef
from bot.delivery import digest_key

CHAT = ChatRef("telegram", "42")


def plan_three_parts(world: World, key: str = "digest:x") -> int:
    sub = world.book.subscribe(CHAT)
    payloads = [{"text": f"part {n}"} for n in (1, 2, 3)]
    delivery = world.outbox.plan(key=key, subscription_id=sub.id, kind="digest", payloads=payloads)
    assert delivery is not None
    return delivery


async def test_parts_are_sent_in_order_once(world: World) -> None:
    plan_three_parts(world)
    report = await world.dispatcher.run_pass()
    assert report.sent == 3
    assert world.adapter.texts() == ["part 1", "part 2", "part 3"]
    assert (await world.dispatcher.run_pass()).sent == 0  # nothing is sent twice
    assert world.outbox.counts() == {"sent": 3}


async def test_one_delivery_per_key(world: World) -> None:
    plan_three_parts(world, key=digest_key(1, world.timer.clock()))
    again = world.outbox.plan(
        key=digest_key(1, world.timer.clock()), subscription_id=1, kind="digest", payloads=[{}]
    )
    assert again is None
    assert world.outbox.counts() == {"pending": 3}


async def test_restart_mid_delivery_sends_only_the_unsent_parts(world: World) -> None:
    plan_three_parts(world)
    world.adapter.script = [None, Crash()]  # part 1 acknowledged, then the process dies
    with pytest.raises(Crash):
        await world.dispatcher.run_pass()
    assert world.outbox.counts() == {"sent": 1, "pending": 2}

    restarted = world.restart()
    await restarted.dispatcher.run_pass()
    assert world.adapter.texts() == ["part 1", "part 2", "part 3"]  # nothing lost, nothing twice


async def test_retry_after_is_honoured(world: World) -> None:
    plan_three_parts(world)
    world.adapter.script = [RetryLater(3.0)]
    report = await world.dispatcher.run_pass()
    assert report.sent == 3 and report.retries == 1
    first_sent_at = world.adapter.sent[0][2]
    assert first_sent_at >= 3.0  # waited the 3 s Telegram asked for (virtual time)
    assert world.adapter.texts() == ["part 1", "part 2", "part 3"]


async def test_server_errors_then_success_backs_off_exponentially(world: World) -> None:
    plan_three_parts(world)
    world.adapter.script = [TransientError("502 Bad Gateway"), TransientError("503")]
    report = await world.dispatcher.run_pass()
    assert report.sent == 3 and report.retries == 2
    # Backoff 1 s then 2 s, 50 % jitter drawn at 0.5: 0.75 s (rounded up to the chat's
    # 1 msg/s limit, failed attempts count too) + 1.5 s.
    assert world.adapter.sent[0][2] == pytest.approx(2.5)


async def test_persistent_server_errors_leave_the_part_for_a_later_pass(world: World) -> None:
    plan_three_parts(world)
    world.adapter.script = [TransientError("500")] * 4
    report = await world.dispatcher.run_pass()
    assert (report.sent, report.deferred) == (0, 1)
    assert world.outbox.counts() == {"pending": 3}
    assert (await world.dispatcher.run_pass()).sent == 0  # not due yet
    world.timer.advance(3600)
    assert (await world.dispatcher.run_pass()).sent == 3
    assert world.adapter.texts() == ["part 1", "part 2", "part 3"]


async def test_permanent_error_pauses_the_subscription(world: World, caplog) -> None:  # type: ignore[no-untyped-def]
    plan_three_parts(world)
    world.adapter.script = [PermanentError("Forbidden: bot was kicked from the group chat")]
    report = await world.dispatcher.run_pass()
    assert (report.sent, report.failed) == (0, 1)
    sub = world.book.get(CHAT)
    assert sub is not None and sub.active and not sub.sending
    assert "bot was kicked" in (sub.paused_reason or "")
    assert "paused" in caplog.text  # the operator sees why in the log
    assert world.outbox.counts() == {"failed": 3}
    await world.dispatcher.run_pass()
    assert world.adapter.sent == []  # no further sends


async def test_unknown_platform_stays_in_the_outbox(world: World) -> None:
    sub = world.book.subscribe(ChatRef("matrix", "!room"))
    world.outbox.plan(key="k", subscription_id=sub.id, kind="alert", payloads=[{"text": "x"}])
    report = await world.dispatcher.run_pass()
    assert report.deferred == 1 and world.outbox.counts() == {"pending": 1}


async def test_a_refused_message_is_dropped_and_the_chat_goes_on(world: World) -> None:
    plan_three_parts(world)
    world.adapter.script = [DeliveryError("Bad Request: can't parse entities")]
    report = await world.dispatcher.run_pass()
    assert (report.sent, report.dropped) == (2, 1)
    assert world.adapter.texts() == ["part 2", "part 3"]
    assert world.book.get(CHAT).sending  # type: ignore[union-attr]  (the chat is fine)
    assert world.outbox.counts() == {"failed": 1, "sent": 2}


async def test_unsubscribing_drops_what_was_not_sent_yet(world: World) -> None:
    plan_three_parts(world)
    world.adapter.script = [None, TransientError("503")] + [TransientError("503")] * 3
    await world.dispatcher.run_pass()  # part 1 sent, part 2 left for a later pass
    world.book.unsubscribe(CHAT)
    world.timer.advance(3600)
    report = await world.dispatcher.run_pass()
    assert report.dropped == 2 and world.adapter.texts() == ["part 1"]
    assert world.outbox.counts() == {"sent": 1, "failed": 2}


async def test_stopping_records_the_send_in_flight_and_starts_no_more(world: World) -> None:
    plan_three_parts(world)
    arrived, acknowledge = asyncio.Event(), asyncio.Event()
    send = world.adapter.send

    async def slow_send(chat: ChatRef, payload: dict[str, Any]) -> str:
        arrived.set()
        await acknowledge.wait()  # the platform has the message; its answer is on the way
        return await send(chat, payload)

    world.adapter.send = slow_send  # type: ignore[method-assign]
    sending = asyncio.create_task(world.dispatcher.run_pass())
    await arrived.wait()
    closing = asyncio.create_task(world.dispatcher.close(grace=10))
    await asyncio.sleep(0)
    acknowledge.set()
    await closing
    assert (await sending).sent == 1
    assert world.outbox.counts() == {"sent": 1, "pending": 2}  # part 1 is not sent again
    assert (await world.dispatcher.run_pass()).sent == 0
