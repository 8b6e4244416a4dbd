"""What bench/stories.py measures with: BCubed, the bootstrap, the baselines, our clustering.

The baselines are average-link agglomerative clustering (scipy) over cosine distances of
TF-IDF vectors or MiniLM embeddings. "Windowed" gives them the time information ours has:
a pair published further apart than the window is at the largest distance (2.0). Their
threshold is the best on a grid, on the very set they are scored on (an oracle, which
favours them). Ours runs as ``update_stories`` does: oldest first, :data:`CHUNK` new
articles at a time, each chunk against the stories whose spans reach into its window.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from bootstrap import Comparison, resamples, summarise

from summarizer.stories.assign import Member, assign
from summarizer.stories.update import CHUNK

DISTANCES = [round(float(d), 2) for d in np.arange(0.30, 1.00, 0.02)]
"""The baselines' cosine-distance grid."""


def bcubed_items(predicted: Sequence[object], gold: Sequence[object]) -> np.ndarray:
    """Per item: its BCubed precision and recall (an ``n x 2`` array)."""
    _, pred = np.unique(np.asarray(predicted, dtype=str), return_inverse=True)
    _, true = np.unique(np.asarray(gold, dtype=str), return_inverse=True)
    pairs = pred.astype(np.int64) * (true.max() + 1) + true
    both = np.unique(pairs, return_counts=True)
    count_both = dict(zip(both[0].tolist(), both[1].tolist(), strict=True))
    in_cluster, in_event = np.bincount(pred), np.bincount(true)
    shared = np.array([count_both[p] for p in pairs.tolist()], dtype=float)
    return np.column_stack([shared / in_cluster[pred], shared / in_event[true]])


def f1_of(items: np.ndarray) -> float:
    """BCubed F1 from per-item precision and recall (rows: items)."""
    precision, recall = items.mean(axis=0)
    return float(2 * precision * recall / (precision + recall))


def bcubed(predicted: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 over items."""
    items = bcubed_items(predicted, gold)
    precision, recall = items.mean(axis=0)
    return float(precision), float(recall), f1_of(items)


def f1_comparison(ours: np.ndarray, other: np.ndarray, gold: Sequence[object]) -> Comparison:
    """Our BCubed F1 minus another clustering's, gold stories resampled (paired).

    Whole stories are drawn with replacement, since a story's articles rise and fall
    together (resampling articles would understate the spread); each article keeps the
    precision and recall it has in the full clustering, the usual shortcut for BCubed.
    """
    _, story = np.unique(np.asarray(gold, dtype=str), return_inverse=True)
    members = [np.flatnonzero(story == k) for k in range(story.max() + 1)]
    drawn = []
    for picks in resamples(len(members), 1_000):
        index = np.concatenate([members[k] for k in picks])
        drawn.append(f1_of(ours[index]) - f1_of(other[index]))
    return summarise(f1_of(ours) - f1_of(other), np.array(drawn), digits=3)


def ours(
    members: Sequence[Member], *, window: float, threshold: float, link_members: int = 0
) -> np.ndarray:
    """Story labels as ``update_stories`` makes them (chunks of :data:`CHUNK`, oldest first)."""
    order = np.argsort([m.published for m in members], kind="stable")
    stories: list[list[int]] = []
    spans: list[tuple[float, float]] = []
    label = np.full(len(members), -1)
    for start in range(0, len(order), CHUNK):
        part = order[start : start + CHUNK]
        times = [members[i].published for i in part]
        low, high = min(times) - window, max(times) + window
        live = [k for k, (a, b) in enumerate(spans) if b >= low and a <= high]
        placements = assign(
            [[members[i] for i in stories[k]] for k in live],
            [members[i] for i in part],
            window_seconds=window,
            threshold=threshold,
            link_members=link_members,
        )
        created: dict[int, int] = {}
        for i, placement in zip(part, placements, strict=True):
            if placement.group < len(live):
                k = live[placement.group]
            elif placement.group in created:
                k = created[placement.group]
            else:
                k = created[placement.group] = len(stories)
                stories.append([])
                spans.append((members[i].published, members[i].published))
            stories[k].append(int(i))
            spans[k] = (
                min(spans[k][0], members[i].published),
                max(spans[k][1], members[i].published),
            )
            label[i] = k
    return label


def tfidf_vectors(texts: Sequence[str]) -> np.ndarray:
    """Unit TF-IDF rows (English stop words out, sublinear tf), dense."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    return matrix.astype(np.float32).toarray()


def agglomerative(
    vectors: np.ndarray, published: np.ndarray, *, window: float | None
) -> dict[float, np.ndarray]:
    """Average-link labels at each distance of :data:`DISTANCES` (one linkage, cut many times).

    ``window``: pairs further apart in time are at distance 2.0; None: time-blind.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - vectors @ vectors.T
    if window is not None:
        distance[np.abs(published[:, None] - published[None, :]) > window] = 2.0
    np.fill_diagonal(distance, 0.0)
    np.clip(distance, 0.0, 2.0, out=distance)
    tree = linkage(squareform(distance, checks=False).astype(np.float64), method="average")
    del distance
    return {d: fcluster(tree, t=d, criterion="distance") for d in DISTANCES}


def best_cut(labels: dict[float, np.ndarray], gold: Sequence[object]) -> tuple[float, np.ndarray]:
    """The distance (and labels) with the best BCubed F1: the baseline's oracle threshold."""
    scored = {d: bcubed(found, gold)[2] for d, found in labels.items()}
    best = max(scored, key=scored.__getitem__)
    return best, labels[best]
