"""The news sentence splitter and the standalone check, on sentences written for these tests."""

from __future__ import annotations

import pytest

from summarizer.sentences import (
    clean_sentence,
    is_boilerplate,
    quotes_balanced,
    split_sentences,
    standalone,
)


def test_abbreviations_initials_and_decimals_do_not_split() -> None:
    text = (
        "U.S. President Jane Q. Public met Mr. Smith on Feb. 18 at 9 a.m. in Washington. "
        "Shares rose 3.5% to $1.13bn."
    )
    assert split_sentences(text) == [
        "U.S. President Jane Q. Public met Mr. Smith on Feb. 18 at 9 a.m. in Washington.",
        "Shares rose 3.5% to $1.13bn.",
    ]


def test_an_acronym_ends_a_sentence_when_a_sentence_opener_follows() -> None:
    text = "The firm is based in the U.S. The chief executive disagreed."
    assert split_sentences(text) == [
        "The firm is based in the U.S.",
        "The chief executive disagreed.",
    ]


def test_quotes_closing_after_the_full_stop_stay_with_their_sentence() -> None:
    text = 'She said "the talks went well." The minister agreed. He added “we will see.” Then left.'
    assert split_sentences(text) == [
        'She said "the talks went well."',
        "The minister agreed.",
        "He added “we will see.”",
        "Then left.",
    ]


def test_run_together_bbc_sentences_are_separated() -> None:
    text = "Profits rose 2% to $11.1bn.Sales fell sharply in Europe.“We are pleased.”The firm said."
    assert split_sentences(text) == [
        "Profits rose 2% to $11.1bn.",
        "Sales fell sharply in Europe.",
        "“We are pleased.”",
        "The firm said.",
    ]


def test_question_inside_a_quote_followed_by_lower_case_does_not_split() -> None:
    assert split_sentences('"Why now?" she asked. Nobody knew.') == [
        '"Why now?" she asked.',
        "Nobody knew.",
    ]


def test_line_breaks_always_end_a_sentence() -> None:
    assert split_sentences("A headline without a stop\n\nThe body starts here.") == [
        "A headline without a stop",
        "The body starts here.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The central bank raised its main interest rate by half a point on Thursday.",
        "“We are ready for any conversation,” the minister told reporters in the capital.",
        "On Monday, the army said it had captured a village near the southern front.",
        "This week the council will vote on the new budget for the city's schools.",
    ],
)
def test_standalone_accepts_sentences_that_read_on_their_own(sentence: str) -> None:
    assert standalone(sentence)


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("He said the talks would resume next week in the capital.", "dangling pronoun"),
        ("She also said that the plan had been agreed by both sides.", "dangling pronoun"),
        ("But the opposition rejected the proposal within hours of its release.", "connective"),
        ("However, the company said its profit had fallen for a third year.", "connective"),
        ("The minister said “we will never accept a deal that is.", "cut quote"),
        ("Officials met in the capital (the first such meeting since the war.", "open bracket"),
        ("Subscribe to our newsletter to get the latest news every single morning.", "boilerplate"),
        ("Support independent journalism: every contribution makes a big difference.", "plea"),
        ("Trade talks resume", "too short and no full stop"),
        ("Leaders meet in the capital to discuss the future of the trade deal", "headline"),
        ("Will the ceasefire hold through the winter months ahead of the vote?", "question"),
        ("and then the ministers left the building through a side door.", "lower-case start"),
    ],
)
def test_standalone_rejects(sentence: str, why: str) -> None:
    assert not standalone(sentence), why


def test_boilerplate_and_quote_helpers() -> None:
    assert is_boilerplate("Read more at www.example.org about this.")
    assert not is_boilerplate("The vote was held on Tuesday.")
    assert quotes_balanced("He called it “a good start” and left.")
    assert not quotes_balanced('He called it "a good start and left.')


def test_clean_sentence_drops_a_trailing_wire_credit() -> None:
    assert clean_sentence("Civilians were moved from the area. – Wire24.") == (
        "Civilians were moved from the area."
    )
    assert clean_sentence("The vote was close.") == "The vote was close."


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("PORT ELLIS, Nov 19 (Meridian Wire) - Ships waited.", "Ships waited."),
        ("LONDON, England (CNN) -- The man was arrested.", "The man was arrested."),
        ("WASHINGTON (Reuters) - Officials agreed.", "Officials agreed."),
        ("NATO - Russia talks resumed on Monday.", "NATO - Russia talks resumed on Monday."),
        ("US - China talks resumed.", "US - China talks resumed."),
    ],
)
def test_a_leading_wire_dateline_is_dropped_but_not_a_leading_acronym(raw: str, clean: str) -> None:
    assert clean_sentence(raw) == clean
