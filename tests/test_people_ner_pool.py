"""A large NER backlog runs in worker processes and stores what the calling process would."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from summarizer.people import index, update_people, who
from summarizer.people.ner_pool import MAX_WORKERS, workers
from summarizer.store import Store
from summarizer.store.people import PeopleMentionRow
from tests.test_people_index import NOW, TEXTS, add

pytestmark = pytest.mark.slow


def test_only_a_large_backlog_on_several_cores_gets_workers(monkeypatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert workers(1) == 0 and workers(255) == 0
    assert workers(256) == MAX_WORKERS
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert workers(10_000) == 0


def _mentions(store: Store) -> list[str]:
    with store.session() as session:
        rows = session.execute(
            select(PeopleMentionRow.article_id, PeopleMentionRow.key, PeopleMentionRow.label)
        )
        return sorted(map(repr, rows))


def test_worker_processes_index_the_same_mentions_in_order(
    database_url: str, tmp_path, monkeypatch
) -> None:
    serial = Store(f"sqlite:///{tmp_path / 'serial.db'}")
    pooled = Store(database_url)
    for store in (serial, pooled):
        for day, key in enumerate(TEXTS, start=1):
            add(store, key, day=day)
    update_people(serial, batch_size=1)
    seen: list[tuple[int, int]] = []
    monkeypatch.setattr(index, "workers", lambda backlog: 2)  # three batches, two processes
    report = update_people(
        pooled, batch_size=1, progress=lambda done, total: seen.append((done, total))
    )
    assert report.indexed == 3 and seen == [(1, 3), (2, 3), (3, 3)]
    assert _mentions(pooled) == _mentions(serial)
    assert who(pooled, "Brandt", now=NOW).role == "chief economist of Nordbank"
