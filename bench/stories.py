"""Story clustering at event level (uci-dev headlines) and as a topic regression (WikiRef220).

For each set it prints BCubed precision/recall/F1 and cluster counts for ours (the project
defaults, as ``update_stories`` runs them), with the story window and time-blind, beside
TF-IDF + average-link and MiniLM + average-link agglomerative clustering given the same
window, and time-blind; then a paired bootstrap (gold stories resampled) of ours against
the best baseline, and how F1 moves with our threshold. Ours was fit on uci-dev (threshold,
time penalty); WikiRef is the check on another family. The "before" row is the method
before issue #13 (threshold 0.26, three best members, no time penalty), in the same run.

uci-dev's times are the aggregator's collection times, which bunch a story's first items
within minutes: the time-blind rows say what the text alone is worth.

    python bench/stories.py [--eval-dir ../shared/eval] [--cache /tmp/briefbot-bench]
                            [--only uci|wikiref] [--uci-store]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import story_eval as ev  # noqa: E402

from summarizer.clock import utcnow  # noqa: E402
from summarizer.config import STORY_THRESHOLD, PipelineConfig  # noqa: E402
from summarizer.embeddings import load_embedder  # noqa: E402
from summarizer.embeddings.base import normalise  # noqa: E402
from summarizer.ingest import ingest_corpus  # noqa: E402
from summarizer.models import Article  # noqa: E402
from summarizer.store import Store  # noqa: E402
from summarizer.store.articles import load_articles  # noqa: E402
from summarizer.stories import cluster, list_stories, update_stories  # noqa: E402
from summarizer.stories.assign import Member  # noqa: E402
from summarizer.stories.features import lead_units, salient_names  # noqa: E402
from summarizer.stories.vectors import article_features  # noqa: E402

WINDOW = PipelineConfig().story_window_hours * 3600.0
BLIND = float("inf")
BEFORE = {"threshold": 0.26, "link_members": 3, "penalty": 0.0}
SWEEP = (0.10, 0.12, 0.14, 0.16, 0.18, 0.22, 0.26)


def event_of(name: str) -> str:
    """WikiRef's label: the file name without `` (N).txt`` or ``.N.txt``."""
    return re.sub(r"( \(\d+\)|\.\d+)\.txt$", "", name)


def row(name: str, setting: str, labels: Sequence[object], gold: Sequence[object]) -> str:
    p, r, f = ev.bcubed(labels, gold)
    return f"{name:<40} {setting:>10} {p:6.3f} {r:6.3f} {f:6.3f} {len(set(labels)):9d}"


def before(members: Sequence[Member], window: float) -> np.ndarray:
    """The method before #13, in this run (its time penalty was none)."""
    saved, cluster.TIME_PENALTY = cluster.TIME_PENALTY, BEFORE["penalty"]
    try:
        return ev.ours(
            members,
            window=window,
            threshold=BEFORE["threshold"],
            link_members=int(BEFORE["link_members"]),
        )
    finally:
        cluster.TIME_PENALTY = saved


def compare(
    title: str,
    members: Sequence[Member],
    gold: Sequence[object],
    texts: Sequence[str],
    pipeline: Sequence[object] | None = None,
) -> None:
    """Every row of one data set, the bootstrap and our threshold sweep."""
    published = np.array([m.published for m in members])
    vectors = np.array([m.vector for m in members], dtype=np.float32)
    print(f"\n== {title}: {len(members)} articles, {len(set(gold))} gold stories ==")
    print(f"{'method':<40} {'threshold':>10} {'P':>6} {'R':>6} {'F1':>6} {'clusters':>9}")
    windowed = ev.ours(members, window=WINDOW, threshold=STORY_THRESHOLD)
    blind = ev.ours(members, window=BLIND, threshold=STORY_THRESHOLD)
    if pipeline is not None:
        print(row("ours: update_stories (pipeline)", f"{STORY_THRESHOLD:.2f}", pipeline, gold))
    print(row("ours, 96 h window", f"{STORY_THRESHOLD:.2f}", windowed, gold))
    print(row("ours, time-blind", f"{STORY_THRESHOLD:.2f}", blind, gold))
    print(
        row("before #13, 96 h window", f"{BEFORE['threshold']:.2f}", before(members, WINDOW), gold)
    )
    best: dict[str, tuple[str, np.ndarray]] = {}
    for name, features in (("TF-IDF", ev.tfidf_vectors(texts)), ("MiniLM", vectors)):
        for mode, window in (("96 h window", WINDOW), ("time-blind", None)):
            cut, labels = ev.best_cut(ev.agglomerative(features, published, window=window), gold)
            label = f"{name} + average link, {mode}"
            print(row(label, f"d={cut:.2f}", labels, gold))
            key = "window" if window else "blind"
            if key not in best or ev.bcubed(labels, gold)[2] > ev.bcubed(best[key][1], gold)[2]:
                best[key] = (label, labels)
    mine = {"window": windowed, "blind": blind}
    for key, (label, labels) in best.items():
        result = ev.f1_comparison(
            ev.bcubed_items(mine[key], gold), ev.bcubed_items(labels, gold), gold
        )
        print(f"ours ({key}) - best baseline ({label}): {result}")
    print("our threshold → F1/clusters, 96 h window | time-blind:")
    for t in SWEEP:
        cells = []
        for window in (WINDOW, BLIND):
            found = ev.ours(members, window=window, threshold=t)
            cells.append(f"{ev.bcubed(found, gold)[2]:.3f}/{len(set(found))}")
        print(f"  {t:.2f}: {cells[0]} | {cells[1]}")


def uci(path: Path, cache: Path) -> None:
    """uci-dev: each headline as the headline-only article ingestion makes of it."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    articles = [
        Article(
            id=i,
            path="",
            headline=" ".join(item["title"].split()),
            outlet=item.get("publisher"),
            url=item.get("url"),
            published=datetime.fromisoformat(item["published"]),
            language="und",
            text=" ".join(item["title"].split()),
            content_hash="",
            version=1,
        )
        for i, item in enumerate(items)
    ]
    units = [lead_units(article) for article in articles]
    flat = [unit for article_units in units for unit in article_units]
    vectors = cached_embeddings(flat, cache)
    members, start = [], 0
    for article, article_units in zip(articles, units, strict=True):
        vector = normalise(vectors[start : start + len(article_units)].sum(axis=0))
        start += len(article_units)
        members.append(Member(vector, salient_names(article), article.published.timestamp()))
    gold = [item["story"] for item in items]
    compare("uci-dev (headlines)", members, gold, [a.headline or "" for a in articles])


def uci_store(path: Path) -> None:
    """uci-dev through the real thing: one JSON file per headline, ``ingest_corpus`` (short
    items, language, duplicates) and ``update_stories``; duplicates count in their
    original's story, files rejected as singletons."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for item in items:
            fields = {key: item[key] for key in ("title", "url", "published")}
            document = fields | {"source": item.get("publisher")}
            (corpus / f"{item['id']}.json").write_text(json.dumps(document), encoding="utf-8")
        config = PipelineConfig(corpus_dir=corpus, stable_seconds=0.0)
        store = Store(f"sqlite:///{Path(tmp) / 'uci.db'}")
        clock = lambda: utcnow() + timedelta(minutes=5)  # noqa: E731  (files are "stable")
        started = time.perf_counter()
        report = ingest_corpus(store, corpus, config, clock=clock)
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        stories = update_stories(store, config, clock=clock)
        stories_s = time.perf_counter() - started
        with store.session() as session:
            articles = load_articles(session, include_updates=True)
            story_of = {a: s.id for s in list_stories(session) for a in s.article_ids}
        store.close()
    root = {a.id: a.update_of or a.id for a in articles}
    by_path = {Path(a.path).stem: story_of.get(root[a.id], -a.id) for a in articles}
    for duplicate in report.duplicates:
        by_path[Path(duplicate.path).stem] = story_of.get(root.get(duplicate.duplicate_of, 0))
    labels = [by_path.get(str(item["id"])) or f"alone-{item['id']}" for item in items]
    gold = [item["story"] for item in items]
    counts = report.counts()
    print(
        f"\nuci-dev through ingest_corpus + update_stories: {counts['ingested']} ingested, "
        f"{counts['duplicates']} duplicates, {counts['rejected']} rejected "
        f"({ingest_s:.0f} s); {stories.articles} clustered, left out by language "
        f"{stories.left_out or 'none'} ({stories_s:.0f} s)"
    )
    print(row("ours: ingest + update_stories", f"{STORY_THRESHOLD:.2f}", labels, gold))


def cached_embeddings(texts: Sequence[str], cache: Path) -> np.ndarray:
    """Embeddings of ``texts``, kept in a file under ``cache`` keyed by model and texts."""
    embedder = load_embedder()
    digest = hashlib.sha256("\n".join([embedder.name, *texts]).encode()).hexdigest()[:16]
    target = cache / f"stories-{digest}.npy"
    if target.exists():
        return np.load(target)
    started = time.perf_counter()
    vectors = embedder.encode(list(texts))
    print(f"embedded {len(texts)} texts in {time.perf_counter() - started:.0f} s ({embedder.name})")
    cache.mkdir(parents=True, exist_ok=True)
    np.save(target, vectors)
    return vectors


def wikiref(source: Path) -> None:
    """WikiRef220 through the real pipeline (ingest, embed, update_stories)."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(source, corpus)
        config = PipelineConfig(corpus_dir=corpus, stable_seconds=0.0)
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        clock = lambda: utcnow() + timedelta(minutes=5)  # noqa: E731  (files are "stable")
        ingest_corpus(store, corpus, config, clock=clock)
        with store.session() as session:
            articles = [a for a in load_articles(session, include_updates=True)]
        embedder = load_embedder(config.embedding_threads)
        with store.session() as session:
            features = article_features(session, embedder, articles, now=clock())
            session.commit()
        update_stories(store, config, clock=clock, embedder=embedder)
        with store.session() as session:
            story_of = {a: s.id for s in list_stories(session) for a in s.article_ids}
        store.close()
    original = {a.id: a.update_of or a.id for a in articles}
    members = [
        Member(features[a.id].vector, features[a.id].names, a.published.timestamp())
        for a in articles
    ]
    pipeline = [story_of.get(original[a.id], -a.id) for a in articles]
    gold = [event_of(Path(a.path).name) for a in articles]
    texts = [f"{a.headline or ''}\n{a.text}" for a in articles]
    compare("WikiRef220 (topics, full articles)", members, gold, texts, pipeline)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "briefbot-bench"
    )
    parser.add_argument("--only", choices=("uci", "wikiref"), help="run one data set")
    parser.add_argument(
        "--uci-store", action="store_true", help="also run uci-dev through ingestion and the store"
    )
    args = parser.parse_args()
    headlines = args.eval_dir / "uci-dev" / "headlines.jsonl"
    wiki = args.eval_dir / "wikiref220"
    if not headlines.is_file() or not wiki.is_dir():
        sys.exit(f"uci-dev or WikiRef220 not found under {args.eval_dir}: pass --eval-dir")
    print(
        f"defaults: threshold {STORY_THRESHOLD}, window {WINDOW / 3600:.0f} h, time penalty "
        f"{cluster.TIME_PENALTY}, text weight {cluster.TEXT_WEIGHT}, link members "
        f"{cluster.LINK_MEMBERS} (0: average link)"
    )
    if args.only in (None, "uci"):
        uci(headlines, args.cache)
        if args.uci_store:
            uci_store(headlines)
    if args.only in (None, "wikiref"):
        wikiref(wiki)


if __name__ == "__main__":
    main()
