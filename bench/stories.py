"""Story clustering on WikiRef220: BCubed precision/recall/F1 and cluster count.

Runs the real pipeline (ingest → embed → cluster) on a copy of the 220 files, then
compares, in the same run, against a TF-IDF + average-link agglomerative baseline.
Both methods get their threshold tuned on this data set (there is no separate development
set) over a grid: the baseline's is its best BCubed F1; ours is the best batch F1 among
thresholds giving 14-18 clusters. The grid table shows how flat F1 is around it. The
streaming columns feed the articles one at a time in shuffled orders, as a live corpus
would; the batch columns cluster them in one run, as a first ingest does. The "before" rows
stream with average link to existing stories (the earlier method) instead of the
best-matching members, in the same run.

    python bench/stories.py [--eval-dir ../shared/eval] [--orders 3]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bootstrap import Comparison, resamples, summarise  # noqa: E402

from summarizer.clock import utcnow  # noqa: E402
from summarizer.config import PipelineConfig  # noqa: E402
from summarizer.embeddings import load_embedder  # noqa: E402
from summarizer.ingest import ingest_corpus  # noqa: E402
from summarizer.models import Article  # noqa: E402
from summarizer.store import Store  # noqa: E402
from summarizer.store.articles import load_articles  # noqa: E402
from summarizer.stories import list_stories, update_stories  # noqa: E402
from summarizer.stories.assign import Member, assign  # noqa: E402
from summarizer.stories.cluster import LINK_MEMBERS, THRESHOLD  # noqa: E402
from summarizer.stories.vectors import article_features  # noqa: E402

WINDOW = 96 * 3600.0


def event_of(name: str) -> str:
    """WikiRef's label: the file name without `` (N).txt`` or ``.N.txt``."""
    return re.sub(r"( \(\d+\)|\.\d+)\.txt$", "", name)


def bcubed_items(predicted: Sequence[object], gold: Sequence[object]) -> np.ndarray:
    """Per item: its BCubed precision and recall (an ``n x 2`` array)."""
    pred, true = np.asarray(predicted), np.asarray(gold)
    items = np.empty((len(pred), 2))
    for i in range(len(pred)):
        same_cluster, same_event = pred == pred[i], true == true[i]
        both = float((same_cluster & same_event).sum())
        items[i] = both / same_cluster.sum(), both / same_event.sum()
    return items


def f1_of(items: np.ndarray) -> float:
    """BCubed F1 from per-item precision and recall (rows: items)."""
    precision, recall = items.mean(axis=0)
    return float(2 * precision * recall / (precision + recall))


def bcubed(predicted: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 over items."""
    items = bcubed_items(predicted, gold)
    precision, recall = items.mean(axis=0)
    return float(precision), float(recall), f1_of(items)


def f1_comparison(ours: np.ndarray, other: np.ndarray | float) -> Comparison:
    """Our BCubed F1 minus another clustering's (or a fixed target), articles resampled.

    Each article keeps the precision and recall it has in the full clustering, the usual
    shortcut for bootstrapping BCubed.
    """

    def bar(index: np.ndarray) -> float:
        return other if isinstance(other, float) else f1_of(other[index])

    drawn = np.array([f1_of(ours[i]) - bar(i) for i in resamples(len(ours), rounds=2_000)])
    whole = np.arange(len(ours))
    return summarise(f1_of(ours) - bar(whole), drawn, digits=3)


def batch_labels(members: Sequence[Member], threshold: float) -> list[int]:
    return [p.group for p in assign([], members, window_seconds=WINDOW, threshold=threshold)]


def streaming_labels(
    members: Sequence[Member],
    order: Sequence[int],
    threshold: float,
    link_members: int = LINK_MEMBERS,
) -> list[int]:
    stories: list[list[Member]] = []
    label = [0] * len(members)
    for i in order:
        placement = assign(
            stories,
            [members[i]],
            window_seconds=WINDOW,
            threshold=threshold,
            link_members=link_members,
        )[0]
        if placement.group >= len(stories):
            stories.append([])
        stories[placement.group].append(members[i])
        label[i] = placement.group
    return label


def tfidf_labels(articles: Sequence[Article], distances: Sequence[float]) -> list[list[int]]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{a.headline or ''}\n{a.text}" for a in articles]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    dense = matrix.toarray()
    return [
        list(
            AgglomerativeClustering(
                n_clusters=None, metric="cosine", linkage="average", distance_threshold=d
            ).fit_predict(dense)
        )
        for d in distances
    ]


def row(name: str, setting: str, scores: tuple[float, float, float], clusters: int) -> str:
    p, r, f = scores
    return f"{name:<34} {setting:>9} {p:6.3f} {r:6.3f} {f:6.3f} {clusters:9d}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--orders", type=int, default=3, help="shuffled streaming orders")
    args = parser.parse_args()
    source = args.eval_dir / "wikiref220"
    if not source.is_dir():
        sys.exit(f"WikiRef220 not found at {source}: pass --eval-dir")

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(source, corpus)
        config = PipelineConfig(corpus_dir=corpus, stable_seconds=0.0)
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        clock = lambda: utcnow() + timedelta(minutes=5)  # noqa: E731  (files are "stable")
        started = time.perf_counter()
        ingest_corpus(store, corpus, config, clock=clock)
        ingest_s = time.perf_counter() - started
        with store.session() as session:
            articles = load_articles(session, include_updates=True)
        original = {a.id: a.update_of or a.id for a in articles}
        gold = [event_of(Path(a.path).name) for a in articles]

        embedder = load_embedder(config.embedding_threads)
        started = time.perf_counter()
        with store.session() as session:
            features = article_features(session, embedder, articles, now=clock())
        embed_s = time.perf_counter() - started
        originals = [a for a in articles if a.update_of is None]
        members = [
            Member(features[a.id].vector, features[a.id].names, a.published.timestamp())
            for a in originals
        ]
        position = {a.id: i for i, a in enumerate(originals)}
        spread = [position[original[a.id]] for a in articles]

        started = time.perf_counter()
        update_stories(store, config, clock=clock, embedder=embedder)
        cluster_s = time.perf_counter() - started
        with store.session() as session:
            story_of = {a: s.id for s in list_stories(session) for a in s.article_ids}
        pipeline = [story_of.get(original[a.id], -a.id) for a in articles]
        store.close()

    print(f"WikiRef220: {len(articles)} articles ingested, {len(set(gold))} events")
    print(
        f"ingest {ingest_s:.1f}s, embed {embed_s:.1f}s, cluster (features cached) {cluster_s:.2f}s"
    )
    print(f"embedder: {embedder.name}\n")

    orders = [np.random.default_rng(k).permutation(len(members)) for k in range(args.orders)]
    header = ("threshold", "batch F1", "clusters", "stream F1", "clusters", "mean")
    print("{:>9} {:>9} {:>9} {:>10} {:>9} {:>6}".format(*header))
    ours: dict[float, tuple[float, float]] = {}
    batch_count: dict[float, int] = {}
    for t in np.round(np.arange(0.16, 0.35, 0.02), 2):
        found = batch_labels(members, float(t))
        batch = bcubed([found[i] for i in spread], gold)[2]
        batch_clusters = len(set(found))
        streams = []
        for order in orders:
            found = streaming_labels(members, order, float(t))
            labels = [found[i] for i in spread]
            streams.append((bcubed(labels, gold)[2], len(set(labels))))
        stream_f1 = float(np.mean([f for f, _ in streams]))
        ours[float(t)] = (batch, stream_f1)
        batch_count[float(t)] = batch_clusters
        print(
            f"{t:9.2f} {batch:9.3f} {batch_clusters:9d} {stream_f1:10.3f} "
            f"{np.mean([k for _, k in streams]):9.1f} {(batch + stream_f1) / 2:6.3f}"
        )
    distances = [float(d) for d in np.round(np.arange(0.70, 1.00, 0.01), 2)]
    base = {
        d: (bcubed(labels, gold), len(set(labels)))
        for d, labels in zip(distances, tfidf_labels(articles, distances), strict=True)
    }
    in_range = [t for t in ours if 14 <= batch_count[t] <= 18] or list(ours)
    best_ours = max(in_range, key=lambda t: ours[t][0])
    best_base = max(base, key=lambda d: base[d][0][2])
    print(f"\nbest batch F1 with 14-18 clusters at {best_ours:.2f} (project default {THRESHOLD})")
    print(f"\n{'method':<34} {'threshold':>9} {'P':>6} {'R':>6} {'F1':>6} {'clusters':>9}")
    print(
        row(
            "ours: update_stories (pipeline)",
            f"{THRESHOLD:.2f}",
            bcubed(pipeline, gold),
            len(set(pipeline)),
        )
    )
    for k, order in enumerate(orders):
        found = streaming_labels(members, order, THRESHOLD)
        labels = [found[i] for i in spread]
        print(
            row(
                f"ours: streaming, order {k}",
                f"{THRESHOLD:.2f}",
                bcubed(labels, gold),
                len(set(labels)),
            )
        )
    for k, order in enumerate(orders):
        found = streaming_labels(members, order, THRESHOLD, link_members=0)
        labels = [found[i] for i in spread]
        print(
            row(
                f"before: streaming, avg link, ord {k}",
                f"{THRESHOLD:.2f}",
                bcubed(labels, gold),
                len(set(labels)),
            )
        )
    print(row("baseline: TF-IDF + agglomerative", f"d={best_base:.2f}", *base[best_base]))
    ratio = bcubed(pipeline, gold)[2] / base[best_base][0][2]
    print(f"F1 ratio (ours, pipeline / baseline, best on grid): {ratio:.3f}")
    ours_items = bcubed_items(pipeline, gold)
    base_items = bcubed_items(tfidf_labels(articles, [best_base])[0], gold)
    against_baseline = f1_comparison(ours_items, base_items)
    print(f"ours - baseline F1, paired bootstrap over articles: {against_baseline}")
    print(f"ours - target 0.97 F1, bootstrap over articles: {f1_comparison(ours_items, 0.97)}")
    print(
        "baseline sensitivity (cosine distance → F1/clusters): "
        + ", ".join(f"{d:.2f}→{s[0][2]:.3f}/{s[1]}" for d, s in base.items() if d >= 0.85)
    )


if __name__ == "__main__":
    main()
