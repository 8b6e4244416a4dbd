"""What may become a key point, and which headline is shown: sentences written for these tests.

Each case says what a reader would otherwise see in a briefing bullet.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from summarizer.briefing.headlines import headline_text, usable_headline
from summarizer.briefing.keypoints import candidates, qualifies
from summarizer.models import Article
from summarizer.sentences import points_back, strip_dateline
from tests.briefing_fixtures import one_article


def article(text: str, headline: str | None = "Reservoir drained after dam cracks") -> Article:
    return one_article(text, headline=headline, outlet="Vale Gazette")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (
            "HALBURY — Engineers began draining the reservoir.",
            "Engineers began draining the reservoir.",
        ),
        (
            "HALBURY—Engineers began draining the reservoir.",
            "Engineers began draining the reservoir.",
        ),
        (
            "HALBURY: Engineers began draining the reservoir.",
            "Engineers began draining the reservoir.",
        ),
        ("NEW HALBURY - Engineers began draining it.", "Engineers began draining it."),
        (
            "Halbury (AP)Engineers began draining the reservoir.",
            "Engineers began draining the reservoir.",
        ),
        ("HALBURY (Vale Wire) Engineers began draining it.", "Engineers began draining it."),
        ("ROME — The council met on Monday.", "The council met on Monday."),
    ],
)
def test_a_dateline_without_a_date_is_not_shown_in_a_point(raw: str, shown: str) -> None:
    """The reader sees the sentence, not "HALBURY —" glued to its start."""
    assert strip_dateline(raw) == shown
    assert shown in raw  # still the article's own words


@pytest.mark.parametrize(
    "sentence",
    [
        "NATO - Russia talks resumed on Monday.",
        "US - China talks resumed after a long pause.",
        "Halbury (population 9,000) lies below the dam.",
        "Apple (AAPL) shares rose on Monday.",
    ],
)
def test_a_leading_acronym_or_bracket_is_not_mistaken_for_a_dateline(sentence: str) -> None:
    assert strip_dateline(sentence) == sentence


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("The inspection report is expected by the end of the month...", "ellipsis"),
        ("“Nobody should go near the spillway until further notice.”", "no speaker"),
        ("“We are not taking any chances with homes,” she said.", "pronoun"),
        ("“It is a very old wall,” he added, before leaving the site.", "pronoun"),
        ("Mostefa, he added, had left the valley with his family.", "pronoun"),
        ("On Wednesday, they also closed the valley road to traffic.", "opening phrase"),
        ("According to the water board, it was built in 1931.", "opening phrase"),
        ("When he visited the site, the minister promised a full inspection.", "opening clause"),
        ("While they waited, the residents were given blankets and food.", "opening clause"),
        ("In its statement the board said the wall was safe for now.", "opening phrase"),
        ("The law also makes it harder to build below a dam.", "bare noun"),
        ("We have the numbers to show how bad the season has been.", "first person"),
        ("You can watch the engineers at work on our live stream.", "second person"),
        ("Meanwhile the board raised the price of water by 3%.", "connective"),
        ("The 62-year-old has run the water board since 2019.", "age anaphor"),
        ("The three have refused to say who will pay for the repairs.", "number anaphor"),
        ("The band has sold about two million records worldwide.", "role anaphor"),
        ("The survey was carried out by a firm in the capital.", "bare noun"),
        ("The woman said she had been told to leave by the police.", "bare noun"),
        ("The list, published on Friday, names six senior officials.", "bare noun"),
        ("The carmaker blamed the fall in profits on launch costs.", "bare noun, past tense"),
        ("The pop singer cancelled her tour after a knee injury.", "bare noun, past tense"),
        ("Engineers said this was the worst damage they had seen.", "demonstrative"),
        ("Residents were angry because these repairs were delayed twice.", "demonstrative"),
        ("- Pumps running day and night at the lower gate.", "list item"),
        ("The cracks have not only alarmed residents of the lower valley.", "cut short"),
    ],
)
def test_sentences_that_point_outside_themselves_are_not_points(sentence: str, why: str) -> None:
    """A reader would not know who "he" is, what was cut off, or who is being quoted."""
    assert points_back(sentence) is not None, why
    assert not qualifies(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Engineers lowered the Halbury reservoir on Wednesday after cracks were found.",
        "“We are not taking any chances,” water board chief Ana Petrov said on Wednesday.",
        "On Monday, the army said it had moved 400 residents to a school hall.",
        "Regional minister Tomas Brell said the government would pay for the repairs.",
        "In a statement on Wednesday, Petrov said the wall would be inspected.",
        "The regional water board of Halbury said 400 people had been moved to a school hall.",
        "Cracks in the dam have not only alarmed residents but also worried insurers.",
        "The number of homes below the dam has doubled since 1990.",
        "The death toll from the floods in the lower valley has risen to 12.",
        "The dollar fell to a record low against the euro on Monday.",
        "Engineers said the wall would be inspected again this week.",
        "“We will not let this happen again,” water board chief Ana Petrov said.",
    ],
)
def test_self_contained_sentences_still_qualify(sentence: str) -> None:
    assert points_back(sentence) is None
    assert qualifies(sentence)


def test_the_fallback_takes_whole_sentences_only() -> None:
    """A spec sheet or a list of bullets gives no points rather than fragments as points."""
    assert not qualifies("- Fingerprint sensor (certified)", strict=False)
    assert not qualifies("Features a 16 MP sensor, HDR, dual shot, touch focus", strict=False)
    assert not qualifies("The report is expected by the end of the month...", strict=False)
    assert qualifies("He said the bridge will reopen soon.", strict=False)


def test_candidates_strip_datelines_and_skip_what_points_back() -> None:
    text = (
        "HALBURY — Engineers lowered the Halbury reservoir on Wednesday after finding cracks.\n\n"
        "“It is a very old wall and it always needed work,” he said.\n\n"
        "On Wednesday, they closed the valley road to all traffic.\n\n"
        "About 400 residents of the lower valley were told to leave as a precaution."
    )
    texts = [c.text for c in candidates([article(text)])]
    assert texts == [
        "Engineers lowered the Halbury reservoir on Wednesday after finding cracks.",
        "About 400 residents of the lower valley were told to leave as a precaution.",
    ]


@pytest.mark.parametrize(
    "headline",
    [
        "LIVE: Halbury dam latest updates",
        "Halbury dam evacuation – as it happened",
        "Halbury dam: live coverage of the evacuation",
        "Watch: engineers drain the Halbury reservoir",
        "Halbury dam in pictures:",
        "Vale Gazette",
    ],
)
def test_live_blog_and_section_furniture_is_not_a_headline(headline: str) -> None:
    assert not usable_headline(headline, "Vale Gazette")


@pytest.mark.parametrize(
    "headline",
    ["Video game sales soar in spring", "Live music venues reopen in Halbury", "Breaking the dam"],
)
def test_headlines_that_merely_start_with_such_a_word_are_kept(headline: str) -> None:
    assert usable_headline(headline, "Vale Gazette")


def test_a_site_name_after_a_bar_is_dropped_from_the_headline() -> None:
    """The reader sees "Dam cracks force evacuation", not the page title's "| Vale Gazette"."""
    titled = article("Engineers drained it.", headline="Dam cracks force evacuation | Vale Gazette")
    assert headline_text(titled) == "Dam cracks force evacuation"
    assert headline_text(replace(titled, headline="Dam cracks force evacuation")) == (
        "Dam cracks force evacuation"
    )
    assert headline_text(replace(titled, headline="LIVE: dam updates | Vale Gazette")) is None
