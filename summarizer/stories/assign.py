"""From articles' features to story assignments, without the store (the bench uses it too)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from summarizer.stories.cluster import (
    LINK_MEMBERS,
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
    link_members: int = LINK_MEMBERS,
) -> list[Placement]:
    """Place each new article in an existing story (by index) or a new group.

    New groups are keyed ``len(existing) + i`` where ``i`` is the position of their
    earliest (first listed) member in ``new``; list ``new`` oldest first. A new article is
    compared with an existing story by average link over its members (``link_members=0``,
    the default) or through its ``link_members`` best-matching members (the method before
    issue #13; the bench compares both).
    """
    if not new:
        return []
    idf, unseen = idf_table([m.names for story in existing for m in story] + [m.names for m in new])
    stories = [story for story in existing if story]
    text_rows, name_rows, sizes, firsts, lasts = [], [], [], [], []
    bounds = [0]
    for story in stories:
        bounds.append(bounds[-1] + len(story))
    dimension = new[0].vector.shape[0]
    member_text = np.zeros((bounds[-1], dimension), dtype=np.float32)
    member_names = np.zeros((bounds[-1], NAME_DIMENSION), dtype=np.float32)
    for story, start, end in zip(stories, bounds[:-1], bounds[1:], strict=True):
        for row, m in enumerate(story, start):
            member_text[row] = m.vector
            member_names[row] = name_vector(m.names, idf, unseen)
        text_rows.append(member_text[start:end].sum(axis=0))
        name_rows.append(member_names[start:end].sum(axis=0))
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
    groups = Groups(
        text=np.array(text_rows, dtype=np.float32).reshape(-1, dimension),
        names=np.array(name_rows, dtype=np.float32).reshape(-1, NAME_DIMENSION),
        size=np.array(sizes, dtype=np.float64),
        first=np.array(firsts, dtype=np.float64),
        last=np.array(lasts, dtype=np.float64),
        frozen=np.arange(len(sizes)) < len(stories),
    )
    if stories and link_members > 0:
        groups.best = best_members(
            [m.vector for m in new],
            new_names,
            member_text,
            member_names,
            bounds,
            text_weight,
            link_members,
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


def best_members(
    text: Sequence[np.ndarray],
    names: Sequence[np.ndarray],
    member_text: np.ndarray,
    member_names: np.ndarray,
    bounds: Sequence[int],
    text_weight: float,
    count: int = LINK_MEMBERS,
) -> np.ndarray:
    """Each new article's ``count`` highest similarities to each story's members.

    Story ``s`` owns the member rows ``bounds[s]:bounds[s + 1]``; missing places are ``-inf``.
    """
    pairs = text_weight * (np.array(text, dtype=np.float32) @ member_text.T)
    pairs += (1.0 - text_weight) * (np.array(names, dtype=np.float32) @ member_names.T)
    best = np.full((len(text), len(bounds) - 1, count), -np.inf, dtype=np.float64)
    for story, (start, end) in enumerate(pairwise(bounds)):
        block = pairs[:, start:end]
        if end - start > count:
            block = np.partition(block, end - start - count, axis=1)[:, -count:]
        top = -np.sort(-block, axis=1)
        best[:, story, : top.shape[1]] = top
    return best
