"""Defects found by the /who quality audit, fixed in the rules (no model needed).

Every sentence here is written for these tests; each test says what the user saw before.
"""

from __future__ import annotations

from collections import Counter

from summarizer.people.quotes import attribute
from summarizer.people.resolve import KeyStats, build_entities
from summarizer.people.roles import HEADS, role_after, role_before


def test_a_verb_before_a_name_is_no_role() -> None:
    # Before: "/who Mara Quill" listed the role "elect", and "/who Brown" the role "host".
    assert role_before("Voters were asked to elect ") is None
    assert role_before("The charity will host Mr ") is None
    assert "elect" not in HEADS and "president-elect" in HEADS
    assert role_before("The president-elect ") == "president-elect"
    assert role_before("Campaign volunteers met President ") == "President"
    assert role_before("He gave the letter to President ") == "President"


def test_a_conjunction_does_not_open_a_role() -> None:
    # Before: the role read "Although President".
    assert role_before("Although President ") == "President"
    assert role_before("Because Finance Minister ") == "Finance Minister"


def test_an_ex_title_keeps_its_portfolio() -> None:
    # Before: "ex-Home Secretary Dan Kell" gave the bare role "Secretary".
    assert role_before("Leaked notes show ex-Home Secretary ") == "ex-Home Secretary"
    assert role_before("Campaigners met Ex-Health Minister ") == "Ex-Health Minister"


def test_a_capitalised_head_inside_a_proper_name_is_not_the_role() -> None:
    # Before: "Piet Vos, Premier Cup chief executive, said ..." gave the role "Premier".
    suffix = ", Premier Cup chief executive, said the deal was done."
    assert role_after(suffix) == "Premier Cup chief executive"
    assert role_after(", President Hotel manager, said") == "President Hotel manager"
    assert role_after(", chief executive of Nordbank, said") == "chief executive of Nordbank"
    assert role_after(", Chief Executive of Nordbank, said") == "Chief Executive of Nordbank"


def test_lower_case_portfolios_stay_in_the_role() -> None:
    # Before: "Labour election chief Ana Ruiz" gave the bare role "chief".
    assert role_before("Labour election chief ") == "Labour election chief"
    assert role_before("The firm's chief investment officer ") is not None


def _stats(labels: dict[str, int], name: str, articles: int) -> KeyStats:
    return KeyStats(Counter(labels), Counter({name: sum(labels.values())}), Counter(), articles)


def test_a_party_is_not_the_surname_of_a_rare_person() -> None:
    # Before: "the Tory-Labour contest" (tagged a person in 2 articles) owned "Labour":
    # /who Labour answered "Tory-Labour (person)" with the party's quotes, and "Tory-Labour"
    # was in everyone's "Mentioned with".
    stats = {
        "tory labour": _stats({"PERSON": 2}, "Tory-Labour", 2),
        "labour": _stats({"ORG": 180, "PERSON": 20}, "Labour", 150),
        "donald trump": _stats({"PERSON": 9}, "Donald Trump", 6),
        "trump": _stats({"ORG": 3, "PERSON": 1}, "Trump", 2),  # a surname the model slips on
    }
    entities, ambiguous = build_entities(stats)
    by_key = {e.key: e for e in entities}
    assert by_key["labour"].kind == "organisation"
    assert "labour" not in by_key["tory labour"].keys
    assert "trump" in by_key["donald trump"].keys and "trump" not in by_key
    assert not ambiguous


def test_a_name_after_he_said_is_not_the_speaker() -> None:
    # Before: "he said Labour would publish “…”" gave the quote to Labour (the party spoke).
    sentence = "In a speech, he said Labour would publish “a rich agenda for the next term”."
    labour = sentence.index("Labour")
    quote, speaker, pronoun = attribute(sentence, [(labour, labour + 6, False)])
    assert (quote, speaker, pronoun) == ("a rich agenda for the next term", None, True)
    told = "“We will publish a rich agenda,” Labour said on Monday."
    labour = told.index("Labour")
    assert attribute(told, [(labour, labour + 6, False)])[1] == 0
