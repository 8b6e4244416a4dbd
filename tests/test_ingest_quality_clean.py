"""Cleaning defects found on real scraped corpora, on texts written for these tests.

Each test says what the user saw before: a sentence cut in pieces, a list of facts dropped
as "related headlines", a widget left in the article.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_support import Corpus, write

from summarizer.ingest.clean import clean_units
from summarizer.ingest.formats import parse_txt


def clean(*lines: str):
    return clean_units(parse_txt("\n".join(lines)).units)


def test_sentence_cut_at_an_italic_phrase_is_joined_again() -> None:
    """Before: "… acting as an" and "and perhaps …" were two broken paragraphs and the
    italic "agent provocateur" was dropped as a fragment: the quote was lost."""
    cleaned = clean(
        "Councillor doubts the fire brigade report",
        "She said the inspectors had behaved, in her words, like an",
        "agent provocateur",
        "and perhaps made the fire look deliberate.",
        "The brigade rejected the claim on Tuesday.",
    )
    assert cleaned.paragraphs == [
        "She said the inspectors had behaved, in her words, like an agent provocateur and "
        "perhaps made the fire look deliberate.",
        "The brigade rejected the claim on Tuesday.",
    ]


def test_standfirst_split_by_a_caption_break_is_joined_again() -> None:
    """Before: "… warns of cuts with" and "rolling blackouts …" stood as two fragments."""
    cleaned = clean(
        "Grid operator warns of a hard winter",
        "Operator warns of the tightest supply in a decade with",
        "rolling blackouts planned for the coldest evenings",
        "The grid operator said on Monday that reserves were at their lowest since 2012.",
    )
    assert cleaned.paragraphs[0] == (
        "Operator warns of the tightest supply in a decade with rolling blackouts planned "
        "for the coldest evenings"
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Sales figures were published on Monday", "iPhone sales rose by a tenth."),
        ("Results for the quarter came out late on Monday", "eBay shares fell 4 per cent."),
        ("The gallery reopens after a year of repairs.", "and the café reopens too."),
        ("Harbour Daily Monday 5 March, 2026", "first lady to visit the harbour"),
        ("The minister also fears a wider crisis in the sector", "n the longer run, he said."),
    ],
)
def test_units_that_do_not_carry_on_stay_apart(before: str, after: str) -> None:
    """Mixed-case brands, a finished sentence, a dateline's year and a drop cap's stray
    letter are not continuations: joining them would glue two texts together."""
    cleaned = clean("Headline for the joining rule", before, after, "A last full sentence here.")
    assert before in cleaned.paragraphs or before == cleaned.headline
    assert not any(before in p and after in p for p in cleaned.paragraphs)


def test_list_of_facts_survives_teaser_rule() -> None:
    """Before: every victim line was dropped as a "teaser headline", so the article lost
    who died where; the list's own title may go, its items stay."""
    items = [
        "Anna Berg, 34 - died at the market square",
        "Tomas Lind, 51 - died near the station",
        "Mira Holt, 28, from the old town - injured at the pier",
        "Jonas Falk, 40 - died at the market square",
    ]
    cleaned = clean(
        "Victims of the harbour blast named",
        "Police named the four people caught in Friday's blast at the harbour market.",
        "The victims",
        *items,
        "A memorial service will be held on Sunday at the harbour chapel.",
    )
    for item in items:
        assert item in cleaned.paragraphs


@pytest.mark.parametrize(
    "items",
    [
        [  # a timetable: different "Day:" labels
            "Monday: Meets the fisheries minister in Port Ellis",
            "Tuesday: Flies to the capital for talks on tariffs",
            "Wednesday: Visits the northern shipyards",
        ],
        [  # nominees: a bracket on every line
            "Ana Ruiz (The Long Tide, Channel Four)",
            "Ben Okafor (Harbour Lights, Coast TV)",
            "Cara Lund (Salt, Northbridge Films)",
        ],
        [  # counts: a number word or figure first
            "Twelve fishermen from the northern villages",
            "31 dock workers including two crane operators",
            "Three harbour pilots returning from leave",
        ],
    ],
)
def test_structured_lists_are_content(items: list[str]) -> None:
    """Before: timetables, nominee lists and head counts vanished with the teasers."""
    cleaned = clean(
        "Headline for a list article",
        "The minister's week was published on Sunday by her office.",
        *items,
        "Her office said the schedule could still change.",
    )
    assert [p for p in cleaned.paragraphs if p in items] == items


def test_related_headlines_are_still_dropped() -> None:
    """Free-form related headlines (and a repeated "Topic:" label) are still teasers."""
    teasers = [
        "Port strike: Unions call a second walkout for next week",
        "Port strike: What the dispute means for your shopping",
        "Port strike: Ministers urge both sides back to the table",
        "Harbour crane operators vote to accept new rota",
    ]
    cleaned = clean(
        "Dock workers walk out as pay talks collapse",
        "Dock workers began a 48-hour strike on Wednesday after talks broke down.",
        "The union said its members had lost ground to inflation for three years.",
        *teasers,
    )
    assert not set(teasers) & set(cleaned.paragraphs)


@pytest.mark.parametrize(
    "widget",
    [
        "Continue reading the main story",
        "Watch the video below to see the moment the crane collapsed.",
    ],
)
def test_reading_and_video_widgets_are_removed(widget: str) -> None:
    """Before: the news page's "Continue reading" button stayed in the key points' source."""
    cleaned = clean(
        "Crane collapses at the northern terminal",
        "A crane collapsed at the northern terminal on Sunday night, injuring nobody.",
        widget,
        "The operator said an inspection had been due next month.",
    )
    assert widget not in cleaned.paragraphs
    assert len(cleaned.paragraphs) == 2


def test_lowercase_echo_of_the_headline_is_dropped() -> None:
    """Before: the page's lower-case slug of its own headline was the first key sentence."""
    cleaned = clean(
        "Mayor to visit twin city with council delegation",
        "Harbour Daily Monday 5 March, 2026",
        "mayor to visit twin city with council delegation",
        "The mayor will spend three days in the twin city, her office said on Monday.",
    )
    assert "mayor to visit twin city with council delegation" not in cleaned.paragraphs


def test_rejoined_article_is_stored_whole(tmp_path: Path, database_url: str) -> None:
    """Through the real pipeline and SQLite: `briefbot show` prints one whole sentence."""
    corpus = Corpus(tmp_path, database_url)
    try:
        write(
            corpus.folder,
            "fire.txt",
            "Councillor doubts the fire brigade report\n\n"
            "She said the inspectors had behaved, in her words, like an\n\n"
            "agent provocateur\n\n"
            "and perhaps made the fire look deliberate.\n\n"
            "The brigade rejected the claim on Tuesday.\n",
        )
        corpus.ingest()
        (article,) = corpus.articles()
        assert article.paragraphs[0].endswith(
            "like an agent provocateur and perhaps made the fire look deliberate."
        )
    finally:
        corpus.close()


def test_section_kicker_before_the_headline_is_cut_not_the_headline() -> None:
    """Before: "SCHOOLS | Pupils …" was dropped as a teaser link: the article had no headline."""
    cleaned = clean(
        "SCHOOLS | Pupils at the harbour school plant a sea-grass meadow",
        "Pupils at the harbour school planted 2,000 sea-grass shoots on Friday.",
        "The project is paid for by the port authority.",
    )
    assert cleaned.headline == "Pupils at the harbour school plant a sea-grass meadow"
    assert len(cleaned.paragraphs) == 2


def test_media_label_on_the_first_line_is_still_a_teaser() -> None:
    """A "WATCH | …" first line heads a video teaser: it does not become the headline."""
    cleaned = clean(
        "WATCH | Crane operators cheer the new rota",
        "Harbour crane operators vote to accept new rota",
        "Crane operators voted on Friday to accept a new shift rota after two months of talks.",
        "The operator said the rota would start next month.",
    )
    assert cleaned.headline == "Harbour crane operators vote to accept new rota"
