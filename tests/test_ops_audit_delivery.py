"""Operations audit, delivery side: the database refuses the record of a part just sent."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from delivery_doubles import World, world_fixture  # noqa: F401
from sqlalchemy.exc import OperationalError

from bot.chat import ChatRef
from bot.delivery import Outbox

CHAT = ChatRef("telegram", "42")


def plan(world: World) -> None:
    sub = world.book.subscribe(CHAT)
    payloads = [{"text": f"part {n}"} for n in (1, 2)]
    world.outbox.plan(key="digest:x", subscription_id=sub.id, kind="digest", payloads=payloads)


async def test_a_sent_part_whose_record_fails_is_not_sent_again(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Before: "database is locked" while marking a part sent failed the pass, and the next
    pass sent the part a second time. Now it is remembered and recorded at the next pass."""
    plan(world)
    real = Outbox.mark_sent
    locked = sqlite3.OperationalError("database is locked")

    def once_locked(self: Outbox, part, message_id):  # type: ignore[no-untyped-def]
        if part.part == 1 and not getattr(self, "_failed_once", False):
            self._failed_once = True  # type: ignore[attr-defined]
            raise OperationalError("UPDATE bot_outbox", {}, locked)
        return real(self, part, message_id)

    monkeypatch.setattr(Outbox, "mark_sent", once_locked)
    with caplog.at_level(logging.WARNING):
        first = await world.dispatcher.run_pass()
    assert first.sent == 2 and world.adapter.texts() == ["part 1", "part 2"]
    assert (
        "telegram:42: part 1 was sent but could not be recorded (database is locked); it is "
        "recorded at the next pass and not sent again"
    ) in caplog.text
    assert world.outbox.counts() == {"pending": 1, "sent": 1}

    second = await world.dispatcher.run_pass()
    assert second.sent == 0 and world.adapter.texts() == ["part 1", "part 2"]
    assert world.outbox.counts() == {"sent": 2}
