"""Name folding, roles, quote attribution and corpus voting, without the model."""

from __future__ import annotations

from collections import Counter

from summarizer.people.names import clean_name, fold, title_case_line
from summarizer.people.quotes import attribute
from summarizer.people.resolve import KeyStats, build_entities
from summarizer.people.roles import RoleSeen, headline_role, role_after, role_before


def test_spelling_and_case_variants_fold_to_one_key() -> None:
    assert fold("Zelenskyy") == fold("Zelensky") == fold("Zelenskiy")
    assert fold("Volodymyr Zelenskyy’s") == fold("Volodymyr Zelensky")
    assert fold("NATO") == fold("Nato")
    assert fold("the Kremlin") == "kremlin"
    assert fold("Donald J. Trump") == fold("Donald Trump")
    assert clean_name("Mr Grushko") == "Grushko"
    assert clean_name("Councillor Ben Adeyemi") == "Ben Adeyemi"
    assert clean_name("Sen. Elizabeth Warren") == "Elizabeth Warren"
    assert fold("CNN") != fold("CN")


def test_titles_and_appositions_are_roles() -> None:
    assert role_before("Trump’s special envoy ") == "Trump’s special envoy"
    assert role_before("Speaking to CNN on Sunday, US envoy ") == "US envoy"
    assert role_before("“Soon,” Kremlin spokesman ") == "Kremlin spokesman"
    assert role_before("Russia’s deputy foreign minister ") == "Russia’s deputy foreign minister"
    assert role_before("State Department spokeswoman ") == "State Department spokeswoman"
    assert role_before("Trump's envoy for the conflict, ") == "Trump's envoy for the conflict"
    assert role_before("Moscow said that U.S. Secretary of State ") == "U.S. Secretary of State"
    assert role_before("Ukraine’s ") is None
    assert role_before("U.S. President Donald Trump and Russian counterpart ") is None
    assert role_after(", mayor of the Ukrainian capital said") == "mayor of the Ukrainian capital"
    assert role_after(", who met with Putin") is None


def test_headline_role_is_specific_and_supported() -> None:
    seen = [
        RoleSeen("Trump’s special envoy", 1, "France24"),
        RoleSeen("Trump's envoy for the conflict", 2, "The Moscow Times"),
        RoleSeen("US envoy", 3, "The Independent"),
        RoleSeen("U.S. envoy", 4, "The Moscow Times"),
    ]
    assert headline_role(seen) == "Trump’s special envoy"
    spokes = [RoleSeen("Kremlin spokesman", 1, "A"), RoleSeen("spokesperson", 2, None)]
    spokes.append(RoleSeen("Kremlin spokesman", 3, "B"))
    assert headline_role(spokes) == "Kremlin spokesman"
    assert headline_role([]) is None


def test_quotes_go_to_the_speaker_not_the_addressee() -> None:
    sentence = "“We will demand guarantees in this agreement,” Izvestia cited Mr Grushko as saying."
    izvestia, grushko = sentence.index("Izvestia"), sentence.index("Grushko")
    names = [(izvestia, izvestia + 8, False), (grushko, grushko + 7, True)]
    assert attribute(sentence, names) == ("We will demand guarantees in this agreement", 1, False)
    told = "Steve Witkoff, who met Putin, told CNN that “talks are going to be good.”"
    cnn, putin = told.index("CNN"), told.index("Putin")
    names = [(0, 13, True), (putin, putin + 5, True), (cnn, cnn + 3, False)]
    assert attribute(told, names)[1] == 0
    assert attribute("“If they appear there, it is war,” he said.", []) == (
        "If they appear there, it is war",
        None,
        True,
    )
    assert attribute("Trump would discuss “land” today.", [(0, 5, True)]) == (None, None, False)


def _stats(labels: dict[str, int], name: str, **contexts: int) -> KeyStats:
    return KeyStats(Counter(labels), Counter({name: sum(labels.values())}), Counter(contexts), 1)


def test_corpus_votes_fix_the_models_slips() -> None:
    stats = {
        "donald trump": _stats({"PERSON": 5}, "Donald Trump"),
        "trump": _stats({"ORG": 3}, "Trump"),  # "Trump’s envoy" tagged ORG
        "kyiv": _stats({"PERSON": 6, "ORG": 1}, "Kyiv", place=4),  # "Kyiv’s forces"
        "valentyna": _stats({"PERSON": 1}, "Valentyna"),
        "yukos": _stats({"PERSON": 50, "ORG": 4}, "Yukos", place=4, person=3, org=6),
        "nato": _stats({"ORG": 6}, "Nato"),
        "john smith": _stats({"PERSON": 2}, "John Smith"),
        "jane smith": _stats({"PERSON": 2}, "Jane Smith"),
        "smith": _stats({"PERSON": 1}, "Smith"),
    }
    entities, ambiguous = build_entities(stats)
    by_key = {e.key: e for e in entities}
    assert "trump" in by_key["donald trump"].keys
    assert "kyiv" not in by_key
    assert by_key["valentyna"].kind == "person"
    assert by_key["nato"].kind == "organisation"
    assert by_key["yukos"].kind == "organisation"
    assert sorted(e.key for e in ambiguous["smith"]) == ["jane smith", "john smith"]


def test_title_case_headlines_are_skipped() -> None:
    assert title_case_line("Trump, Putin to Discuss Ukraine This Week")
    assert not title_case_line("Russia threatens Britain and France over Nato observers.")


def test_close_spellings_of_one_full_name_merge_but_different_names_do_not() -> None:
    from summarizer.people.resolve import _merge_spellings

    merged = _merge_spellings(
        ["volodymyr zelensky", "volodymyr zelenski", "john smith", "jane smith"]
    )
    assert merged["volodymyr zelensky"] == merged["volodymyr zelenski"]
    assert merged["john smith"] != merged["jane smith"]
