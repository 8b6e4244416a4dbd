"""Embedding shared with ``briefbot worker`` processes through a job queue in PostgreSQL.

The engine is procrastinate (jobs in the same database, taken with ``FOR UPDATE SKIP
LOCKED``). The writer enqueues one job per batch of new article ids, then waits (bounded)
while live workers embed the articles' lead sentences into the shared embedding cache; its
own clustering then finds those vectors cached and computes only what is still missing.
A job writes with ``INSERT … ON CONFLICT DO NOTHING`` and skips what is cached, so a retried
job writes nothing twice. Docs: docs/scaling.md.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import make_url

from summarizer.config import PipelineConfig
from summarizer.store import Store
from summarizer.store.advisory import lock_key

if TYPE_CHECKING:
    import procrastinate

log = logging.getLogger(__name__)

QUEUE = "briefbot-embed"
TASK = "briefbot.embed_articles"
BATCH = 16
"""Article ids per job."""
HEARTBEAT_SECONDS = 2.0
"""How often a worker tells the database it is alive."""
STALLED_SECONDS = 10.0
"""A worker silent this long is dead: its running job goes back to the queue."""
POLL_SECONDS = 0.5
_RUNNING = ("todo", "doing")


@dataclass(frozen=True)
class Shared:
    """What the workers did for one :meth:`~summarizer.service.Briefbot.process` call."""

    articles: int = 0
    """Articles sent to the queue (0: none pending, or no live worker)."""
    jobs: int = 0
    done: int = 0
    """Of ``jobs``, those that succeeded before the writer went on."""


def conninfo(database_url: str) -> str:
    """The libpq URL of a SQLAlchemy PostgreSQL URL (``postgresql+psycopg://`` → ``postgresql://``)."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(False)


def make_app(config: PipelineConfig, store: Store | None = None) -> procrastinate.App:
    """The procrastinate app over ``config``'s database, with the embedding task;
    ``store``: where a worker's jobs write (the writer only enqueues)."""
    import procrastinate

    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(conninfo=conninfo(config.database_url))
    )

    @app.task(name=TASK, queue=QUEUE)
    def embed_articles(article_ids: list[int]) -> int:
        if store is None:
            raise RuntimeError("this app only enqueues; `briefbot worker` runs the jobs")
        return embed_leads(store, config, article_ids)

    return app


def embed_leads(store: Store, config: PipelineConfig, article_ids: Sequence[int]) -> int:
    """Cache the lead-sentence vectors clustering needs for these articles (idempotent)."""
    from summarizer.embeddings import embed_cached, load_embedder
    from summarizer.store.articles import load_articles
    from summarizer.stories.features import lead_units

    with store.session() as session:
        articles = load_articles(session, ids=list(article_ids), include_updates=True)
        units = [unit for article in articles for unit in lead_units(article)]
        embed_cached(session, load_embedder(config.embedding_threads), units)
    return len(articles)


def ensure_schema(store: Store, app: procrastinate.App) -> None:
    """Create procrastinate's tables once (two processes starting together: one creates)."""
    with store.engine.begin() as connection:
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key("procrastinate.schema")}
        )
        if connection.scalar(text("SELECT to_regclass('procrastinate_jobs')")) is None:
            connection.exec_driver_sql(app.schema_manager.get_schema().replace("%", "%%"))


def live_workers(store: Store) -> int:
    """Workers whose heartbeat is recent."""
    query = text(
        "SELECT count(*) FROM procrastinate_workers "
        "WHERE last_heartbeat > now() - make_interval(secs => :seconds)"
    )
    with store.engine.connect() as connection:
        return int(connection.scalar(query, {"seconds": STALLED_SECONDS}) or 0)


def retry_stalled(app: procrastinate.App) -> int:
    """Put the running jobs of dead workers back in the queue; how many."""
    from procrastinate import sql

    connector = app.connector.get_sync_connector()
    rows = connector.execute_query_all(
        query=sql.queries["select_stalled_jobs_by_heartbeat"],
        queue=QUEUE,
        task_name=TASK,
        seconds_since_heartbeat=STALLED_SECONDS,
    )
    for row in rows:
        log.warning("job %s: its worker stopped mid-job; back in the queue", row["id"])
        app.job_manager.retry_job_by_id(row["id"], retry_at=datetime.now(UTC))
    return len(rows)


@dataclass(frozen=True)
class Handout:
    """Jobs enqueued for the workers; :meth:`collect` waits for them (bounded)."""

    store: Store
    app: procrastinate.App
    jobs: list[int]
    articles: int
    deadline: float

    def collect(self) -> Shared:
        """Wait until the jobs are done, the deadline passed or no worker lives."""
        if not self.jobs:
            return Shared()
        with self.app.open():
            done = _wait(self.store, self.app, self.jobs, self.deadline)
        log.info("workers: %d of %d jobs done (%d articles)", done, len(self.jobs), self.articles)
        return Shared(self.articles, len(self.jobs), done)


def hand_out(store: Store, config: PipelineConfig, article_ids: Sequence[int]) -> Handout:
    """Enqueue ``article_ids`` for the live workers (none alive: nothing is enqueued); the
    wait for them ends ``config.worker_wait_seconds`` from now at the latest."""
    app = make_app(config)
    deadline = time.monotonic() + config.worker_wait_seconds
    if not article_ids:
        return Handout(store, app, [], 0, deadline)
    ensure_schema(store, app)
    alive = live_workers(store)
    if not alive:
        log.info("workers: none alive; embedding %d articles here", len(article_ids))
        return Handout(store, app, [], 0, deadline)
    size = min(BATCH, -(-len(article_ids) // alive))  # every live worker gets a share
    batches = [list(article_ids[i : i + size]) for i in range(0, len(article_ids), size)]
    with app.open():
        jobs = app.tasks[TASK].batch_defer(*({"article_ids": batch} for batch in batches))
    return Handout(store, app, jobs, len(article_ids), deadline)


def _wait(store: Store, app: procrastinate.App, jobs: list[int], deadline: float) -> int:
    """Succeeded jobs once none runs, the deadline passed, or no worker lives (a worker
    deletes a job that succeeded, so a job no longer there succeeded)."""
    query = text(
        "SELECT status::text, count(*) FROM procrastinate_jobs WHERE id = ANY(:ids) GROUP BY 1"
    )
    while True:
        with store.engine.connect() as connection:
            counts: dict[str, int] = {
                k: int(v) for k, v in connection.execute(query, {"ids": jobs})
            }
        succeeded = len(jobs) - sum(n for status, n in counts.items() if status != "succeeded")
        if not any(counts.get(status) for status in _RUNNING) or time.monotonic() > deadline:
            return succeeded
        retry_stalled(app)
        if not live_workers(store):
            log.warning("workers: none alive any more; embedding the rest here")
            return succeeded
        time.sleep(POLL_SECONDS)


def run_worker(store: Store, config: PipelineConfig) -> None:
    """Take embedding jobs until stopped (SIGINT/SIGTERM finish the running job first)."""
    app = make_app(config, store)
    ensure_schema(store, app)
    with app.open():
        retry_stalled(app)
    app.run_worker(
        queues=[QUEUE],
        concurrency=1,
        update_heartbeat_interval=HEARTBEAT_SECONDS,
        stalled_worker_timeout=STALLED_SECONDS,
        delete_jobs="successful",
    )
