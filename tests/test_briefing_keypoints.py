"""Key points across a story's articles, with the packaged embedder (loaded once)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from summarizer.briefing.keypoints import candidates, select
from summarizer.briefing.models import Briefing, Digest, KeyPoint
from summarizer.models import Article
from tests.briefing_fixtures import harbour_articles

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def encode():
    from summarizer.embeddings import load_embedder

    embedder = load_embedder()
    return lambda texts: embedder.encode(list(texts))


def test_candidates_leave_out_boilerplate_and_dangling_openings() -> None:
    texts = [c.text for c in candidates(harbour_articles())]
    assert not any("newsletter" in t or t.startswith(("He said", "But", "However")) for t in texts)
    assert "Engineers expect repairs to take at least three weeks." in texts


def test_one_fact_told_by_three_outlets_gives_one_point(encode) -> None:
    articles = harbour_articles()
    selection = select(articles, encode)
    bridge = [p for p in selection.points if "cable" in p.text]
    assert len(bridge) == 1, [p.text for p in selection.points]
    assert len(bridge[0].also) == 2  # the two other outlets said it too
    assert 2 <= len(selection.points) <= 4


def test_a_fact_only_one_outlet_has_still_appears_cited_to_it(encode) -> None:
    selection = select(harbour_articles(), encode)
    by_text = {p.text: p for p in selection.points}
    unique = [t for t in by_text if "ferry" in t.lower() or "Varga" in t or "three weeks" in t]
    assert unique, list(by_text)
    for text in unique:
        point = by_text[text]
        article = next(a for a in harbour_articles() if a.id == point.article_id)
        assert text in article.text and point.outlet == article.outlet


def test_points_are_verbatim_and_headline_is_an_article_headline(encode) -> None:
    articles = harbour_articles()
    selection = select(articles, encode)
    assert selection.headline in {a.headline for a in articles}
    for point in selection.points:
        assert any(point.text in a.text for a in articles)


def test_without_headlines_the_most_central_sentence_leads_and_is_not_repeated(encode) -> None:
    articles = [a.__class__(**{**a.__dict__, "headline": None}) for a in harbour_articles()]
    selection = select(articles, encode)
    assert "Calder harbour bridge" in selection.headline
    assert selection.headline not in [p.text for p in selection.points]
    assert all("cable" not in p.text for p in selection.points)  # the same fact, said once


def test_text_and_json_renderings() -> None:
    point = KeyPoint("The bridge closed on Tuesday.", "Coastal Courier", 2, ("Northwind Daily",))
    briefing = Briefing(
        id=7,
        headline="Storm shuts Calder bridge",
        points=[point],
        outlets=["Coastal Courier", "Northwind Daily"],
        articles=[1, 2],
        people=["Ilse Varga"],
        rank=1,
        updated=True,
    )
    document = briefing.to_json()
    assert document["points"] == [
        {
            "text": "The bridge closed on Tuesday.",
            "outlet": "Coastal Courier",
            "article": 2,
            "also": ["Northwind Daily"],
        }
    ]
    assert {"id", "headline", "outlets", "articles", "people", "rank", "updated"} <= set(document)
    text = briefing.to_text()
    assert "1. Storm shuts Calder bridge [updated]" in text
    assert "- The bridge closed on Tuesday. (Coastal Courier, +1 more)" in text
    from datetime import UTC, datetime

    digest = Digest(generated_at=datetime(2026, 3, 4, tzinfo=UTC), since=None, stories=[briefing])
    assert digest.to_json()["stories"][0]["id"] == 7
    assert digest.to_json()["generated_at"].startswith("2026-03-04")
    assert Digest(datetime(2026, 3, 4, tzinfo=UTC), None, [], topic="rail").to_text() == (
        "No stories about 'rail'."
    )


def test_a_story_without_standalone_sentences_still_gets_readable_points(encode) -> None:
    article = harbour_articles()[0]
    short = article.__class__(
        **{**article.__dict__, "text": "He said the bridge will reopen soon.\n\nBut not yet."}
    )
    selection = select([short], encode)
    assert [p.text for p in selection.points] == ["He said the bridge will reopen soon."]
    assert selection.headline == article.headline


def test_a_story_larger_than_the_support_pool_gives_the_same_points(encode, monkeypatch) -> None:
    """Past SUPPORT_POOL candidates only the best-placed get support counted: the points of
    a small story, where the pool is cut to a few candidates, stay the same."""
    from summarizer.briefing import keypoints

    articles = harbour_articles()
    exact = select(articles, encode)
    monkeypatch.setattr(keypoints, "SUPPORT_POOL", 3)
    monkeypatch.setattr(keypoints, "SUPPORT_BLOCK", 2)  # two blocks of similarities
    pooled = select(articles, encode)
    assert pooled == exact


FILLERS = [
    "Union leaders met managers at the works canteen on Tuesday afternoon.",
    "The town's football club has worn the steelworks badge on its shirts since 1950.",
    "Local schools will hold careers fairs for pupils whose parents work at the plant.",
    "A bus company said it would keep its early routes to the gates until the summer.",
    "The regional council plans a retraining centre in the old railway goods shed.",
    "Shops on the high street reported fewer customers over the winter months.",
    "Steel prices in Europe have fallen for three years in a row, traders said.",
    "Several workers said they had been at the plant for more than thirty years.",
    "A local choir made up of steelworkers will give a farewell concert in May.",
    "The site's owners said they would look for a buyer for the land next year.",
    "Environmental groups want the land cleaned before any new homes are built.",
]
DETAIL = {
    "Vale Gazette": "The plant's blast furnace was built in 1962 by a Swedish engineering firm.",
    "Northern Wire": "The plant's blast furnace was built in 1962 by a Swedish steel company.",
    "Coast Herald": "The blast furnace at the plant was built in 1962 by a Swedish firm.",
}
LEDE = {
    "Vale Gazette": "The Norvale steelworks will close in June with the loss of 1,200 jobs.",
    "Northern Wire": "Norvale's steelworks is to shut in June, ending 1,200 jobs at the plant.",
    "Coast Herald": "Councillors in Norvale met on Monday to discuss the town centre.",
}


def test_a_fact_in_several_ledes_outranks_a_detail_deep_in_every_article(encode) -> None:
    """Two outlets open with the closure; all three mention the furnace's age in their
    twelfth paragraph: the closure is the first point, and the furnace, if shown at all,
    comes after it."""
    articles = [
        Article(
            id=n,
            path=f"steel/{n}.txt",
            headline="What next for Norvale?",
            outlet=outlet,
            url=None,
            published=datetime(2026, 3, 3, 8 + n, tzinfo=UTC),
            language="en",
            text="\n\n".join([LEDE[outlet], *FILLERS[n:], *FILLERS[:n], DETAIL[outlet]]),
            content_hash=f"steel{n}",
            version=1,
        )
        for n, outlet in enumerate(LEDE)
    ]
    selection = select(articles, encode, limit=4)
    ranked = [p.text for p in selection.points]
    closure = next(i for i, text in enumerate(ranked) if "1,200 jobs" in text)
    furnace = next((i for i, text in enumerate(ranked) if "1962" in text), len(ranked))
    assert closure == 0 and closure < furnace, ranked
    assert len(selection.points[0].also) == 1  # the other lede said it too
