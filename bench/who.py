"""Latency of ``/who`` on a store of several thousand BBC articles, and NER throughput.

The BBC development set (``shared/eval/bbc/articles``) is read once; NER runs on each
unique article (trimmed pipeline), and the extractions are stored again under distinct
article ids (``--copies``) to make a larger store, as ingestion would. Then ``who`` is
timed for ``--names`` names (known, surname-only and unknown), against a naive baseline
that scans every mention row for the name. NER throughput (trimmed) is compared with the
full spaCy pipeline, with embedding the same articles, and with ingestion of them.

    python bench/who.py [--unique 1327] [--copies 3] [--names 200] [--sample 100]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from sqlalchemy import select  # noqa: E402

from summarizer.models import Article  # noqa: E402
from summarizer.people import who  # noqa: E402
from summarizer.people.extract import candidate_sentences, extract, load_nlp  # noqa: E402
from summarizer.people.index import _save  # noqa: E402
from summarizer.people.names import fold  # noqa: E402
from summarizer.people.resolve import resolve  # noqa: E402
from summarizer.store import Store  # noqa: E402
from summarizer.store.articles import ArticleRow  # noqa: E402
from summarizer.store.people import (  # noqa: E402
    PeopleEntityRow,
    PeopleMentionRow,
    PeopleSentenceRow,
)

BBC = ROOT.parent / "shared" / "eval" / "bbc" / "articles"
START = datetime(2025, 1, 1, tzinfo=UTC)


def read_bbc(limit: int) -> list[tuple[str, str, str]]:
    """(path, headline, body) of the first ``limit`` BBC files, categories interleaved."""
    files = sorted(BBC.glob("*/*.txt"), key=lambda p: (p.stem, p.parent.name))[:limit]
    out = []
    for path in files:
        data = path.read_bytes()
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError:
            raw = data.decode("cp1252", errors="replace")
        headline, _, body = raw.partition("\n")
        out.append((str(path), headline.strip(), body.strip()))
    return out


def build(store: Store, docs: list[tuple[str, str, str]], copies: int) -> tuple[float, int]:
    """Insert ``copies`` × docs as articles; NER once per unique doc. Returns NER seconds."""
    rows = []
    for copy in range(copies):
        for i, (path, headline, body) in enumerate(docs):
            published = START + timedelta(hours=i + copy * len(docs))
            rows.append(
                ArticleRow(
                    path=f"{path}#{copy}",
                    headline=headline,
                    outlet=f"BBC {copy % 4}",
                    url=None,
                    published=published,
                    language="en",
                    text=body,
                    content_hash=str(hash((copy, i))),
                    fingerprint="",
                    version=1,
                    file_size=len(body),
                    file_mtime=0.0,
                    ingested_at=published,
                    updated_at=published,
                )
            )
    with store.session() as session:
        session.add_all(rows)
        session.flush()
        articles = [row.to_article() for row in rows]
    unique = articles[: len(docs)]
    began = time.perf_counter()
    extracts = []
    for start in range(0, len(unique), 64):
        extracts += extract(unique[start : start + 64])
    ner = time.perf_counter() - began
    for copy in range(copies):
        batch = [replace(e, article=articles[copy * len(docs) + i]) for i, e in enumerate(extracts)]
        with store.session() as session:
            _save(session, batch)
    with store.session() as session:
        began = time.perf_counter()
        resolve(session)
        print(f"resolve (all {len(articles)} articles): {time.perf_counter() - began:.2f} s")
    return ner, len(articles)


def queries(store: Store, count: int, seed: int = 7) -> list[str]:
    """Names to ask: full names, surnames, organisations and some unknown names."""
    with store.session() as session:
        entities = list(session.scalars(select(PeopleEntityRow)))
    rng = random.Random(seed)
    picked = rng.sample(entities, min(len(entities), count * 3 // 4))
    names = [e.name if rng.random() < 0.6 else e.name.split()[-1] for e in picked]
    names += [f"Nobody Surname{i}" for i in range(count - len(names))]
    return names


def naive_who(store: Store, name: str) -> int:
    """Baseline: scan every mention row, fold each name, keep the matching sentences."""
    key = fold(name)
    with store.session() as session:
        rows = session.execute(
            select(PeopleMentionRow.name, PeopleSentenceRow.text).join(
                PeopleSentenceRow, PeopleSentenceRow.id == PeopleMentionRow.sentence_id
            )
        )
        return sum(1 for n, _ in rows if fold(n) == key or fold(n).endswith(" " + key))


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def throughput(sample: list[Article]) -> list[tuple[str, float]]:
    """Articles per second for trimmed NER, full spaCy, embeddings, and ingestion."""
    figures = []
    began = time.perf_counter()
    extract(sample)
    figures.append(("NER, trimmed pipeline (ours)", len(sample) / (time.perf_counter() - began)))
    full = load_nlp(full=True)
    sentences = [s for a in sample for s in candidate_sentences(a) if s]
    began = time.perf_counter()
    for _ in full.pipe(sentences, batch_size=256):
        pass
    figures.append(("NER, full spaCy pipeline", len(sample) / (time.perf_counter() - began)))
    try:
        from summarizer.embeddings import load_embedder

        embedder = load_embedder()
        began = time.perf_counter()
        embedder.encode([a.text for a in sample])
        figures.append(("embedding (whole articles)", len(sample) / (time.perf_counter() - began)))
    except Exception as error:  # the embeddings package may be absent or failing
        print(f"embedding skipped: {error}")
    try:
        from summarizer.config import PipelineConfig
        from summarizer.ingest import ingest_corpus

        with tempfile.TemporaryDirectory() as folder:
            corpus = Path(folder) / "corpus"
            corpus.mkdir()
            for i, a in enumerate(sample):
                (corpus / f"{i:04d}.txt").write_text(a.text, encoding="utf-8")
            past = time.time() - 3600
            for path in corpus.iterdir():
                os.utime(path, (past, past))
            store = Store(f"sqlite:///{folder}/ingest.db")
            began = time.perf_counter()
            ingest_corpus(store, corpus, PipelineConfig(stable_seconds=0))
            figures.append(
                ("ingestion (read, clean, dedupe)", len(sample) / (time.perf_counter() - began))
            )
            store.close()
    except Exception as error:
        print(f"ingestion skipped: {error}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--unique", type=int, default=1327)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--names", type=int, default=200)
    parser.add_argument("--sample", type=int, default=100)
    args = parser.parse_args()
    if not BBC.exists():
        sys.exit(f"{BBC} is absent: clone the project beside shared/")
    docs = read_bbc(args.unique)
    folder = Path(tempfile.mkdtemp(prefix="who-bench-"))
    try:
        store = Store(f"sqlite:///{folder / 'bench.db'}")
        load_nlp()
        ner_seconds, total = build(store, docs, args.copies)
        names = queries(store, args.names)
        now = START + timedelta(days=365)
        ours, naive = [], []
        for name in names:
            began = time.perf_counter()
            who(store, name, now=now)
            ours.append(time.perf_counter() - began)
        for name in names[:: max(1, len(names) // 20)]:
            began = time.perf_counter()
            naive_who(store, name)
            naive.append(time.perf_counter() - began)
        with store.session() as session:
            sample = [
                row.to_article()
                for row in session.scalars(
                    select(ArticleRow).order_by(ArticleRow.id).limit(args.sample)
                )
            ]
        rates = throughput(sample)
        store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    ours_p50, ours_p95 = percentiles(ours)
    naive_p50, naive_p95 = percentiles(naive)
    print(f"\nstore: {total} articles ({len(docs)} unique × {args.copies}); {len(names)} names")
    print(f"{'figure':<42}{'ours':>12}{'baseline':>12}{'ratio':>8}")
    print(
        f"{'who p50 latency (ms) vs naive scan':<42}{ours_p50:>12.1f}{naive_p50:>12.1f}"
        f"{naive_p50 / ours_p50:>8.1f}"
    )
    print(
        f"{'who p95 latency (ms) vs naive scan':<42}{ours_p95:>12.1f}{naive_p95:>12.1f}"
        f"{naive_p95 / ours_p95:>8.1f}"
    )
    print(f"{'NER build, unique articles/s':<42}{len(docs) / ner_seconds:>12.1f}")
    trimmed = rates[0][1]
    for label, rate in rates:
        print(f"{label + ' (articles/s)':<42}{trimmed:>12.1f}{rate:>12.1f}{trimmed / rate:>8.2f}")


if __name__ == "__main__":
    main()
