"""A raw page's byline and time stamps are not the story: the lede starts after them.

Scraped tabloid pages arrive as "By . Staff Reporter . PUBLISHED: . 10:12 EST, 3 March
2015 . | . UPDATED: . …" run into the first paragraph. Split into sentences, that header
became the "lede" the summarizer weighed (and lost to later sentences with): summaries
of such pages then left out the real first sentences. All articles here are ours.
"""

from __future__ import annotations

import pytest

from summarizer.briefing import keypoints
from summarizer.sentences import is_boilerplate, is_caption, leading_furniture, split_sentences
from summarizer.summarize import rank_sentences, summarize_article
from tests.briefing_fixtures import one_article

TABLOID_HEADER = (
    "By . Daily Mail Reporter and Wire Staff . PUBLISHED: . 14:11 EST, 25 October 2013 . | . "
    "UPDATED: . 15:36 EST, 25 October 2013 . "
)
BODY = (
    "A bishop in Halbury has exposed hundreds of church members to hepatitis A after"
    " falling ill during the autumn services, health officials said on Friday."
    " The state health department has issued an advisory for anyone who attended five"
    " churches and took communion between September 20 and October 4."
    " Bishop Anselm Marr learned of his infection this week after a trip to Italy, the"
    " diocese said in a statement."
    " Vaccination clinics will open in three towns on Monday for anyone who may have"
    " been exposed."
    " Officials stressed that the risk of infection was low but said early vaccination"
    " could prevent illness."
    " The diocese has suspended the sharing of the communion cup until further notice."
)


@pytest.mark.parametrize(
    ("header", "skipped"),
    [
        (TABLOID_HEADER, 6),
        ("By . Ray Marsh, Transport Editor . PUBLISHED: . 19:31 EST, 19 September 2013 . ", 4),
        ("By . Wire Staff . Last updated at 4:14 PM on 19th April 2015 . ", 3),
        ("By Jane Holt . ", 1),
        ("Published: 12 March 2025. ", 1),
        ("Posted on 3 May 2014 at 10:05 EDT . ", 1),
        ("10.30 GMT. ", 1),
    ],
)
def test_the_header_in_several_house_styles_is_skipped(header: str, skipped: int) -> None:
    sentences = split_sentences(header + BODY)
    assert leading_furniture(sentences) == skipped
    assert sentences[skipped].startswith("A bishop in Halbury")


@pytest.mark.parametrize(
    "opening",
    [
        "By the end of the year, prices had risen by a third.",
        "Updated figures show growth slowed in March.",
        "Posted guards stood outside the embassy all night.",
        "WASHINGTON (Wire) - The Senate passed the bill on Tuesday.",
        "Associated Press reporters were turned away at the border.",
    ],
)
def test_a_real_first_sentence_that_looks_like_furniture_is_kept(opening: str) -> None:
    sentences = split_sentences(opening + " " + BODY)
    assert leading_furniture(sentences) == 0
    assert not is_boilerplate(sentences[0])


def test_time_stamps_and_separators_are_furniture_anywhere() -> None:
    assert is_boilerplate("14:11 EST, 25 October 2013 . | .")
    assert is_boilerplate("UPDATED: .")
    assert is_boilerplate("| .")
    assert not is_boilerplate("The vote was held at 14:11 on 25 October 2013.")


@pytest.mark.slow
def test_the_summary_of_a_raw_page_is_the_summary_of_its_story(embedder) -> None:
    clean = summarize_article(BODY, 3, embedder=embedder)
    raw = summarize_article(TABLOID_HEADER + BODY, 3, embedder=embedder)
    assert raw == clean  # what the user reads is the same three sentences
    assert not any("PUBLISHED" in s or s.startswith("By") for s in raw)


@pytest.mark.slow
def test_rank_sentences_counts_indices_in_the_raw_page(embedder) -> None:
    raw = split_sentences(TABLOID_HEADER + BODY)
    clean = split_sentences(BODY)
    picked_raw = rank_sentences(raw, embedder.encode(raw), 3)
    picked_clean = rank_sentences(clean, embedder.encode(clean), 3)
    assert [raw[i] for i in picked_raw] == [clean[i] for i in picked_clean]


@pytest.mark.slow
def test_key_points_never_quote_the_header_and_count_positions_from_the_story(
    embedder,
) -> None:
    article = one_article(
        TABLOID_HEADER + BODY,
        headline="Bishop's infection prompts hepatitis A warning",
        outlet="Halbury Post",
    )
    found = keypoints.candidates([article])
    assert found[0].text.startswith("A bishop in Halbury")
    assert found[0].index == 0
    points = keypoints.select([article], embedder.encode, limit=4).points
    assert points
    assert not any(
        "PUBLISHED" in p.text or "EST" in p.text or p.text.startswith("By") for p in points
    )


TABLOID_WITH_CAPTIONS = (
    "A guard at Halbury Castle slipped on a drain cover in front of hundreds of tourists"
    " as he took up his post on Thursday afternoon."
    " The young soldier lost his footing and slid sideways, knocking his bearskin against"
    " the sentry box and dropping his rifle on the gravel."
    " The guard slipped on a drain cover during the Changing of the Guard at Halbury Castle ."
    " Tourist Ellen Park filmed the fall from behind the railings ."
    " He scrambled to his feet as his colleagues marched past as if nothing had happened."
    " Ellen Park, 44, from Dunmore, said she had been filming the ceremony for her"
    " grandchildren when the guard fell."
    " The castle said the drain cover would be replaced before the next ceremony."
    " Ceremonies at the castle draw about 3,000 visitors a day in the summer months."
)


def test_a_caption_is_a_sentence_with_a_detached_full_stop_and_no_quote() -> None:
    assert is_caption("Tourist Ellen Park filmed the fall from behind the railings .")
    assert not is_caption("Tourist Ellen Park filmed the fall from behind the railings.")
    assert not is_caption('"No end is in sight," said Carla Fritz, a strategist at Halbank .')


@pytest.mark.slow
def test_captions_are_not_the_lede_nor_a_point(embedder) -> None:
    sentences = split_sentences(TABLOID_WITH_CAPTIONS)
    prose = [s for s in sentences if not s.endswith(" .")]
    assert len(prose) == len(sentences) - 2
    picked = rank_sentences(sentences, embedder.encode(sentences), 3)
    alone = rank_sentences(prose, embedder.encode(prose), 3)
    assert [sentences[i] for i in picked] == [prose[i] for i in alone]  # read as prose
    summary = summarize_article(TABLOID_WITH_CAPTIONS, 3, embedder=embedder)
    assert not any(s.endswith(" .") for s in summary)
    assert summary[0].startswith("A guard at Halbury Castle")
    article = one_article(
        TABLOID_WITH_CAPTIONS,
        headline="Castle guard slips in front of tourists",
        outlet="Halbury Post",
    )
    points = keypoints.select([article], embedder.encode, limit=4).points
    assert points
    assert not any(p.text.endswith(" .") for p in points)


@pytest.mark.slow
def test_a_raw_page_without_a_title_is_headed_from_its_story_not_its_header(embedder) -> None:
    article = one_article(TABLOID_HEADER + BODY, headline=None, outlet="Halbury Post")
    headline = keypoints.select([article], embedder.encode, limit=4).headline
    assert headline
    assert len(headline) <= 90
    assert not any(part in headline for part in ("By", "PUBLISHED", "EST", "|"))
