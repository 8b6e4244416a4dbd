"""Slack HTTP mode on several machines behind a load balancer: an event Slack redelivers to
another machine is answered once, because the machines share the ids they handled in the
store (SQLite by default; PostgreSQL with ``BRIEFBOT_TEST_DATABASE=postgres``)."""

from __future__ import annotations

from bot.storage import BOT_MIGRATIONS
from bot.storage.events import StoredEvents
from summarizer.store import Store
from tests.fakes.slack_api import BOT_USER, FakeSlackApi
from tests.test_slack_http import start_bot


async def test_an_event_redelivered_to_another_machine_is_answered_once(
    slack_api: FakeSlackApi, database_url: str
) -> None:
    """Before: each machine remembered the event ids it answered in its own memory, so a
    retry that the load balancer sent to the other machine was answered a second time."""
    stores = [Store(database_url, extra_migrations=[BOT_MIGRATIONS]) for _ in range(2)]
    machines = [await start_bot(slack_api) for _ in stores]
    for machine, store in zip(machines, stores, strict=True):
        machine.adapter.seen = StoredEvents(store)
    mention = {"type": "app_mention", "user": "U0BOB0001", "channel": "C0NEWS001", "ts": "1.0"}
    try:
        first, second = machines
        await first.slack.event({**mention, "text": f"<@{BOT_USER}> digest"}, event_id="Ev42")
        await second.slack.event({**mention, "text": f"<@{BOT_USER}> digest"}, event_id="Ev42")
        await second.slack.event({**mention, "text": f"<@{BOT_USER}> sources"}, event_id="Ev43")
        await slack_api.wait_for("chat.postMessage", count=2)
    finally:
        for machine in machines:
            await machine.adapter.stop()
        for store in stores:
            store.close()
    answered = sorted(i.text for machine in machines for i in machine.seen)
    assert answered == ["/digest", "/sources"]  # whichever machine got Ev42 first answers it
