"""Ingest + NLP throughput of 1, 2 and 4 processes on one PostgreSQL database, beside one
process on a SQLite file (the single-machine figure), all in the same run.

Each process refreshes its own shard of BBC development articles (ingest, stories with
their embeddings, the people index) into the shared database, as machines each fed by their
own scraper would. Today the pipeline writer is one at a time per database (the advisory
pipeline lock, docs/scaling.md), so the processes take turns: the figure to read is how far
the throughput stays flat, i.e. what a distributed NLP queue (not built yet) would have to
beat. ``wall`` includes each process's start-up (imports, model load); ``busy`` sums the
processes' refresh calls (queueing on the lock included). The last row is one writer with
``BRIEFBOT_WORKERS=queue`` and two ``briefbot worker`` processes that embed for it (their
start-up is in ``wall``; NER stays on the writer).

    python bench/scale.py [--limit 60] [--processes 1 2 4] [--server postgresql+psycopg://postgres@127.0.0.1/postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

BBC = ROOT.parent / "shared" / "eval" / "bbc" / "articles"
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PROCESSES = (1, 2, 4)


def worker(url: str, corpus: str) -> None:
    """One process: refresh its shard into ``url``; print its figures as JSON."""
    from summarizer.clock import utcnow
    from summarizer.config import PipelineConfig
    from summarizer.service import Briefbot

    workers = os.environ.get("BRIEFBOT_WORKERS", "off")
    config = PipelineConfig(
        corpus_dir=Path(corpus), database_url=url, stable_seconds=0.0, workers=workers
    )
    began = time.perf_counter()
    extra = []
    if workers != "off":  # `briefbot worker` made the database with the chat side's tables
        from bot.storage import BOT_MIGRATIONS

        extra = [BOT_MIGRATIONS]
    bot = Briefbot(config, clock=lambda: utcnow() + timedelta(minutes=5), extra_migrations=extra)
    start = time.perf_counter()
    report = bot.refresh(wait=3600)
    done = time.perf_counter()
    bot.close()
    figures = {"articles": len(report.ingested), "busy": done - start, "setup": start - began}
    print(json.dumps(figures), flush=True)


def shards(files: list[Path], count: int, target: Path) -> list[Path]:
    """``files`` dealt into ``count`` corpus folders under ``target``."""
    folders = [target / f"shard{n}" for n in range(count)]
    for number, path in enumerate(files):
        destination = folders[number % count] / path.parent.name / path.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
    return folders


def run(url: str, folders: list[Path], *, env: dict[str, str] | None = None) -> dict[str, float]:
    """Start one process per folder at once; wall time until the last is done."""
    began = time.perf_counter()
    processes = [
        subprocess.Popen([sys.executable, __file__, "--worker", url, str(folder)],
                         stdout=subprocess.PIPE, text=True, env=env)
        for folder in folders
    ]  # fmt: skip
    outputs = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in processes]
    wall = time.perf_counter() - began
    if any(p.returncode for p in processes):
        raise SystemExit(f"a worker failed: {[p.returncode for p in processes]}")
    articles = sum(o["articles"] for o in outputs)
    busy = sum(o["busy"] for o in outputs)
    return {"articles": articles, "wall": wall, "busy": busy, "rate": articles / wall}


def with_workers(url: str, folder: Path, count: int) -> dict[str, float]:
    """One writer (``BRIEFBOT_WORKERS=queue``) and ``count`` ``briefbot worker`` processes,
    all started at once; wall time from their start until the writer is done."""
    from sqlalchemy import create_engine, text

    began = time.perf_counter()
    env = {**os.environ, "BRIEFBOT_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    command = [str(Path(sys.executable).with_name("briefbot")), "worker"]
    workers = [
        subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(count)
    ]
    engine = create_engine(url)
    live = "SELECT count(*) FROM procrastinate_workers WHERE last_heartbeat > now() - interval '9s'"
    try:
        while True:  # the writer enqueues only for live workers
            if any(process.poll() is not None for process in workers):
                raise SystemExit("a briefbot worker stopped: run `briefbot worker` to see why")
            with engine.connect() as connection:
                table = connection.scalar(text("SELECT to_regclass('procrastinate_workers')"))
                if table and connection.scalar(text(live)) >= count:
                    break
            time.sleep(0.2)
        row = run(url, [folder], env={**os.environ, "BRIEFBOT_WORKERS": "queue"})
    finally:
        engine.dispose()
        for process in workers:
            process.terminate()
            process.wait(timeout=60)
    row["wall"] = time.perf_counter() - began
    row["rate"] = row["articles"] / row["wall"]
    return row


def admin(server: str, statement: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(statement)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60, help="BBC articles in all")
    parser.add_argument("--server", default=SERVER, help="a PostgreSQL database to create in")
    parser.add_argument(
        "--processes", type=int, nargs="*", default=list(PROCESSES), help="writer counts to run"
    )
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        worker(*options.worker)
        return
    if not BBC.is_dir():
        raise SystemExit(f"{BBC} is absent: clone the project beside shared/")
    from sqlalchemy.engine import make_url

    files = sorted(p for p in BBC.rglob("*.txt"))[: options.limit]
    rows: list[tuple[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        sqlite = f"sqlite:///{folder / 'single.db'}"
        rows.append(("SQLite, 1 process", run(sqlite, shards(files, 1, folder / "sqlite"))))
        for count in (*options.processes, "workers"):
            name = f"briefbot_scale_{os.getpid()}_{count}"
            admin(options.server, f'CREATE DATABASE "{name}"')
            url = make_url(options.server).set(database=name).render_as_string(False)
            try:
                if count == "workers":
                    (shard,) = shards(files, 1, folder / "pgw")
                    label = "PostgreSQL, 1 writer + 2 workers"
                    rows.append((label, with_workers(url, shard, 2)))
                    continue
                folders = shards(files, int(count), folder / f"pg{count}")
                rows.append((f"PostgreSQL, {count} process(es)", run(url, folders)))
            finally:
                admin(options.server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    baseline = rows[0][1]["rate"]
    print(f"\n{len(files)} BBC articles; ingest + stories + people index; {os.cpu_count()} CPUs")
    print("| set-up | articles | wall s | busy s (sum) | articles/s | vs SQLite |")
    print("|---|---|---|---|---|---|")
    for label, row in rows:
        print(f"| {label} | {row['articles']:.0f} | {row['wall']:.1f} | {row['busy']:.1f} | "
              f"{row['rate']:.2f} | {row['rate'] / baseline:.2f}x |")  # fmt: skip


if __name__ == "__main__":
    main()
