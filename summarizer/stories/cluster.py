"""Agglomeration of new articles onto existing stories (pure numpy).

Every article has a unit text vector ``t`` and a unit names vector ``n``; the similarity of
two articles is ``w·(t₁·t₂) + (1−w)·(n₁·n₂)``, less :data:`TIME_PENALTY` times the gap
between the two groups' publication spans as a share of the window. Groups merge by
average link: because the similarity is a dot product, the average between two groups
comes from their summed vectors alone, and each new group's dot products with every group
are kept up to date as groups merge. A new article is compared with an existing story the
same way (or, with ``LINK_MEMBERS > 0``, through the story's best-matching members, which
lets event-level stories chain). Existing stories never merge with each other (their ids
stay stable); the best pair merges first while its similarity reaches the threshold and the
two groups' publication spans lie within the window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from summarizer.config import STORY_THRESHOLD as THRESHOLD

TEXT_WEIGHT = 0.6
"""Weight of the text (embedding) similarity; the rest goes to shared names."""
LINK_MEMBERS = 0
"""0: a new article is compared with an existing story by average link over its members;
``k``: through the story's ``k`` best-matching members (it lets stories snowball on events)."""
TIME_PENALTY = 0.5
"""Similarity taken off two groups whose publication spans lie a whole window apart (in
proportion below that): an event's reports come out close together."""


@dataclass
class Groups:
    """Clusters as sums: existing stories first (``frozen``), then one row per new article."""

    text: np.ndarray
    names: np.ndarray
    size: np.ndarray
    first: np.ndarray
    """Earliest publication, POSIX seconds."""
    last: np.ndarray
    frozen: np.ndarray
    best: np.ndarray | None = None
    """``(new articles, stories, LINK_MEMBERS)``: each new article's highest similarities to
    each existing story's members, ``-inf`` where a story has fewer members. Without it,
    existing stories are compared by average link too."""

    def __len__(self) -> int:
        return len(self.size)


def agglomerate(
    groups: Groups,
    *,
    threshold: float = THRESHOLD,
    window_seconds: float,
    text_weight: float = TEXT_WEIGHT,
) -> np.ndarray:
    """Merge in place; returns, for every group, the index of the group it ended in."""
    n = len(groups)
    owner = np.arange(n)
    rows = np.flatnonzero(~groups.frozen)
    if len(rows) == 0:
        return owner
    everyone = np.arange(n)
    linker = _Linker(groups, rows, text_weight)
    row_of = {int(r): i for i, r in enumerate(rows)}
    # dots[i, j]: new group rows[i]'s summed vectors dotted with group j's, kept up to date as
    # groups merge (a merged group's dot is the sum of its parts'): O(n) work per merge.
    dots = text_weight * (groups.text[rows] @ groups.text.T).astype(np.float64)
    dots += (1.0 - text_weight) * (groups.names[rows] @ groups.names.T)
    scores = np.vstack(
        [_average(dots[i], groups, everyone, int(r), window_seconds) for i, r in enumerate(rows)]
    )
    scores = linker.patch(scores, owner)
    while True:
        i, j = divmod(int(np.argmax(scores)), n)
        if not scores[i, j] >= threshold:
            break
        a, b = int(rows[i]), j
        keep, gone = (b, a) if groups.frozen[b] or b < a else (a, b)
        if groups.frozen[keep]:
            linker.extend(keep, np.flatnonzero(owner[rows] == gone))
        else:
            dots[row_of[keep]] += dots[row_of[gone]]
        dots[:, keep] += dots[:, gone]
        _absorb(groups, keep, gone)
        owner[owner == gone] = keep
        scores[:, gone] = -np.inf
        scores[row_of[gone]] = -np.inf
        heads = owner[rows] == rows
        if groups.frozen[keep]:
            column = _average(dots[:, keep], groups, rows, keep, window_seconds)
            column[~heads] = -np.inf
            scores[:, keep] = linker.story_column(keep, owner, column)
        else:
            column = _average(dots[row_of[keep]], groups, everyone, keep, window_seconds)
            column[owner != everyone] = -np.inf
            column = linker.group_row(keep, owner, column)
            scores[:, keep] = column[rows]
            scores[row_of[keep]] = column
    return owner


class _Linker:
    """Best-members linkage between new groups and existing stories."""

    def __init__(self, groups: Groups, rows: np.ndarray, text_weight: float) -> None:
        self.groups, self.rows, self.weight = groups, rows, text_weight
        self.text = groups.text[rows].copy()
        self.names = groups.names[rows].copy()
        self.stories = np.flatnonzero(groups.frozen)
        self.best = groups.best
        self.top = None if self.best is None else _top_mean(self.best)
        """``(new articles, stories)``: mean of each article's best member similarities."""

    def patch(self, scores: np.ndarray, owner: np.ndarray) -> np.ndarray:
        if self.best is None or len(self.stories) == 0:
            return scores
        allowed = np.isfinite(scores[:, self.stories])
        scores[:, self.stories] = np.where(allowed, self.top, -np.inf)
        return scores

    def extend(self, story: int, absorbed: np.ndarray) -> None:
        """Story ``story`` takes the new articles at positions ``absorbed``."""
        if self.best is None:
            return
        column = int(np.searchsorted(self.stories, story))
        pairs = self.weight * (self.text @ self.text[absorbed].T)
        pairs += (1.0 - self.weight) * (self.names @ self.names[absorbed].T)
        merged = np.concatenate([self.best[:, column, :], pairs], axis=1)
        keep = self.best.shape[2]
        self.best[:, column, :] = -np.sort(-merged, axis=1)[:, :keep]
        self.top[:, column] = _top_mean(self.best[:, column : column + 1, :])[:, 0]

    def story_column(self, story: int, owner: np.ndarray, current: np.ndarray) -> np.ndarray:
        """Linkage of every new group to ``story`` (``-inf`` kept where not allowed)."""
        if self.best is None:
            return current
        column = int(np.searchsorted(self.stories, story))
        per_row = self.top[:, column]
        return np.where(np.isfinite(current), self._group_mean(per_row, owner), -np.inf)

    def group_row(self, group: int, owner: np.ndarray, current: np.ndarray) -> np.ndarray:
        """Linkage of new group ``group`` to every existing story."""
        if self.best is None or len(self.stories) == 0:
            return current
        inside = owner[self.rows] == group
        link = self.top[inside].mean(axis=0)
        allowed = np.isfinite(current[self.stories])
        current[self.stories] = np.where(allowed, link, -np.inf)
        return current

    def _group_mean(self, per_row: np.ndarray, owner: np.ndarray) -> np.ndarray:
        """For each new row, the mean of ``per_row`` over the new group that row now heads."""
        heads = owner[self.rows]
        total = np.bincount(heads, weights=per_row, minlength=len(owner))
        count = np.bincount(heads, minlength=len(owner))
        means = total / np.maximum(count, 1)
        return means[self.rows]


def _top_mean(best: np.ndarray) -> np.ndarray:
    """Mean of the finite values along the last axis."""
    finite = np.isfinite(best)
    total = np.where(finite, best, 0.0).sum(axis=2)
    return total / np.maximum(finite.sum(axis=2), 1)


def _absorb(groups: Groups, keep: int, gone: int) -> None:
    groups.text[keep] += groups.text[gone]
    groups.names[keep] += groups.names[gone]
    groups.size[keep] += groups.size[gone]
    groups.first[keep] = min(groups.first[keep], groups.first[gone])
    groups.last[keep] = max(groups.last[keep], groups.last[gone])


def _average(
    dots: np.ndarray, groups: Groups, among: np.ndarray, k: int, window: float
) -> np.ndarray:
    """Average-link similarity of group ``k`` to the groups ``among`` from their summed dot
    products ``dots`` (``-inf`` where not allowed: outside the window, two existing stories,
    or ``k`` itself)."""
    gap = np.maximum(groups.first[among] - groups.last[k], groups.first[k] - groups.last[among])
    similarity = dots / (groups.size[among] * groups.size[k])
    if np.isfinite(window):
        similarity -= TIME_PENALTY * np.clip(gap, 0.0, None) / window
    blocked = (gap > window) | (groups.frozen[among] & bool(groups.frozen[k])) | (among == k)
    return np.where(blocked, -np.inf, similarity)


def member_similarity(
    text: np.ndarray,
    names: np.ndarray,
    group_text: np.ndarray,
    group_names: np.ndarray,
    size: int,
    text_weight: float = TEXT_WEIGHT,
) -> float:
    """Average similarity of one member to the rest of its group (1.0 when alone)."""
    if size <= 1:
        return 1.0
    rest = text_weight * float(text @ (group_text - text))
    rest += (1.0 - text_weight) * float(names @ (group_names - names))
    return rest / (size - 1)
