"""Inbound events handled already, in the store: a redelivery is answered once, whichever
machine it reaches (``INSERT … ON CONFLICT DO NOTHING`` decides); see ``bot.adapters.seen``."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete

from bot.storage.tables import SeenEventRow
from summarizer.clock import Clock, utcnow
from summarizer.store import Store
from summarizer.store.upsert import insert_first

KEEP = timedelta(days=1)
"""How long a stored id is kept (platforms redeliver within minutes)."""
PRUNE_EVERY = 1000
"""Stored ids older than :data:`KEEP` are deleted once per this many new ones."""


class StoredEvents:
    """Event ids in the store, shared by every machine on the database."""

    def __init__(self, store: Store, *, clock: Clock = utcnow) -> None:
        self.store = store
        self.clock = clock
        self._added = 0

    def first_time(self, event_id: str) -> bool:
        now = self.clock()
        with self.store.session() as session:
            first = insert_first(session, SeenEventRow, {"key": event_id, "seen_at": now})
            self._added += 1
            if self._added % PRUNE_EVERY == 0:
                session.execute(delete(SeenEventRow).where(SeenEventRow.seen_at < now - KEEP))
            return first
