"""/who on British, American, crime and sports copy (``tests/people_styles.py``, written for
these tests), with the packaged model. Each test says what /who showed before.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from summarizer.people import WhoAnswer, update_people, who
from summarizer.store import Store
from tests.article_rows import add_article
from tests.people_styles import ALL

pytestmark = pytest.mark.slow

NOW = datetime(2026, 6, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Every house-style article in one store, people indexed once."""
    path: Path = tmp_path_factory.mktemp("styles") / "briefbot.db"
    store = Store(f"sqlite:///{path}")
    for day, (name, (outlet, text)) in enumerate(ALL.items(), start=1):
        add_article(
            store,
            path=f"{name}.txt",
            text=text,
            outlet=outlet,
            published=datetime(2026, 5, day, tzinfo=UTC),
        )
    update_people(store)
    yield store
    store.close()


def ask(store: Store, name: str) -> WhoAnswer:
    return who(store, name, now=NOW)


def quotes(store: Store, name: str) -> list[str]:
    return [q.text for q in ask(store, name).quotes]


def test_british_single_quotes_are_quotes(store: Store) -> None:
    # Before: every Quotes section of the British articles was empty.
    assert quotes(store, "Rachel Hume") == [
        "We will not borrow to pay for the day-to-day running of the state, and we don’t "
        "apologise for that"
    ]
    assert quotes(store, "Owen Pryce") == [
        "This is a budget for the few, and the Smiths’ of this world will pay for every penny of it"
    ]
    assert quotes(store, "Susan Hale") == [
        "It is a decision that is long overdue and the taxpayers' anger is justified"
    ]
    assert quotes(store, "Darren Clegg") == [
        "Tom does this every week for us.",
        "Tom is the best finisher in this league and he showed it today",
    ]


def test_guillemets_and_low_high_quotes(store: Store) -> None:
    assert quotes(store, "Anke de Vries") == ["We will not sign a deal that empties our harbours"]
    assert quotes(store, "Klaus Berger") == ["The talks are over for this year"]


def test_a_quote_over_paragraphs_is_its_speaker_s_and_no_one_s_fact(store: Store) -> None:
    # Before: Alan Crosby had no quote, and /who Owen Pryce listed as facts "‘Owen Pryce
    # would borrow until the bailiffs came …" and "‘Mr Pryce has spent a decade …": Alan
    # Crosby's words about him, in the bot's voice.
    assert quotes(store, "Alan Crosby") == [
        "Mr Pryce has spent a decade opposing every sensible decision this country has taken. "
        "Owen Pryce would borrow until the bailiffs came knocking at the door of Number 11. "
        "We will not let him anywhere near the public finances"
    ]
    facts = [f.text for f in ask(store, "Owen Pryce").facts]
    assert facts and not [f for f in facts if "bailiffs" in f or "spent a decade" in f]


def test_a_surname_alone_joins_the_full_name_with_its_suffix(store: Store) -> None:
    # Before: "No one called “Kenneth Morgan Stancil” appears", and his later sentences sat
    # under "Stancil"; "Ray Dunn" was not found either.
    stancil = ask(store, "Kenneth Morgan Stancil")
    assert (stancil.status, stancil.name) == ("found", "Kenneth Morgan Stancil III")
    assert any(f.text.startswith("Stancil ") for f in stancil.facts)
    assert ask(store, "Stancil").name == "Kenneth Morgan Stancil III"
    assert ask(store, "Ray Dunn").name == "Ray Dunn Jr"


def test_a_surname_with_its_particle_is_the_person_not_an_organisation(store: Store) -> None:
    # Before: "Van Doorn (organisation)", apart from Pieter van Doorn, held his quote.
    van_doorn = ask(store, "Van Doorn")
    assert (van_doorn.name, van_doorn.kind) == ("Pieter van Doorn", "person")
    assert van_doorn.quotes[0].text.startswith("We made three mistakes")
    assert ask(store, "Anke de Vries").facts[0].text.startswith("De Vries said")


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("President Okoro", "Daniel Okoro"),
        ("Mr Okoro", "Daniel Okoro"),
        ("Mrs. Okoro", "Grace Okoro"),
        ("Chancellor Hume", "Rachel Hume"),
        ("Mrs Hume", "Rachel Hume"),
        ("manager Hume", "Gary Hume"),
        ("Mr Hume", "Gary Hume"),
    ],
)
def test_a_title_in_the_query_picks_who_holds_it(store: Store, query: str, name: str) -> None:
    # Before: "Several match “President Okoro”: Daniel Okoro, Grace Okoro", and "No one
    # called “Chancellor Hume” appears … Did you mean: Gary Hume?".
    answer = ask(store, query)
    assert (answer.status, answer.name) == ("found", name)


def test_a_surname_alone_still_asks_which_one(store: Store) -> None:
    assert ask(store, "Hume").status == "ambiguous"


def test_the_outlet_s_loaded_words_are_not_the_bot_s_role(store: Store) -> None:
    # Before: "Martin Crane — Disgraced former Northbank boss".
    crane = ask(store, "Martin Crane")
    assert crane.role == "former Northbank boss"
    assert not [r for r in crane.roles if "isgraced" in r.text]


def test_roles_in_apposition(store: Store) -> None:
    # Before: no role for any of them.
    assert ask(store, "Helen Ward").role == "NASA's chief scientist"
    assert ask(store, "Rachel Hume").role == "chancellor"
    assert ask(store, "Owen Pryce").role == "shadow chancellor"
    assert ask(store, "Alan Crosby").role == "prime minister"
    clegg = ask(store, "Darren Clegg")
    assert clegg.status == "found" and clegg.role == "Kelby Rovers boss"


def test_a_role_belongs_to_the_person_it_stands_before(store: Store) -> None:
    # "Actor Leo Marchetti described director Paolo Rossi …": the director is Rossi; in
    # "… included Leo Marchetti, producer Anna Pike and the mayor" the producer is Anna
    # Pike. Before: Marchetti's roles were "Actor" and "producer" (as "/who DiCaprio"
    # answered "director" in the blind check).
    marchetti = ask(store, "Marchetti")
    assert marchetti.role == "Actor" and [r.text for r in marchetti.roles] == ["Actor"]
    assert ask(store, "Paolo Rossi").role == "director"


def test_a_title_glued_to_a_name_is_no_organisation(store: Store) -> None:
    # Before: "Cottonwood Police Sgt Jeremy Daniels" was a second person and "Cottonwood
    # Police Sgt" an organisation, both in "Mentioned with".
    daniels = ask(store, "Jeremy Daniels")
    assert (daniels.kind, daniels.articles) == ("person", 2)
    assert daniels.role == "Cottonwood Police Sgt."
    related = [r.name for r in ask(store, "Carol Meade").related]
    assert "Jeremy Daniels" in related
    assert not [name for name in related if "Sgt" in name]
    glued = ask(store, "Cottonwood Police Sgt Jeremy Daniels")
    assert [m.name for m in glued.matches] == ["Jeremy Daniels"]


def test_mentioned_with_leaves_out_bare_first_names(store: Store) -> None:
    # Before: "Mentioned with: …, Tom, …" beside Tom Baxter, and "Martin" beside Martin Crane.
    assert "Tom" not in [r.name for r in ask(store, "Darren Clegg").related]
    assert "Martin" not in [r.name for r in ask(store, "Susan Hale").related]


def test_did_you_mean_offers_people_by_their_full_names(store: Store) -> None:
    # Before: "Did you mean: Tom, Tom Baxter?" and "Did you mean: Gary Hume, Gary?".
    assert [m.name for m in ask(store, "Tom Baxtor").matches] == ["Tom Baxter"]
    assert [m.name for m in ask(store, "Gary Hulme").matches] == ["Gary Hume"]
    assert ask(store, "Northbridge Utd").matches[0].name == "Northbridge"


def test_a_court_report_s_aged_name_is_a_person(store: Store) -> None:
    # Before: "Alan Tebbit, 61, of Kelby, admitted theft at Kelby Crown Court." read as a
    # Title Case headline and was never indexed: "No one called “Alan Tebbit” appears".
    tebbit = ask(store, "Alan Tebbit")
    assert tebbit.status == "found"
    assert [r.name for r in tebbit.related] == ["Josh Varley", "Kelby Crown Court", "Mary Olsen"]


def test_a_quote_opened_after_told_and_closed_a_sentence_later(store: Store) -> None:
    # Before: Judge Mary Olsen had no quote ("… told Tebbit: 'You took …. That trust …'").
    assert quotes(store, "Mary Olsen") == [
        "You took money from people who trusted you. That trust cannot be repaid."
    ]


def test_a_lower_case_title_s_sector_is_part_of_the_role(store: Store) -> None:
    # Before: "Josh Varley — secretary"; the loaded word that opens the sentence was an
    # organisation "Controversial" in every "Mentioned with".
    assert ask(store, "Josh Varley").role == "club secretary"
    assert ask(store, "Controversial").status == "unknown"


def test_a_quotation_paragraph_after_an_attributed_one_is_the_same_speaker_s(
    store: Store,
) -> None:
    # Before: only the first paragraph of Ian Rusk's words was his quote.
    assert quotes(store, "Ian Rusk") == [
        "Sami is the best young footballer I have worked with",
        "He will score twenty goals for us this season, I am sure of it.",
    ]


def test_called_with_a_quotation_quotes_its_subject_not_its_object(store: Store) -> None:
    # Before: Sam Ortiz had no quote; Nora Quill (the object of "called") must never get it.
    assert quotes(store, "Sam Ortiz") == ["a tourist in her own district."]
    assert quotes(store, "Nora Quill") == []


def test_titles_before_a_name_are_no_part_of_it(store: Store) -> None:
    # Before: "Coroner Joy Adair" was the person's name, and "State" (of "State Sen.") an
    # organisation mentioned with Nora Quill.
    adair = ask(store, "Joy Adair")
    assert (adair.name, adair.role) == ("Joy Adair", "Coroner")
    assert "State" not in [r.name for r in ask(store, "Nora Quill").related]


def test_sir_and_lord_with_one_name_are_not_another_article_s_surname(store: Store) -> None:
    # "Sir Clive" is a first name and "Lord Ferris" a peer: neither is the pianist Jonah
    # Clive nor the actor Sam Ferris, whose answers must not carry their words.
    clive = ask(store, "Jonah Clive")
    assert not [f for f in clive.facts if "Sir Clive" in f.text]
    ferris = ask(store, "Sam Ferris")
    assert ferris.quotes == [] and not [f for f in ferris.facts if "Lord Ferris" in f.text]
    lord = ask(store, "Lord Ferris")
    assert (lord.name, [q.text[:20] for q in lord.quotes]) == (
        "Lord Ferris",
        ["The bill will not pa"],
    )


def test_a_name_inside_the_speaker_s_title_is_not_the_speaker(store: Store) -> None:
    # "… said Mack and Lee executive producer Ann Cole": Ann Cole speaks, not "Mack".
    assert quotes(store, "Ann Cole") == [
        "We have read every script twice and this series is the funniest yet"
    ]


def test_a_short_sentence_of_names_with_a_lower_case_title_is_indexed(store: Store) -> None:
    # Before: "Harbour Town boss Neil Varga hailed Owen Tully." read as a Title Case
    # headline and was never indexed: "No one called “Neil Varga” appears" (as with
    # "Bristol Rovers boss Darrell Clarke" in the blind check).
    varga = ask(store, "Neil Varga")
    assert (varga.status, varga.role) == ("found", "Harbour Town boss")


def test_an_acronym_and_the_word_after_it_are_one_name(store: Store) -> None:
    # Before: "the FA Trophy final" gave a person called "Trophy", mentioned with Neil Varga.
    assert "Trophy" not in [r.name for r in ask(store, "Neil Varga").related]
    assert ask(store, "Trophy").status == "unknown"
    assert ask(store, "FA Trophy").kind == "organisation"
