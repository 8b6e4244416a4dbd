"""/who answers on short articles written for these tests, with the packaged model.

Each test names a defect the quality audit found on real corpora and says what the user saw.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from summarizer.models import Article
from summarizer.people import update_people, who
from summarizer.people.extract import extract
from summarizer.store import Store
from tests.article_rows import add_article

pytestmark = pytest.mark.slow

NOW = datetime(2026, 6, 1, tzinfo=UTC)
PARTY = [
    "Labour promised on Monday to build 40,000 homes in the northern towns. Labour officials "
    "said the money would come from a new levy on empty flats.",
    "Labour said its housing plan was fully costed. Councils welcomed the plan from Labour, "
    "but builders asked where the bricks would come from.",
    "Unlike the old Tory-Labour debate, the new contest is about housing. Labour leader Ruth "
    "Calder said the levy would raise enough to start building next year.",
]
RALLY = (
    "The rally in Port Elden drew a large crowd on Friday evening. "
    "“The Tomas Brill I know today is the same man I married twenty years ago,” she said. "
    "“He is the same man who carried our daughter home through the snow that winter,” she "
    "added. Tomas Brill thanked the volunteers who had organised the evening."
)

FOOD_BANK = (
    "Nadia Brill opened the Port Elden food bank on Monday morning. Nadia thanked the bakers "
    "who had given bread, and Nadia said the shelves would be full by the weekend."
)

LIB_DEM = [
    "Lib Dem leader Ines Moreau said the levy would raise far too little to build anything. "
    "Lib Dem housing spokesman Pavel Sokol visited the estate on Tuesday afternoon. "
    "“The levy will hit renters hardest of all,” he said.",
    "Lib Dem president Ada Quist said the party would vote against the levy next week. "
    "The Lib Dems say the levy will hit renters hardest. Lib Dem treasury spokesman Pavel "
    "Sokol called the plan a gimmick.",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The written articles in one store, people indexed once."""
    path: Path = tmp_path_factory.mktemp("quality") / "briefbot.db"
    store = Store(f"sqlite:///{path}")
    for day, text in enumerate([*PARTY, RALLY, FOOD_BANK, *LIB_DEM], start=1):
        add_article(
            store,
            path=f"quality-{day}.txt",
            text=text,
            outlet="Harbour Herald",
            published=datetime(2026, 5, day, tzinfo=UTC),
        )
    update_people(store)
    yield store
    store.close()


def test_a_hyphenated_pair_of_names_is_not_a_person(store: Store) -> None:
    # Before: the model's "Tory-Labour" (a person) owned "Labour": /who Labour answered
    # "Tory-Labour (person)" and the party sat in every answer's "Mentioned with" as a person.
    answer = who(store, "Labour", now=NOW)
    assert (answer.status, answer.name, answer.kind) == ("found", "Labour", "organisation")
    assert who(store, "Tory-Labour", now=NOW).status == "unknown"
    calder = who(store, "Ruth Calder", now=NOW)
    assert calder.role == "Labour leader"
    assert [(r.name, r.kind) for r in calder.related] == [("Labour", "organisation")]


def test_a_name_inside_a_quotation_is_not_the_next_speaker(store: Store) -> None:
    # Before: "“He is the same man who carried our daughter …,” she added" was listed
    # among Tomas Brill's own quotes, because he is named inside the previous quotation.
    answer = who(store, "Tomas Brill", now=NOW)
    assert answer.status == "found"
    assert not [q for q in answer.quotes if "same man" in q.text]


def test_the_split_pair_keeps_the_article_s_labels() -> None:
    # The extractor gives the parts the article names alone ("Labour", an organisation),
    # and no mention called "Tory-Labour" (before: a person who owned the bare "Labour").
    article = Article(1, "x.txt", None, None, None, NOW, "en", PARTY[2], "hash", 1)
    mentions = extract([article])[0].mentions
    assert "tory labour" not in {m.key for m in mentions}
    assert {m.label for m in mentions if m.key == "labour"} == {"ORG"}


def test_the_entity_named_short_is_not_someone_it_is_mentioned_with(store: Store) -> None:
    # Before: "/who Nadia Brill" listed "Mentioned with: Nadia", herself by first name.
    assert who(store, "Nadia", now=NOW).name == "Nadia"  # still answered on its own
    assert "Nadia" not in [r.name for r in who(store, "Nadia Brill", now=NOW).related]
    assert "Nadia Brill" not in [r.name for r in who(store, "Nadia", now=NOW).related]


def _names(text: str) -> dict[str, tuple[str, str | None]]:
    article = Article(1, "x.txt", None, None, None, NOW, "en", text, "hash", 1)
    return {m.surface: (m.label, m.role) for m in extract([article])[0].mentions}


def test_the_portfolio_of_a_title_is_not_an_organisation() -> None:
    # Before: /who answered for an organisation "State" (from "Secretary of State") and one
    # called "U.S. National Security" (from "U.S. National Security Adviser"), and listed
    # them in "Mentioned with".
    found = _names(
        "U.S. National Security Adviser Dana Reyes told reporters the talks had gone well. "
        "Earlier, U.S. Secretary of State Lena Marsh called her counterpart Omar Field on the "
        "phone about the ceasefire and the prisoners."
    )
    assert found["Dana Reyes"] == ("PERSON", "U.S. National Security Adviser")
    assert found["Lena Marsh"] == ("PERSON", "U.S. Secretary of State")
    assert not {"State", "U.S. National Security", "National Security"} & set(found)


def test_a_nationality_before_an_organisation_is_part_of_its_name() -> None:
    # Before: the model tags "Islamic" a nationality and "State" an organisation, so /who
    # State answered with the group's sentences under the name "State".
    found = _names("Islamic State released a video on Saturday urging supporters to attack.")
    assert found["Islamic State"][0] == "ORG" and "State" not in found


def test_a_name_before_other_peoples_titles_is_an_organisation(store: Store) -> None:
    # Before: "Lib Dem" (the model tags it a person) answered as a person, "Lib Dems" as a
    # second one, and the quote after "Lib Dem housing spokesman Pavel Sokol visited ..."
    # went to "Lib Dem" rather than to him.
    party = who(store, "Lib Dem", now=NOW)
    assert (party.status, party.kind, party.quotes) == ("found", "organisation", [])
    assert who(store, "Lib Dems", now=NOW).name == "Lib Dem"
    sokol = who(store, "Pavel Sokol", now=NOW)
    assert sokol.role and sokol.role.startswith("Lib Dem")
    assert [q.text for q in sokol.quotes] == ["The levy will hit renters hardest of all"]
