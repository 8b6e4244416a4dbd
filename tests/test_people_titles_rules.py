"""Titles, honorifics and pronouns that contradict a name, without the model (written text)."""

from __future__ import annotations

from summarizer.people.extract import Mention
from summarizer.people.gender import (
    FEMALE,
    LEFT_OUT,
    MALE,
    Genders,
    apposition_gender,
    article_genders,
    honorific_gender,
    owner_of,
    surname_honorifics,
    words_gender,
)
from summarizer.people.quotes import speech_pronoun


def _mention(sentences: list[str], index: int, surface: str, key: str) -> Mention:
    start = sentences[index].index(surface)
    name = surface.split()[-1] if " " not in key else surface
    return Mention(index, start, start + len(surface), surface, name, key, "PERSON")


def test_honorifics_roles_and_pronouns_say_a_gender() -> None:
    assert honorific_gender("The letter was read by Mrs ") == FEMALE
    assert honorific_gender("Thanks went to Sir ") == MALE
    assert honorific_gender("The crowd cheered ") is None
    assert words_gender("award-winning actress") == FEMALE
    assert words_gender("Kelby Council chairwoman") == FEMALE
    assert words_gender("the father of two") == MALE
    assert words_gender("chairman") is None  # said of women too
    assert apposition_gender(", the first lady, said") == FEMALE
    assert apposition_gender(", his wife, Cindy, and their son") is None  # someone else
    assert speech_pronoun("“The roof will be fixed before winter,” she said.") == "she"
    assert speech_pronoun("“She will fix the roof before winter,” he added.") == "he"
    assert speech_pronoun("The roof will be fixed, the mayor said.") is None


def test_the_article_s_evidence_decides_only_when_it_agrees() -> None:
    sentences = [
        "Nora Vale, the actress, opened the library on Monday.",
        "She thanked the volunteers.",
        "Tom Reed met the volunteers at noon.",
    ]
    mentions = [
        _mention(sentences, 0, "Nora Vale", "nora vale"),
        _mention(sentences, 2, "Tom Reed", "tom reed"),
    ]
    evidence = article_genders(sentences, mentions, {"nora vale", "tom reed"})
    assert evidence.of("nora vale") == FEMALE
    assert evidence.of("tom reed") is None
    mixed = Genders()
    for gender in (MALE, FEMALE):
        mixed.add("x", gender)
    assert mixed.of("x") is None


def test_a_bare_surname_goes_only_where_its_title_fits() -> None:
    # Before: a bare surname went to the article's one full name with it, whatever its
    # title said ("President Vale said he …" to the actress Nora Vale).
    evidence = Genders()
    evidence.add("nora vale", FEMALE)
    sentences = ["President Vale said he would come back.", "Mrs Vale smiled at the crowd."]
    president = _mention(sentences, 0, "Vale", "vale")
    mrs = _mention(sentences, 1, "Vale", "vale")
    owners = {"nora vale"}
    assert owner_of(sentences[0], president, owners, evidence, {}, True) == LEFT_OUT
    assert owner_of(sentences[1], mrs, owners, evidence, {}, True) == "nora vale"
    two = {"nora vale", "tom vale"}
    assert owner_of(sentences[0], president, two, evidence, {}, True) == "tom vale"
    assert owner_of(sentences[1], mrs, two, evidence, {}, True) is None  # no veto for Tom
    evidence.add("tom vale", MALE)
    both = "It was sad that she and President Vale left."  # "she" is someone else
    early = _mention([both], 0, "Vale", "vale")
    assert owner_of(both, early, two, evidence, {}, True) is None
    heads = {"tom vale": {"president"}}
    assert owner_of("President Vale left.", president, two, Genders(), heads, True) == "tom vale"
    assert owner_of("President Vale left.", president, two, Genders(), {}, True) is None


def test_a_surname_s_honorifics_speak_for_its_only_full_name_when_they_agree() -> None:
    # Before: "While President Vale's plan …, his wife's …" gave the article's only Vale,
    # Nora Vale (called "Mrs Vale" throughout), the role "President". Now it is left out.
    sentences = [
        "Nora Vale opened the library on Monday.",
        "Mrs Vale thanked the volunteers.",
        "While President Vale's plan drew notice, his wife's work drew more.",
    ]
    mentions = [
        _mention(sentences, 0, "Nora Vale", "nora vale"),
        _mention(sentences, 1, "Vale", "vale"),
    ]
    owners = {"vale": {"nora vale"}}
    evidence = Genders()
    surname_honorifics(sentences, mentions, owners, evidence)
    assert evidence.of("nora vale") == FEMALE
    president = _mention(sentences, 2, "Vale", "vale")
    assert owner_of(sentences[2], president, {"nora vale"}, evidence, {}, True) == LEFT_OUT
    waved = [*sentences[:2], "Mr Vale waved."]
    mixed = [*mentions, _mention(waved, 2, "Vale", "vale")]
    unsure = Genders()
    surname_honorifics(waved, mixed, owners, unsure)
    assert unsure.of("nora vale") is None  # "Mr Vale" and "Mrs Vale": two people
