"""Feed items with only a headline (and maybe a one-line summary) are stored and clustered."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from ingest_support import NOW, Corpus, write

from summarizer.config import PipelineConfig
from summarizer.embeddings import Embedder
from summarizer.stories import list_stories, update_stories


@pytest.fixture
def corpus(tmp_path: Path, database_url: str):
    corpus = Corpus(tmp_path, database_url, stable_seconds=5.0)
    yield corpus
    corpus.close()


def item(title: str, source: str, slug: str, hour: int, day: int = 30, **extra: str) -> str:
    published = datetime(2029, 12, day, hour, 5, tzinfo=UTC).isoformat()
    url = f"https://{source.lower().replace(' ', '')}.example/{slug}"
    return json.dumps(
        {"title": title, "source": source, "url": url, "published": published} | extra
    )


def test_a_headline_only_json_item_is_stored_with_its_outlet_url_and_date(
    corpus: Corpus,
) -> None:
    write(
        corpus.folder,
        "feed/ferry.json",
        item("Island ferry fares to rise 8% from April", "Harbour Gazette", "fares", 9),
    )
    report = corpus.ingest()
    assert report.rejected == [] and report.counts()["ingested"] == 1
    [article] = corpus.articles()
    assert article.headline == "Island ferry fares to rise 8% from April"
    assert article.text == "Island ferry fares to rise 8% from April"
    assert article.outlet == "Harbour Gazette"
    assert article.url == "https://harbourgazette.example/fares"
    assert article.published == datetime(2029, 12, 30, 9, 5, tzinfo=UTC)


def test_titles_that_would_look_like_furniture_in_a_page_are_news(corpus: Corpus) -> None:
    write(corpus.folder, "v.json", item("VIDEO: Tour bus catches fire on the M6", "Wire", "v", 9))
    write(corpus.folder, "s.json", item("Final day to sign up for flood cover", "Wire", "s", 9))
    write(corpus.folder, "d.json", item("Budget Day", "Wire", "d", 9))
    assert corpus.ingest().rejected == []
    assert sorted(a.headline for a in corpus.articles()) == [
        "Budget Day",
        "Final day to sign up for flood cover",
        "VIDEO: Tour bus catches fire on the M6",
    ]


def test_title_and_one_sentence_summary_keep_both(corpus: Corpus) -> None:
    summary = "The operator blamed fuel costs and said season tickets would be frozen."
    write(
        corpus.folder,
        "ferry.json",
        item("Ferry fares to rise", "Coast Wire", "f", 10, summary=summary),
    )
    write(
        corpus.folder,
        "unfinished.json",
        item("Ferry union calls strike vote", "Coast Wire", "s", 11, description="Ballot opens"),
    )
    corpus.ingest()
    found = {a.headline: a.text for a in corpus.articles()}
    assert found == {
        "Ferry fares to rise": summary,
        "Ferry union calls strike vote": "Ferry union calls strike vote",
    }


def test_text_and_markdown_items_that_are_one_headline_are_articles(corpus: Corpus) -> None:
    write(corpus.folder, "gas.txt", "SC gas prices tick up 1.6 cents per gallon\n")
    write(corpus.folder, "rates.md", "---\nsource: Bay Ledger\n---\n# Central bank holds rates\n")
    report = corpus.ingest()
    assert report.rejected == []
    assert sorted(a.headline for a in corpus.articles()) == [
        "Central bank holds rates",
        "SC gas prices tick up 1.6 cents per gallon",
    ]


def test_furniture_and_empty_titles_are_still_rejected(corpus: Corpus) -> None:
    write(corpus.folder, "chrome.txt", "Sign up for our newsletter\n\nRead more\n\n#news #today\n")
    write(corpus.folder, "tiny.json", '{"title": "Live", "url": "https://x.example/live"}')
    write(corpus.folder, "nothing.json", '{"url": "https://x.example/a"}')
    write(
        corpus.folder,
        "landing.html",
        "<html><head><title>Ferry fares to rise sharply</title></head><body></body></html>",
    )
    report = corpus.ingest()
    assert {p.path: p.reason for p in report.rejected} == {
        "chrome.txt": "no article text left after removing page boilerplate",
        "tiny.json": "the file holds no text",
        "nothing.json": "JSON article has no 'text', 'body', 'summary' or 'title' field",
        "landing.html": "no article text found in the HTML page",
    }


def test_a_recurring_title_days_apart_is_a_new_article_the_same_day_a_duplicate(
    corpus: Corpus,
) -> None:
    title = "Business news and markets: live"
    write(corpus.folder, "mon.json", item(title, "City Desk", "live", 8, day=23))
    write(corpus.folder, "thu.json", item(title, "City Desk", "live", 8, day=26))
    write(corpus.folder, "thu-again.json", item(title, "City Desk", "live", 9, day=26))
    report = corpus.ingest()
    assert sorted(a.published.day for a in corpus.articles()) == [23, 26]
    assert [d.path for d in report.duplicates] == ["thu.json"]  # files are read by name
    assert all(a.update_of is None for a in corpus.articles())


@pytest.mark.slow
def test_headlines_from_several_outlets_about_one_event_share_a_story(
    corpus: Corpus, embedder: Embedder
) -> None:
    feed = {
        "a.json": ("Chrysler recalls 780,000 minivans over faulty window switches", "Motor Desk"),
        "b.json": ("Chrysler minivan recall: window switch fault hits 780,000 vehicles", "Wire"),
        "c.json": ("Recall of 780,000 Chrysler minivans announced over window switches", "Ledger"),
        "d.json": ("Harvest festival draws record crowds to the valley", "Valley News"),
        "e.json": ("Record crowds flock to valley harvest festival", "County Post"),
    }
    for hour, (name, (title, source)) in enumerate(feed.items()):
        write(corpus.folder, name, item(title, source, name[0], hour))
    corpus.ingest()
    config = PipelineConfig(story_window_hours=96.0)
    update_stories(corpus.store, config, clock=lambda: NOW + timedelta(hours=1), embedder=embedder)
    with corpus.store.session() as session:
        sizes = sorted(len(story.article_ids) for story in list_stories(session))
    assert sizes == [2, 3]
