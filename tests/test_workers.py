"""``briefbot worker`` processes embed new articles for the writer (BRIEFBOT_WORKERS=queue)
on a real PostgreSQL database; the stories come out as a single process makes them. These
take ``postgres_url`` and skip, saying why, where no server answers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from stories_corpus import EVENTS
from test_store_postgres import write

from tests import postgres

pytest.importorskip("procrastinate", reason="procrastinate is not installed (briefbot[postgres])")

BRIEFBOT = str(Path(sys.executable).with_name("briefbot"))


def _corpus(folder: Path) -> Path:
    for event, items in EVENTS.items():
        for number, (headline, _outlet, body) in enumerate(items):
            write(folder, f"{event}_{number}.txt", f"{headline}\n\n{body}\n")
    return folder


def _env(url: str, **more: str) -> dict[str, str]:
    return {**os.environ, "BRIEFBOT_DATABASE_URL": url, "BRIEFBOT_STABLE_SECONDS": "0", **more}


def _cli(url: str, *args: str, **more: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BRIEFBOT, *args], env=_env(url, **more), capture_output=True, text=True, timeout=300
    )


def _scalar(url: str, query: str) -> object:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(text(query))
    finally:
        engine.dispose()


def _stories(url: str) -> set[frozenset[str]]:
    """Each story as the set of its articles' file names."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT m.story_id, a.path FROM story_members m "
                    "JOIN articles a ON a.id = m.article_id"
                )
            ).all()
    finally:
        engine.dispose()
    groups: dict[int, set[str]] = {}
    for story, path in rows:
        groups.setdefault(story, set()).add(Path(path).name)
    return {frozenset(names) for names in groups.values()}


def _live(url: str) -> int:
    query = (
        "SELECT count(*) FROM procrastinate_workers "
        "WHERE last_heartbeat > now() - interval '10 seconds'"
    )
    return (
        int(_scalar(url, query) or 0)
        if _scalar(url, "SELECT to_regclass('procrastinate_workers')")
        else 0
    )


@contextmanager
def _workers(url: str, count: int) -> Iterator[list[subprocess.Popen[str]]]:
    """``count`` worker processes, alive (heartbeat seen) before the body runs."""
    procs = [
        subprocess.Popen(
            [BRIEFBOT, "worker"],
            env=_env(url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    try:
        for proc in procs:  # printed just before it registers
            assert proc.stdout is not None and "taking embedding jobs" in proc.stdout.readline()
        deadline = time.monotonic() + 120
        while _live(url) < count:
            assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
            assert time.monotonic() < deadline, "workers never started"
            time.sleep(0.3)
        yield procs
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            proc.communicate(timeout=60)


def test_two_workers_embed_and_the_stories_match_one_process(
    tmp_path: Path, postgres_url: str
) -> None:
    """The writer hands the embedding to two workers and clusters the same stories as a
    single process; the user sees one line saying the workers did the jobs."""
    folder = _corpus(tmp_path / "corpus")
    with postgres.fresh_database() as alone:
        assert _cli(alone, "ingest", "--corpus", str(folder)).returncode == 0
        single = _cli(alone, "digest", "--json")
        assert single.returncode == 0, single.stderr
        assert "workers:" not in single.stderr
        expected = _stories(alone)

    with _workers(postgres_url, 2) as procs:
        assert _cli(postgres_url, "ingest", "--corpus", str(folder)).returncode == 0
        shared = _cli(postgres_url, "digest", "--json", BRIEFBOT_WORKERS="queue")
        assert shared.returncode == 0, shared.stderr
        assert "workers: 2 of 2 embedding jobs done (6 articles)" in shared.stderr
        pending = _scalar(
            postgres_url, "SELECT count(*) FROM procrastinate_jobs WHERE status <> 'succeeded'"
        )
        assert pending == 0
    assert [proc.returncode for proc in procs] == [0, 0]  # SIGTERM: a clean stop
    assert _stories(postgres_url) == expected
    assert len(expected) == 3
    digests = [json.loads(run.stdout) for run in (single, shared)]
    for digest in digests:
        digest.pop("generated_at")
    assert digests[0] == digests[1]  # the same digest, word for word


def test_a_worker_killed_mid_job_leaves_its_job_retried(tmp_path: Path, postgres_url: str) -> None:
    """kill -9 while a job runs (the first job loads the model): once the worker's heartbeat
    is stale the writer puts the job back, the other worker does it, and nothing is lost."""
    folder = _corpus(tmp_path / "corpus")
    with _workers(postgres_url, 1) as (doomed,):
        assert _cli(postgres_url, "ingest", "--corpus", str(folder)).returncode == 0
        writer = subprocess.Popen(
            [BRIEFBOT, "digest", "--json"],
            env=_env(postgres_url, BRIEFBOT_WORKERS="queue"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        doing = "SELECT count(*) FROM procrastinate_jobs WHERE status = 'doing'"
        while _scalar(postgres_url, doing) == 0:
            assert time.monotonic() < deadline, writer.communicate()
            time.sleep(0.05)
        doomed.kill()
        with _workers(postgres_url, 1):
            _out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    assert "its worker stopped mid-job; back in the queue" in err
    assert "workers: 1 of 1 embedding jobs done (6 articles)" in err
    assert len(_stories(postgres_url)) == 3


def test_a_retried_job_writes_nothing_twice(postgres_url: str) -> None:
    """The same job run twice (a retry after a kill) stores each vector once, no error."""
    from stories_corpus import add_events

    from bot.storage import BOT_MIGRATIONS
    from summarizer.config import PipelineConfig
    from summarizer.store import Store
    from summarizer.workqueue import embed_leads

    store = Store(postgres_url, extra_migrations=[BOT_MIGRATIONS])
    try:
        with store.session() as session:
            ids = [i for event in add_events(session).values() for i in event]
        config = PipelineConfig(database_url=postgres_url)
        assert embed_leads(store, config, ids) == 6
        cached = _scalar(postgres_url, "SELECT count(*) FROM embedding_cache")
        assert embed_leads(store, config, ids) == 6
        assert cached and _scalar(postgres_url, "SELECT count(*) FROM embedding_cache") == cached
    finally:
        store.close()


def test_with_no_worker_alive_the_writer_embeds_everything_itself(
    tmp_path: Path, postgres_url: str
) -> None:
    """BRIEFBOT_WORKERS=queue but no worker runs: nothing is enqueued, no wait, same stories."""
    folder = _corpus(tmp_path / "corpus")
    assert _cli(postgres_url, "ingest", "--corpus", str(folder)).returncode == 0
    alone = _cli(postgres_url, "digest", "--json", BRIEFBOT_WORKERS="queue")
    assert alone.returncode == 0, alone.stderr
    assert "workers:" not in alone.stderr
    assert _scalar(postgres_url, "SELECT count(*) FROM procrastinate_jobs") == 0
    assert len(_stories(postgres_url)) == 3


def test_a_worker_on_sqlite_is_refused_with_one_line(tmp_path: Path) -> None:
    """The user sees why: workers share a PostgreSQL database; SQLite has one writer."""
    url = f"sqlite:///{tmp_path / 'b.db'}"
    result = _cli(url, "worker")
    assert result.returncode == 2
    assert "briefbot worker needs a PostgreSQL database" in result.stderr
    assert "Traceback" not in result.stderr
