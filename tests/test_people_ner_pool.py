"""A large NER backlog runs in worker processes and stores what the calling process would."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

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


PARENT = """
import multiprocessing, sys, time
from summarizer.people.ner_pool import extracted
from summarizer.store import Store
from tests.test_people_index import TEXTS, add

store = Store(sys.argv[1])
ids = [add(store, key, day=day) for day, key in enumerate(TEXTS, start=1)]
batches = extracted(store, ids, 1, processes=2)
next(batches)  # the workers are up and have answered
print(" ".join(str(child.pid) for child in multiprocessing.active_children()), flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    """Running (a zombie that nobody reaped yet counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_workers_die_when_the_parent_is_killed_with_sigkill(database_url: str) -> None:
    """Before: ``kill -9`` of ``briefbot run`` left each NER worker (~170 MB) running,
    re-parented to PID 1, 50 minutes later and more."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, database_url],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    workers: list[int] = []
    try:
        assert parent.stdout is not None
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(map(_alive, workers))
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        for _ in range(300):  # a deadline for the test, not a speed claim
            if not any(map(_alive, workers)):
                break
            time.sleep(0.1)
        assert [pid for pid in workers if _alive(pid)] == []
    finally:
        parent.kill()
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


WATCHED = """
import os, subprocess, sys, time
watch = (
    "import sys; from summarizer.people.ner_pool import _watch; "
    "print('watching', flush=True); _watch(int(sys.argv[1]))"
)
child = subprocess.Popen([sys.executable, "-c", watch, str(os.getpid())], stdout=subprocess.PIPE)
ready = child.stdout.readline() == b"watching\\n"  # imported, watching
print(child.pid if ready else "the watchdog did not start", flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_the_watchdog_alone_ends_a_worker_whose_parent_is_killed() -> None:
    """Where the kernel cannot signal a parent's death (not Linux), the watchdog thread does:
    here a child that only runs the watchdog (no prctl) ends after its parent's ``kill -9``."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    parent = subprocess.Popen(
        [sys.executable, "-c", WATCHED], cwd=root, env=env, stdout=subprocess.PIPE, text=True
    )
    child = 0
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        for _ in range(300):  # a deadline for the test, not a speed claim
            if not _alive(child):
                break
            time.sleep(0.1)
        assert not _alive(child)
    finally:
        parent.kill()
        if child:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
