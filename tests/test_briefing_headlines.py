"""Story headlines: at most 90 characters, and each reads as a headline, in several house
styles (articles written for these tests)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from summarizer.briefing.headlines import MAX_HEADLINE_CHARS, fallback_headline, shorten
from summarizer.briefing.keypoints import select
from summarizer.models import Article
from tests.briefing_fixtures import one_article


def _article(
    text: str, headline: str | None = None, outlet: str | None = "Vale Gazette"
) -> Article:
    return one_article(
        text, headline=headline, outlet=outlet, published=datetime(2025, 3, 17, 9, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    ("sentence", "headline"),
    [
        (  # US wire copy: dateline and ", officials said" go
            "PORT ELLIS, Nov 19 (Meridian Wire) - The harbour authority closed the eastern quay"
            " on Tuesday after a crane collapsed onto a cargo ship, injuring four dock workers,"
            " officials said.",
            "The harbour authority closed the eastern quay on Tuesday",
        ),
        (  # a dateless dateline and an attribution before "that"
            "HALBURY — Police said on Sunday that about 2,000 residents downstream of the Halbury"
            " dam had been told to leave their homes, as engineers inspected new cracks.",
            "About 2,000 residents downstream of the Halbury dam had been told to leave their"
            " homes",
        ),
        (  # a long lede: the trailing clause after the dash and the title before a full name
            "Northland Prime Minister Ada Brenner has agreed to hold direct talks with the"
            " opposition following weeks of street protests over the fuel tax rise—marking what"
            " some observers see as a turning point in the crisis.",
            "Ada Brenner has agreed to hold direct talks with the opposition",
        ),
        (  # British style: a relative clause between commas, a short enough rest
            "Shares in the Vale Gazette group, which owns eleven regional titles in the north,"
            " fell by a fifth on Thursday, the company said.",
            "Shares in the Vale Gazette group fell by a fifth on Thursday",
        ),
        (  # short already: only the attribution and the full stop go
            "The council will close three libraries, Mr Hale said.",
            "The council will close three libraries",
        ),
    ],
)
def test_a_lead_sentence_becomes_a_short_headline(sentence: str, headline: str) -> None:
    made, _ = shorten(sentence, sentence=True)
    assert made == headline
    assert len(made) <= MAX_HEADLINE_CHARS


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        (  # a section kicker before the colon
            "Ukraine-Russia struggle newest: Trump and Putin to talk this week as US pushes for"
            " a ceasefire",
            "Trump and Putin to talk this week as US pushes for a ceasefire",
        ),
        (  # title case, an attribution tail and a trailing clause
            "Putin-Trump Meeting Dates to Be Discussed After U.S. Envoy Briefs White House on"
            " Ukraine Talks, Kremlin Says",
            "Putin-Trump Meeting Dates to Be Discussed",
        ),
        ("Harbour bridge closed after storm damage", "Harbour bridge closed after storm damage"),
    ],
)
def test_a_long_article_headline_is_fitted_and_a_short_one_kept(title: str, shown: str) -> None:
    assert shorten(title)[0] == shown


def test_a_run_on_sentence_is_cut_at_a_word_with_an_ellipsis_as_a_last_resort() -> None:
    made, done = shorten(" ".join(["word"] * 40) + ".", sentence=True)
    assert done == 2 and made.endswith("word…") and len(made) <= MAX_HEADLINE_CHARS


def test_a_story_without_sentences_is_never_untitled() -> None:
    spec = _article("- 12 MP camera\n- 5,000 mAh battery", headline=None, outlet="Gadget Desk")
    assert fallback_headline([spec]) == "Report from Gadget Desk"
    titled = _article("- 12 MP camera", headline="Nimbus X2 phone: the full spec sheet listed")
    assert fallback_headline([titled]) == "Nimbus X2 phone: the full spec sheet listed"
    lede = _article(
        "Wildfires forced 300 people from their homes near Corla on Friday, officials said."
    )
    assert fallback_headline([replace(lede, headline=None)]) == (
        "Wildfires forced 300 people from their homes near Corla on Friday"
    )


@pytest.mark.slow
def test_a_story_with_no_headline_gets_one_from_its_lede(encode) -> None:
    body = (
        "WASHINGTON (Meridian Wire) — Federal regulators on Monday approved the merger of the two"
        " largest rail freight companies in the country, creating a network of 40,000 miles of"
        " track that will stretch from the Atlantic to the Pacific coast, officials said.\n\n"
        "The combined company will employ about 60,000 people across 28 states.\n\n"
        "Shippers had warned that the deal would raise prices for farmers in the Midwest.\n\n"
        "“We will hold the new company to every promise it has made,” said Dana Whitfield, who"
        " chairs the board."
    )
    selection = select([_article(body, headline=None, outlet="Meridian Wire")], encode)
    assert selection.headline == (
        "Federal regulators on Monday approved the merger of the two largest rail freight companies"
    )
    assert len(selection.headline) <= MAX_HEADLINE_CHARS
    assert not selection.headline.endswith((".", "…"))


@pytest.fixture(scope="module")
def encode():
    from summarizer.embeddings import load_embedder

    embedder = load_embedder()
    return lambda texts: embedder.encode(list(texts))
