"""The five seed articles ingest cleanly; the shared eval sets ingest with no crash or mojibake."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_support import clock

from summarizer.config import PipelineConfig
from summarizer.ingest import ingest_corpus
from summarizer.models import Article
from summarizer.store import Store
from summarizer.store.articles import load_articles

BOILERPLATE = [
    "A Message from The Moscow Times",
    "Support The Moscow Times",
    "Sign up for our free weekly newsletter",
    "Subscribers agree to the Privacy Policy",
    "Dear readers",
    "We are facing unprecedented challenges",
    "Not ready to support today?",
    "Remind me later",
    "Monthly",
    "paiment methods",
    "Read more",
    "#PutinTrump",
    "pub-260179357044294",
    ".jpeg?trim",
    "Optimized by Optimole",
    "Watch |",
    "Comment |",
    "Putin has given Trump a clear message",
    "Who is the real estate mogul",
    "Russian Foreign Ministry/TASS",
    "– France24",
    "Source: independent.co.uk",
]

KEPT = {
    "000": [
        "Kremlin spokesman Dmitry Peskov told reporters including AFP on Monday",
        "Russia has said it has moved several hundred civilians that were previously trapped "
        "in Kyiv-held areas.",
    ],
    "001": [
        "Trump's envoy for the conflict, Steve Witkoff, who met for several hours with Putin",
        "Ukraine said Sunday that one person was killed by a Russian drone strike",
    ],
    "002": ["Peskov told Interfax news agency."],
    "003": [
        "Russia’s deputy foreign minister Alexander Grushko has reiterated",
        "Reuters’ witnesses heard blasts in parts of the city",
        "Russia launches drone attack on Ukraine’s capital of Kyiv, mayor says",
        "“Part of these guarantees should be the neutral status of Ukraine, the refusal of "
        "NATO countries to accept it into the alliance.”",
    ],
    "004": [
        "Kremlin spokesman Dmitry Peskov told reporters.",
        "“Nevertheless, the president agrees with Trump’s position,” Peskov said.",
    ],
}


@pytest.fixture
def seed_articles(seeds_dir: Path, database_url: str) -> dict[str, Article]:
    store = Store(database_url)
    report = ingest_corpus(store, seeds_dir, PipelineConfig(database_url=database_url), clock=clock)
    assert report.counts()["ingested"] == 5 and not report.rejected
    with store.session() as session:
        found = load_articles(session)
    store.close()
    return {Path(article.path).name[:3]: article for article in found}


def test_five_seeds_become_five_attributed_articles(seed_articles: dict[str, Article]) -> None:
    outlets = {key: article.outlet for key, article in seed_articles.items()}
    assert outlets == {
        "000": "France24",
        "001": "The Moscow Times",
        "002": None,
        "003": "The Independent",
        "004": "The Moscow Times",
    }
    assert seed_articles["000"].headline is None
    assert seed_articles["001"].headline == "Trump, Putin to Discuss Ukraine This Week"
    assert seed_articles["002"].headline is None
    assert seed_articles["003"].headline.startswith("Ukraine-Russia struggle newest")
    assert seed_articles["004"].headline.startswith("Putin-Trump Meeting Dates to Be Discussed")
    assert all(article.language == "en" for article in seed_articles.values())


def test_seed_boilerplate_is_gone(seed_articles: dict[str, Article]) -> None:
    for key, article in seed_articles.items():
        for phrase in BOILERPLATE:
            assert phrase not in article.text, f"{key} still has {phrase!r}"


def test_seed_sentences_survive_verbatim(seed_articles: dict[str, Article]) -> None:
    for key, sentences in KEPT.items():
        for sentence in sentences:
            assert sentence in seed_articles[key].text, f"{key} lost {sentence!r}"
    # The whole France24 body survives: 20 paragraphs, only the sign-off trimmed.
    assert len(seed_articles["000"].paragraphs) == 20
    assert seed_articles["000"].text.endswith("trapped in Kyiv-held areas.")


def _no_mojibake(articles: list[Article]) -> None:
    for article in articles:
        for marker in ("â€", "Ã", "\ufffd", "\x00", "\r"):
            assert marker not in article.text, f"{article.path} has {marker!r}"


@pytest.mark.slow
def test_wikiref_cp1252_crlf_ingests_without_mojibake(eval_dir: Path, database_url: str) -> None:
    store = Store(database_url)
    report = ingest_corpus(
        store, eval_dir / "wikiref220", PipelineConfig(database_url=database_url), clock=clock
    )
    with store.session() as session:
        found = load_articles(session, include_updates=True)
    store.close()
    assert report.counts()["ingested"] == 220 and not report.rejected
    _no_mojibake(found)
    texts = " ".join(article.text for article in found)
    assert "’" in texts and "£" in texts  # cp1252 punctuation decoded, not dropped


@pytest.mark.slow
def test_bbc_articles_ingest_without_crash(eval_dir: Path, database_url: str) -> None:
    store = Store(database_url)
    report = ingest_corpus(
        store, eval_dir / "bbc" / "articles", PipelineConfig(database_url=database_url), clock=clock
    )
    with store.session() as session:
        found = load_articles(session, include_updates=True)
    store.close()
    counts = report.counts()
    files = len(list((eval_dir / "bbc" / "articles").rglob("*.txt")))
    assert report.scanned == files > 1000 and not report.rejected
    assert counts["ingested"] + counts["duplicates"] == files
    assert all(article.headline for article in found)
    _no_mojibake(found)
