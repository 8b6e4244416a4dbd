"""The learned sentence scorer: features, shipped coefficients, headline, opening and lede."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import summarizer.summarize.coefficients as shipped
from summarizer.summarize import (
    DEFAULT_WEIGHTS,
    FEATURE_NAMES,
    SummaryWeights,
    phrase_frequency,
    rank_sentences,
    sentence_features,
    standardise,
    summarize_article,
    word_frequency,
)

FILLER = "in the old harbour district of the city on a grey Monday morning this week"


def only(feature: str, value: float = 1.0) -> tuple[float, ...]:
    """Coefficients that score sentences by one feature alone."""
    return tuple(value if name == feature else 0.0 for name in FEATURE_NAMES)


def sentences_about(*subjects: str) -> list[str]:
    """One eligible sentence (12-50 words) per subject; one-word subjects give equal lengths."""
    return [f"The {subject} was discussed {FILLER}." for subject in subjects]


def test_every_feature_has_a_shipped_coefficient_in_the_same_order() -> None:
    assert len(shipped.COEFFICIENTS) == len(FEATURE_NAMES)
    assert DEFAULT_WEIGHTS.coefficients == shipped.COEFFICIENTS
    # The refit script writes one "value,  # name" line per feature: names must line up.
    text = Path(shipped.__file__).read_text(encoding="utf-8")
    assert re.findall(r"#\s*(\S+)\s*$", text, flags=re.MULTILINE) == list(FEATURE_NAMES)


@pytest.mark.parametrize("count", [1, 2, 7])
def test_features_are_finite_for_any_article_length(count: int) -> None:
    sentences = sentences_about(*(f"topic {i}" for i in range(count)))
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(count, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    features = sentence_features(sentences, vectors)
    assert features.shape == (count, len(FEATURE_NAMES))
    assert np.isfinite(features).all()


def test_coefficients_that_do_not_fit_the_features_are_refused_with_the_fix() -> None:
    sentences = sentences_about("vote", "budget")
    with pytest.raises(ValueError, match=r"refit them with bench/summarize_fit\.py --write"):
        rank_sentences(sentences, np.eye(2, dtype=np.float32), 1, SummaryWeights((1.0, 2.0)))


def test_phrase_frequency_counts_the_sentences_sharing_each_word_pair() -> None:
    scores = phrase_frequency(["The tram line opens.", "A tram line closes.", "Rain fell.", "Go"])
    assert scores[0] > scores[2] and scores[1] > scores[2]
    assert scores[3] == 0.0  # a single word has no pairs


def test_word_frequency_favours_sentences_built_from_the_article_s_recurring_words() -> None:
    scores = word_frequency(
        [
            "The tram line vote passed.",
            "Tram line costs rose after the vote.",
            "Weather stayed sunny in Lisbon.",
        ]
    )
    assert scores[0] > scores[2] and scores[1] > scores[2]


def test_standardise_centres_values_and_leaves_equal_ones_at_zero() -> None:
    assert list(standardise(np.array([1.0, 3.0]))) == [-1.0, 1.0]
    assert list(standardise(np.array([2.0, 2.0, 2.0]))) == [0.0, 0.0, 0.0]


def test_a_sentence_restating_the_headline_gives_way_to_new_information() -> None:
    sentences = sentences_about("vote", "budget", "construction", "timetable")
    vectors = np.eye(4, dtype=np.float32)
    weights = SummaryWeights(coefficients=only("length"), lead_bonus=-100.0)
    # Equal scores: the first sentences win; the headline repeats the first one.
    assert rank_sentences(sentences, vectors, 2, weights) == [0, 1]
    picked = rank_sentences(sentences, vectors, 2, weights, headline_vector=vectors[0])
    assert 0 not in picked


def test_the_lede_is_kept_when_it_scores_nearly_as_well_as_the_picks() -> None:
    sentences = sentences_about("tram vote", "budget", "construction", "timetable", "protest")
    vectors = np.eye(5, dtype=np.float32)
    later_is_better = only("index")
    picks = rank_sentences(sentences, vectors, 3, SummaryWeights(later_is_better, lead_bonus=-100))
    assert picks == [2, 3, 4]
    lede = rank_sentences(sentences, vectors, 3, SummaryWeights(later_is_better, lead_bonus=100))
    assert lede == [0, 1, 2]


def test_the_opening_sentence_can_lead_the_picks_without_the_rest_of_the_lede() -> None:
    sentences = sentences_about("tram vote", "budget", "construction", "timetable", "protest")
    vectors = np.eye(5, dtype=np.float32)
    later_is_better = only("index")
    no_lede = {"lead_bonus": -100.0}
    plain = SummaryWeights(later_is_better, opening_bonus=(-100.0, -100.0), **no_lede)
    assert rank_sentences(sentences, vectors, 3, plain) == [2, 3, 4]
    # The opening set (sentence 0 then MMR's best two) wins when its bonus covers the gap.
    opening = SummaryWeights(later_is_better, opening_bonus=(100.0, -100.0), **no_lede)
    assert rank_sentences(sentences, vectors, 3, opening) == [0, 3, 4]
    two = SummaryWeights(later_is_better, opening_bonus=(-100.0, 100.0), **no_lede)
    assert rank_sentences(sentences, vectors, 3, two) == [0, 1, 4]
    # Openings as long as the summary are the lede itself, ruled by lead_bonus alone.
    assert rank_sentences(sentences, vectors, 2, opening) == [0, 4]
    assert rank_sentences(sentences, vectors, 1, opening) == [4]


def test_the_lede_is_not_kept_when_two_of_its_sentences_state_one_fact() -> None:
    sentences = sentences_about("tram vote", "tram ballot", "budget", "timetable")
    vectors = np.array([[1, 0, 0], [0.99, 0.141, 0], [0, 1, 0], [0, 0, 1]], dtype=np.float32)
    weights = SummaryWeights(coefficients=only("index"), lead_bonus=100.0)
    assert rank_sentences(sentences, vectors, 2, weights) != [0, 1]


def test_the_lede_leaves_out_site_furniture() -> None:
    sentences = [
        "Subscribe to our newsletter for the latest council news every single morning.",
        *sentences_about("tram vote", "budget", "timetable"),
    ]
    weights = SummaryWeights(coefficients=only("index", -1.0), lead_bonus=100.0)
    assert rank_sentences(sentences, np.eye(4, dtype=np.float32), 2, weights) == [1, 2]


def test_no_sentences_give_no_summary_and_few_give_all() -> None:
    assert rank_sentences([], np.zeros((0, 4), dtype=np.float32), 3) == []
    sentences = sentences_about("tram vote", "budget")
    assert rank_sentences(sentences, np.eye(2, dtype=np.float32), 3) == [0, 1]


@pytest.mark.slow
def test_a_headline_is_optional_and_the_summary_stays_verbatim(embedder) -> None:
    from tests.test_summarize_article import ARTICLE

    lines = [line for line in ARTICLE.splitlines() if line]
    for headline in (None, "", "Lakeside approves harbour tram line"):
        summary = summarize_article(ARTICLE, 3, headline=headline, embedder=embedder)
        assert len(summary) == 3
        positions = [lines.index(s) for s in summary]
        assert positions == sorted(positions)
        assert not any("newsletter" in s for s in summary)
