"""Average-link agglomeration of new articles onto existing stories (pure numpy).

Every article has a unit text vector ``t`` and a unit names vector ``n``; the similarity of
two articles is ``w·(t₁·t₂) + (1−w)·(n₁·n₂)``. Because that is a dot product, the average
similarity between two groups is computed from their summed vectors alone, so a story is
kept as sums. Existing stories never merge with each other (their ids stay stable); new
articles merge with each other and into stories, best pair first, while the average
similarity reaches the threshold and the two groups' publication spans lie within the window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TEXT_WEIGHT = 0.6
"""Weight of the text (embedding) similarity; the rest goes to shared names."""
THRESHOLD = 0.26
"""Average similarity an article needs to join a story (tuned on WikiRef220, see docs)."""


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
    row_of = {int(r): i for i, r in enumerate(rows)}
    scores = np.vstack([_similarity(groups, r, text_weight, window_seconds) for r in rows])
    while True:
        i, j = divmod(int(np.argmax(scores)), n)
        if not scores[i, j] >= threshold:
            break
        a, b = int(rows[i]), j
        keep, gone = (b, a) if groups.frozen[b] or b < a else (a, b)
        _absorb(groups, keep, gone)
        owner[owner == gone] = keep
        scores[:, gone] = -np.inf
        scores[row_of[gone]] = -np.inf
        column = _similarity(groups, keep, text_weight, window_seconds)
        column[~(owner == np.arange(n))] = -np.inf
        scores[:, keep] = column[rows]
        if not groups.frozen[keep]:
            scores[row_of[keep]] = column
    return owner


def _absorb(groups: Groups, keep: int, gone: int) -> None:
    groups.text[keep] += groups.text[gone]
    groups.names[keep] += groups.names[gone]
    groups.size[keep] += groups.size[gone]
    groups.first[keep] = min(groups.first[keep], groups.first[gone])
    groups.last[keep] = max(groups.last[keep], groups.last[gone])


def _similarity(groups: Groups, k: int, text_weight: float, window: float) -> np.ndarray:
    """Average-link similarity of group ``k`` to every group (``-inf`` where not allowed)."""
    dots = text_weight * (groups.text @ groups.text[k])
    dots += (1.0 - text_weight) * (groups.names @ groups.names[k])
    similarity = dots / (groups.size * groups.size[k])
    gap = np.maximum(groups.first - groups.last[k], groups.first[k] - groups.last)
    blocked = (gap > window) | (groups.frozen & bool(groups.frozen[k]))
    blocked[k] = True
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
