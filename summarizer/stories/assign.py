"""From articles' features to story assignments, without the store (the bench uses it too)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from summarizer.stories.cluster import (
    TEXT_WEIGHT,
    THRESHOLD,
    Groups,
    agglomerate,
    member_similarity,
)
from summarizer.stories.features import NAME_DIMENSION, idf_table, name_vector


@dataclass(frozen=True)
class Member:
    """What clustering needs of one article."""

    vector: np.ndarray
    names: Mapping[str, int]
    published: float
    """POSIX seconds."""


@dataclass(frozen=True)
class Placement:
    """Where one new article went."""

    group: int
    """Index into ``existing`` when below ``len(existing)``, else a new story's key."""
    similarity: float
    centroid: np.ndarray
    """Summed text vectors of the group it ended in."""


def assign(
    existing: Sequence[Sequence[Member]],
    new: Sequence[Member],
    *,
    window_seconds: float,
    threshold: float = THRESHOLD,
    text_weight: float = TEXT_WEIGHT,
) -> list[Placement]:
    """Place each new article in an existing story (by index) or a new group.

    New groups are keyed ``len(existing) + i`` where ``i`` is the position of their
    earliest (first listed) member in ``new``; list ``new`` oldest first.
    """
    idf, unseen = idf_table([m.names for story in existing for m in story] + [m.names for m in new])
    stories = [story for story in existing if story]
    text_rows, name_rows, sizes, firsts, lasts = [], [], [], [], []
    for story in stories:
        text_rows.append(np.sum([m.vector for m in story], axis=0))
        name_rows.append(np.sum([name_vector(m.names, idf, unseen) for m in story], axis=0))
        sizes.append(len(story))
        firsts.append(min(m.published for m in story))
        lasts.append(max(m.published for m in story))
    new_names = [name_vector(m.names, idf, unseen) for m in new]
    for member, names in zip(new, new_names, strict=True):
        text_rows.append(member.vector)
        name_rows.append(names)
        sizes.append(1)
        firsts.append(member.published)
        lasts.append(member.published)
    dimension = new[0].vector.shape[0] if new else 0
    groups = Groups(
        text=np.array(text_rows, dtype=np.float32).reshape(-1, dimension),
        names=np.array(name_rows, dtype=np.float32).reshape(-1, NAME_DIMENSION),
        size=np.array(sizes, dtype=np.float64),
        first=np.array(firsts, dtype=np.float64),
        last=np.array(lasts, dtype=np.float64),
        frozen=np.arange(len(sizes)) < len(stories),
    )
    owner = agglomerate(
        groups, threshold=threshold, window_seconds=window_seconds, text_weight=text_weight
    )
    index_of = [i for i, story in enumerate(existing) if story]
    offset = len(stories)
    placements = []
    for position, member in enumerate(new):
        group = int(owner[offset + position])
        key = index_of[group] if group < offset else len(existing) + group - offset
        score = member_similarity(
            member.vector,
            new_names[position],
            groups.text[group],
            groups.names[group],
            int(groups.size[group]),
            text_weight,
        )
        placements.append(Placement(key, score, groups.text[group].copy()))
    return placements
