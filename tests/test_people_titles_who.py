"""/who never gives a person another person's title or quote: titles, honorifics and
pronouns that contradict a name keep their mention off it (packaged model, written text).

Every article here is written for these tests; each test says what /who showed before.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from summarizer.people import update_people, who
from summarizer.store import Store
from tests.article_rows import add_article

pytestmark = pytest.mark.slow

NOW = datetime(2026, 6, 1, tzinfo=UTC)
ACTRESS = (
    "Nora Vale, the actress, opened the new library in Kelby on Monday. Mrs Vale told the "
    "crowd that reading had changed her life. President Vale said he would visit the town "
    "again in the spring. Mr Vale, who leads the country, sent a letter of thanks."
)
COUPLE = (
    "On a wet morning President Michael Harper arrived in the town with his wife Susan "
    "Harper. Susan Harper, a former teacher, visited the school. President Harper spoke about "
    "the old harbour and the new road. Mrs Harper read a story to the children."
)
BARRACKS = (
    "Peter Walsh, the father of two, inspected the barracks on Tuesday. “The roof will be "
    "fixed before the winter comes,” she said. Helen Foster, the mother of the youngest "
    "cadet, watched from the gate. “My son sleeps under that roof every night,” she said."
)
RIVER = (
    "Peter Walsh inspected the river wall on Wednesday morning. He walked along the new "
    "path afterwards and spoke to the engineers. Peter Walsh met the cadets at noon. “The "
    "wall will hold through the spring floods,” she said."
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The written articles in one store, people indexed once."""
    path: Path = tmp_path_factory.mktemp("titles") / "briefbot.db"
    store = Store(f"sqlite:///{path}")
    for day, text in enumerate([ACTRESS, COUPLE, BARRACKS, RIVER], start=1):
        add_article(
            store,
            path=f"titles-{day}.txt",
            text=text,
            outlet="Kelby Courier",
            published=datetime(2026, 5, day, tzinfo=UTC),
        )
    update_people(store)
    yield store
    store.close()


def test_a_man_s_title_and_honorific_do_not_go_to_the_woman_with_his_surname(
    store: Store,
) -> None:
    # Before: /who Nora Vale showed the roles "actress" and "President" (from "President
    # Vale said he would …", a man) and listed "President Vale said he would visit …" and
    # "Mr Vale, who leads the country, …" as what she did. Now: only what is about her.
    answer = who(store, "Nora Vale", now=NOW)
    assert answer.status == "found"
    assert answer.role == "actress"
    assert [r.text for r in answer.roles] == ["actress"]
    assert not [f for f in answer.facts if "President Vale" in f.text or "Mr Vale" in f.text]


def test_a_title_goes_to_the_full_name_the_article_gives_it(store: Store) -> None:
    # Before: with two Harpers in the article, "President Harper spoke …" stayed a bare
    # "Harper" (/who Harper answered "Harper — President", apart from both). Now it is
    # Michael Harper's, the president; Susan Harper never gets his title.
    michael = who(store, "Michael Harper", now=NOW)
    assert michael.role == "President"
    assert any("President Harper spoke" in f.text for f in michael.facts)
    susan = who(store, "Susan Harper", now=NOW)
    assert susan.role != "President" and "President" not in [r.text for r in susan.roles]


def test_she_said_after_a_man_is_not_his_quote(store: Store) -> None:
    # Before: /who Peter Walsh quoted “The roof will be fixed …” and “The wall will hold …”,
    # both followed by "she said" after a sentence about him (the father of two; "He
    # walked …"). Now: he has no quotes; Helen Foster (a mother) keeps hers.
    walsh = who(store, "Peter Walsh", now=NOW)
    assert walsh.status == "found" and walsh.quotes == []
    foster = who(store, "Helen Foster", now=NOW)
    assert [q.text for q in foster.quotes] == ["My son sleeps under that roof every night"]
