"""Ingestion speed and memory on the BBC development set, beside a plain read+decode baseline.

Usage: ``python bench/ingest.py [--corpus DIR] [--limit N]``. Each figure is measured in
the same run as its baseline: a plain read of the same files with UTF-8 decoding (no
cleaning, de-duplication or store). Peak memory is Python's allocations (tracemalloc, in
a second, traced pass) and the process's maximum resident size.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.config import PipelineConfig  # noqa: E402
from summarizer.ingest import ingest_corpus  # noqa: E402
from summarizer.store import Store  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "bbc" / "articles"
LATER = datetime(2100, 1, 1, tzinfo=UTC)
"""The benchmark's clock: every file is long stable."""


def baseline(files: list[Path]) -> list[str]:
    """Read and decode every file into memory; the floor any ingestion stands on."""
    return [path.read_bytes().decode("utf-8", errors="replace") for path in files]


def ingest_once(corpus: Path) -> tuple[float, int, float]:
    """A fresh store: (seconds for the first ingest, articles, seconds for an unchanged rerun)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        url = f"sqlite:///{folder / 'bench.db'}"
        store = Store(url)
        config = PipelineConfig(database_url=url)
        started = time.perf_counter()
        report = ingest_corpus(store, corpus, config, clock=lambda: LATER)
        first = time.perf_counter() - started
        started = time.perf_counter()
        ingest_corpus(store, corpus, config, clock=lambda: LATER)
        rerun = time.perf_counter() - started
        store.close()
        return first, len(report.ingested) + len(report.duplicates), rerun
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def traced_peak(work: Callable[[], object]) -> int:
    """Peak bytes Python allocated while ``work`` ran."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def subset(corpus: Path, limit: int | None) -> Path:
    """The corpus itself, or a temporary copy of its first ``limit`` files."""
    if limit is None:
        return corpus
    target = Path(tempfile.mkdtemp(prefix="bench-subset-"))
    for path in sorted(corpus.rglob("*.txt"))[:limit]:
        destination = target / path.relative_to(corpus)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N files")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus folder not found: {args.corpus} (clone the project beside shared/)")
    corpus = subset(args.corpus, args.limit)
    files = sorted(p for p in corpus.rglob("*") if p.is_file())

    started = time.perf_counter()
    baseline(files)
    base_seconds = time.perf_counter() - started
    seconds, articles, rerun = ingest_once(corpus)
    base_peak = traced_peak(lambda: baseline(files))
    ingest_peak = traced_peak(lambda: ingest_once(corpus))
    max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rate, base_rate = len(files) / seconds, len(files) / base_seconds
    rows = [
        ("files/s, first ingest", f"{rate:,.0f}", f"{base_rate:,.0f}", f"{rate / base_rate:.3f}"),
        (
            "files/s, unchanged rerun",
            f"{len(files) / rerun:,.0f}",
            f"{base_rate:,.0f}",
            f"{(len(files) / rerun) / base_rate:.3f}",
        ),
        (
            "peak Python MB (tracemalloc)",
            f"{ingest_peak / 1e6:.1f}",
            f"{base_peak / 1e6:.1f}",
            f"{ingest_peak / max(base_peak, 1):.1f}",
        ),
    ]
    print(f"corpus: {args.corpus} ({len(files)} files, {articles} stored or duplicate)")
    print(f"{'figure':<30}{'ingest':>12}{'baseline':>12}{'ratio':>10}")
    for name, value, base, ratio in rows:
        print(f"{name:<30}{value:>12}{base:>12}{ratio:>10}")
    print(f"process max RSS: {max_rss_mb:.0f} MB (both passes, imports included)")
    print("baseline: read + UTF-8 decode of the same files into a list (no clean, dedupe, store)")
    if corpus != args.corpus:
        shutil.rmtree(corpus, ignore_errors=True)


if __name__ == "__main__":
    main()
