"""The clustering core on hand-made vectors: no model, no store."""

from __future__ import annotations

import numpy as np

from summarizer.stories.assign import Member, assign
from summarizer.stories.cluster import Groups, agglomerate
from summarizer.stories.features import decode_names, encode_names, idf_table, name_vector

DAY = 86400.0


def unit(*values: float) -> np.ndarray:
    vector = np.zeros(8, dtype=np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


def member(vector: np.ndarray, names: dict[str, int] | None = None, day: float = 0.0) -> Member:
    return Member(vector, names or {}, day * DAY)


def test_close_articles_group_and_far_ones_do_not() -> None:
    new = [member(unit(1, 0.1)), member(unit(0, 1)), member(unit(1, 0.12)), member(unit(0, 1, 0.1))]
    placements = assign([], new, window_seconds=4 * DAY, threshold=0.5)
    assert [p.group for p in placements] == [0, 1, 0, 1]
    assert all(p.similarity > 0.5 for p in placements)


def test_new_article_joins_the_best_existing_story_by_its_index() -> None:
    existing = [[member(unit(1, 0))], [], [member(unit(0, 1)), member(unit(0.1, 1))]]
    placements = assign(existing, [member(unit(0.05, 1))], window_seconds=4 * DAY, threshold=0.5)
    assert placements[0].group == 2


def test_existing_stories_never_merge_even_through_a_bridging_article() -> None:
    existing = [[member(unit(1, 0))], [member(unit(1, 0.2))]]
    placements = assign(existing, [member(unit(1, 0.1))], window_seconds=4 * DAY, threshold=0.5)
    assert placements[0].group in (0, 1)
    groups = Groups(
        text=np.vstack([unit(1, 0), unit(1, 0)]),
        names=np.zeros((2, 4), dtype=np.float32),
        size=np.ones(2),
        first=np.zeros(2),
        last=np.zeros(2),
        frozen=np.array([True, True]),
    )
    assert list(agglomerate(groups, threshold=0.1, window_seconds=DAY, text_weight=1.0)) == [0, 1]


def test_the_window_keeps_apart_the_same_topic_weeks_later() -> None:
    existing = [[member(unit(1, 0), day=0)]]
    placements = assign(
        existing,
        [member(unit(1, 0), day=2), member(unit(1, 0), day=30)],
        window_seconds=4 * DAY,
        threshold=0.3,
    )
    assert placements[0].group == 0
    assert placements[1].group == 2  # a new story keyed after the one existing story


def test_the_same_text_days_later_is_less_similar_than_the_same_day() -> None:
    """Time inside the window counts too: 0.6 (text only) less 0.5 x half a window."""
    story = [[member(unit(1, 0), day=0)]]
    same_day = assign(story, [member(unit(1, 0), day=0)], window_seconds=4 * DAY, threshold=0.5)
    two_days = assign(story, [member(unit(1, 0), day=2)], window_seconds=4 * DAY, threshold=0.5)
    assert same_day[0].group == 0
    assert two_days[0].group == 1  # 0.6 - 0.25 = 0.35: below the threshold


def test_shared_names_tip_the_balance() -> None:
    vector = unit(1, 1)
    near = unit(1, 0.6)
    with_names = [member(vector, {"quill": 2, "elwin": 1}), member(near, {"quill": 1, "elwin": 2})]
    without = [member(vector, {"quill": 2}), member(near, {"okonjo": 1})]
    together = assign([], with_names, window_seconds=DAY, threshold=0.7)
    apart = assign([], without, window_seconds=DAY, threshold=0.7)
    assert together[0].group == together[1].group
    assert apart[0].group != apart[1].group


def test_names_round_trip_and_hash_to_unit_vectors() -> None:
    names = {"quill": 3, "elwin": 1, "u.s": 2}
    assert decode_names(encode_names(names)) == names
    assert decode_names("") == {}
    idf, unseen = idf_table([names, {"quill": 1}])
    vector = name_vector(names, idf, unseen)
    assert np.isclose(np.linalg.norm(vector), 1.0)
    assert not name_vector({}, idf, unseen).any()


def test_a_story_that_moved_on_admits_articles_close_to_its_latest_members() -> None:
    # three early reports, then three on a later turn: an article on that turn averages
    # only 0.5 over all six members, but matches its three best members fully (with
    # link_members=3; the default, average link, keeps event-level stories from chaining)
    story = [member(unit(1, 0)) for _ in range(3)] + [member(unit(0, 1)) for _ in range(3)]
    new = [member(unit(0, 1))]
    best = assign([story], new, window_seconds=DAY, threshold=0.7, text_weight=1.0, link_members=3)
    average = assign([story], new, window_seconds=DAY, threshold=0.7, text_weight=1.0)
    assert best[0].group == 0
    assert average[0].group == 1


def test_new_articles_that_join_a_story_count_among_its_best_members() -> None:
    # B matches no stored member, but it matches A, which joins the story first
    story = [member(unit(1, 0)) for _ in range(3)]
    new = [member(unit(1, 0.3)), member(unit(1, 0.9))]
    placements = assign([story], new, window_seconds=DAY, threshold=0.78, text_weight=1.0)
    alone = assign([story], new[1:], window_seconds=DAY, threshold=0.78, text_weight=1.0)
    assert [p.group for p in placements] == [0, 0]
    assert alone[0].group == 1
