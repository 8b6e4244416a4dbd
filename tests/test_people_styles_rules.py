"""The rules behind /who on British, American and surname-heavy copy, without the model:
quotation marks of every house style, surnames with suffixes and particles, titles glued to
names, loaded words in roles and titles in a query. Every sentence is written for these tests.
"""

from __future__ import annotations

from summarizer.people.gender import FEMALE, MALE
from summarizer.people.names import is_full, short_keys, surname, surnames, title_case_line
from summarizer.people.quotemarks import quoted_sentences, scan
from summarizer.people.quotes import attribute, quoted_segments
from summarizer.people.roles import name_after_title, role_after, role_before, without_title
from summarizer.people.titles import cues


def texts(sentence: str) -> list[str]:
    return [text for _, _, text in quoted_segments(sentence)]


def test_single_curly_quotes_are_quotations_and_apostrophes_are_not() -> None:
    # Before: a British ‘…’ quotation was never found (every Quotes section empty).
    assert texts("‘We will not borrow, and we don’t apologise for that,’ Mrs Hume told MPs.") == [
        "We will not borrow, and we don’t apologise for that"
    ]
    assert texts(
        "‘This is a budget for the few, and the Smiths’ of this world will pay,’ Mr Pryce said."
    ) == ["This is a budget for the few, and the Smiths’ of this world will pay"]
    assert texts("The Smiths’ house and the Joneses’ garden were both flooded last night.") == []


def test_straight_single_guillemets_and_low_high_quotes() -> None:
    assert texts("'It is long overdue and the taxpayers' anger is justified,' said Ms Hale.") == [
        "It is long overdue and the taxpayers' anger is justified"
    ]
    assert texts("«We will not sign a deal that empties our harbours,» said Anke de Vries.") == [
        "We will not sign a deal that empties our harbours"
    ]
    assert texts("„The talks are over for this year“, German envoy Klaus Berger said.") == [
        "The talks are over for this year"
    ]
    assert texts("He said they don't know what 'enough' means in this town at all.") == []


def test_a_quotation_over_paragraphs_is_one_quotation_ending_with_he_said() -> None:
    # British style: an opening mark at each paragraph, one closing mark at the very end.
    sentences = [
        "The prime minister, Alan Crosby, backed his chancellor.",
        "‘Mr Pryce has spent a decade opposing every sensible decision.",
        "‘Owen Pryce would borrow until the bailiffs came knocking.",
        "We will not let him near the public finances,’ he said.",
        "Mr Pryce later visited a food bank.",
    ]
    segments = scan(sentences, {0, 1, 2, 4})
    assert [len(s) for s in segments] == [0, 1, 1, 1, 0]
    assert len({s[0].run for s in segments[1:4]}) == 1
    assert segments[3][0].closed and segments[3][0].text.endswith("public finances,")
    assert quoted_sentences(sentences, segments) == {1, 2, 3}  # never a fact in the bot's voice


def test_a_quotation_left_open_ends_with_its_paragraph() -> None:
    sentences = ["‘We will win this seat,’ she said, ‘and the next one too.", "Mr Ash left."]
    segments = scan(sentences, {0, 1})
    assert segments[1] == []


def test_the_speaker_of_a_single_quoted_statement() -> None:
    sentence = "‘Tom is the best finisher in this league,’ said Clegg."
    assert attribute(sentence, [(sentence.index("Clegg"), len(sentence) - 1, True)]) == (
        "Tom is the best finisher in this league",
        0,
        False,
    )


def test_a_quotation_goes_to_the_speech_verb_nearest_it() -> None:
    # "called" speaks too, but this quotation is what Lund said, not what Berg called it.
    sentence = (
        "Berg called the offer “weak but workable,” and Lund said on Friday that the talks "
        "showed “there is still a great deal left to do” before any deal."
    )
    names = [(0, 4, True), (sentence.index("Lund"), sentence.index("Lund") + 4, True)]
    assert attribute(sentence, names) == ("there is still a great deal left to do", 1, False)


def test_surnames_with_suffixes_and_particles() -> None:
    assert surname("kenneth morgan stancil iii") == "stancil"
    assert surnames("louis van gaal") == {"gaal", "van gaal"}
    assert surnames("bashar al assad") == {"assad", "al assad"}
    assert is_full("louis van gaal") and not is_full("van gaal") and not is_full("dunn jr")
    assert short_keys("kenneth morgan stancil iii") == {"kenneth morgan stancil", "kenneth stancil"}
    assert short_keys("ray dunn jr") == {"ray dunn"}


def test_a_title_glued_to_a_name_is_split_off() -> None:
    span = "Cottonwood Police Sgt Jeremy Daniels"
    assert span[name_after_title(span) or 0 :] == "Jeremy Daniels"
    span = "DiCaprio described director Martin Scorsese"
    assert span[name_after_title(span) or 0 :] == "Martin Scorsese"
    assert name_after_title("Premier League") is None
    assert name_after_title("Director of Public Prosecutions") is None
    assert "Cottonwood Police Sgt"[: without_title("Cottonwood Police Sgt")] == "Cottonwood Police"


def test_loaded_words_are_no_part_of_a_role() -> None:
    # Before: "Disgraced former Northbank boss" was the header role, in the bot's voice.
    assert role_before("Disgraced former Northbank boss ") == "former Northbank boss"
    assert role_before("The shamed former chairman ") == "former chairman"
    assert role_before("NASA's chief scientist ") == "NASA's chief scientist"
    assert role_before("The chancellor, ") == "chancellor"
    assert role_before("Cottonwood Police Sgt. ") == "Cottonwood Police Sgt."


def test_a_sentence_full_of_names_is_no_headline() -> None:
    assert not title_case_line(
        "Graham Pell, 52, of Harwick, admitted fraud at Northgate Crown Court."
    )
    assert title_case_line("Trump, Putin to Discuss Ukraine This Week")
    assert role_before("Controversial hospital boss ") == "hospital boss"
    assert role_before("Nurses' union representative ") == "Nurses' union representative"


def test_a_title_before_the_next_name_of_a_list_is_not_an_apposition() -> None:
    # Before: "Leo Marchetti, producer Anna Pike and …" gave Leo Marchetti "producer" (as
    # "/who DiCaprio" answered "director" in the blind check).
    assert role_after(", producer Anna Pike and the mayor.") is None
    assert role_after(", the producer of the film, said") == "producer of the film"
    assert role_after(", mayor of the Ukrainian capital, said") == "mayor of the Ukrainian capital"


def test_titles_and_honorifics_in_a_query() -> None:
    assert cues("President Okoro").titles == {"president"}
    assert cues("Mrs Hume").gender == FEMALE and cues("Mr. Hume").gender == MALE
    assert cues("manager Hume").titles == {"manager"}
    assert not cues("Rachel Hume") and not cues("Hume")
