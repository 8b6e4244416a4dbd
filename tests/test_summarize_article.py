"""Single-article extractive summaries: verbatim, in order, lede kept, no repeats."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.summarize import (
    FEATURE_NAMES,
    SummaryWeights,
    directed_centrality,
    lexical_centrality,
    mmr_select,
    phrase_centrality,
    rank_sentences,
    rescale,
    summarize_article,
)

ARTICLE = """Lakeside council approved a new tram line from the harbour to the university on Monday.

The tram line will cost 240 million euros and open in 2029, the council said.
Councillors voted 31 to 12 in favour of the tram line after a four-hour debate.
Subscribe to our newsletter for the latest council news every morning.
The harbour district has grown quickly since the shipyard closed a decade ago.
Council approves new tram line linking the harbour to the university.
Local shop owners fear that two years of construction will keep customers away.
The university said the tram line would cut students' travel time by half."""


@pytest.mark.slow
def test_summary_is_three_verbatim_sentences_in_order_with_the_lede(embedder) -> None:
    summary = summarize_article(ARTICLE, 3, embedder=embedder)
    assert len(summary) == 3
    assert summary[0].startswith("Lakeside council approved")
    lines = [line for line in ARTICLE.splitlines() if line]
    positions = [lines.index(s) for s in summary]
    assert positions == sorted(positions)


@pytest.mark.slow
def test_summary_skips_boilerplate_and_the_repeated_fact(embedder) -> None:
    summary = summarize_article(ARTICLE, 3, embedder=embedder)
    assert not any("newsletter" in s for s in summary)
    assert "Council approves new tram line linking the harbour to the university." not in summary


def test_short_texts_come_back_whole_without_loading_a_model() -> None:
    text = "The vote passed on Monday. The mayor welcomed it."
    assert summarize_article(text, 3) == ["The vote passed on Monday.", "The mayor welcomed it."]
    assert summarize_article("", 3) == []


def test_mmr_prefers_a_new_fact_over_a_near_copy() -> None:
    sentences = [
        "The council approved the tram line on Monday evening.",
        "The council approved the tram line on Monday night.",
        "Shop owners fear that construction will keep customers away.",
    ]
    vectors = np.array([[1, 0], [0.999, 0.045], [0.3, 0.954]], dtype=np.float32)
    picked = rank_sentences(sentences, vectors, 2, SummaryWeights(diversity=1.0))
    assert 2 in picked  # the new fact, beside one of the two near copies


def test_lexical_centrality_counts_shared_content_words() -> None:
    degree = lexical_centrality(
        ["Tram line approved by council.", "Council tram line costs money.", "Weather was sunny."]
    )
    assert degree[0] > 0 and degree[1] > 0 and degree[2] == 0
    assert list(rescale(np.array([2.0, 4.0, 3.0]))) == [0.0, 1.0, 0.5]


def test_phrase_centrality_counts_shared_word_pairs_but_not_stopword_pairs() -> None:
    degree = phrase_centrality(
        [
            "The tram line opens in May.",
            "A new tram line was approved.",
            "It is in the city and of the people.",
            "Shops in the city are open.",
            "Rain fell in the night.",
        ]
    )
    assert degree[0] > 0 and degree[1] > 0  # "tram line"
    assert degree[2] > 0 and degree[3] > 0  # "the city"
    assert degree[4] == 0  # shares only "in the", two stopwords
    assert degree[0] == pytest.approx(degree[1])


def test_directed_centrality_credits_the_sentence_later_ones_elaborate() -> None:
    # 0 and 2 say the same thing; with edges to earlier sentences counting against,
    # the first statement outranks its later restatement, unlike undirected degree.
    vectors = np.array([[1, 0], [0.6, 0.8], [1, 0]], dtype=np.float32)
    directed = directed_centrality(vectors, backward=-2.0)
    undirected = directed_centrality(vectors, backward=1.0)
    assert directed[0] > directed[2]
    assert undirected[0] == pytest.approx(undirected[2])


def only(feature: str, value: float = 1.0) -> tuple[float, ...]:
    """Coefficients that score sentences by one feature alone."""
    return tuple(value if name == feature else 0.0 for name in FEATURE_NAMES)


def test_short_and_overlong_sentences_are_picked_last() -> None:
    topic = "the harbour tram line council vote university cost"
    sentences = [
        "Tram vote.",  # too short to stand as a summary sentence
        f"The council backed {topic} plans after a long debate on Monday night in the hall.",
        " ".join(["The tram line"] + ["and the harbour"] * 20 + ["was approved."]),  # 66 words
        f"Officials said {topic} details would follow later this month after the vote.",
    ]
    vectors = np.eye(4, dtype=np.float32)
    by_length = SummaryWeights(coefficients=only("length"), lead_bonus=-100.0)
    assert rank_sentences(sentences, vectors, 2, by_length) == [1, 3]  # the run-on scores highest
    unbounded = SummaryWeights(
        coefficients=only("length"), lead_bonus=-100.0, min_words=0, max_words=1000
    )
    assert 2 in rank_sentences(sentences, vectors, 2, unbounded)


def test_mmr_skips_a_near_copy_even_when_no_sentence_is_eligible() -> None:
    scores = np.array([1.0, 0.9, 0.1], dtype=np.float32)
    vectors = np.array([[1, 0], [0.99, 0.141], [0, 1]], dtype=np.float32)
    picked = mmr_select(scores, vectors, 2, 0.0, eligible=np.zeros(3, bool), same_fact=0.9)
    assert picked == [0, 2]


def test_mmr_continues_after_the_given_start_and_avoids_repeating_it() -> None:
    scores = np.array([1.0, 0.9, 0.1], dtype=np.float32)
    vectors = np.array([[1, 0], [0.99, 0.141], [0, 1]], dtype=np.float32)
    picked = mmr_select(
        scores, vectors, 2, 0.0, eligible=np.ones(3, bool), same_fact=0.9, start=[1]
    )
    assert picked == [1, 2]  # sentence 0 repeats the start


def test_the_reading_window_counts_words_and_keeps_at_least_n_sentences() -> None:
    from summarizer.summarize import reading_window

    sentences = [" ".join(["word"] * 100)] * 10
    assert reading_window(sentences, 550, 3) == 6  # the 6th starts at word 500
    assert reading_window(sentences[:2], 550, 3) == 2
    assert reading_window([" ".join(["word"] * 900)] * 5, 550, 3) == 3


def test_a_long_article_is_summarised_from_its_opening_words() -> None:
    """A 1,500-word article whose late sentences are the most central (what the scorer
    likes best): before, they were picked and the lede lost; the summary now comes from
    the first 550 words, where the news is."""
    sentences = [
        f"Sentence {i} of the report on the harbour tram line says something new here today."
        for i in range(100)
    ]
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(100, 16)).astype(np.float32)
    vectors[60:] = vectors[60] + 0.01 * rng.normal(size=(40, 16))  # one theme, repeated late
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    picked = rank_sentences(sentences, vectors, 3, SummaryWeights())
    assert max(picked) < 37  # 15 words each: sentence 37 starts at word 555
