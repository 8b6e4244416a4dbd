"""The shipped example corpus: nine clean articles, two events told by four outlets each."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from ingest_support import clock

from summarizer.config import PipelineConfig
from summarizer.ingest import ingest_corpus
from summarizer.models import Article
from summarizer.store import Store
from summarizer.store.articles import load_articles

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"

FURNITURE = [
    "ENERGY", "Published:", "Updated 19 November", "Photo:", "Image:", "Read more",
    "#EnergyCap", "independent newsroom owned by its readers", "Become a member", "©",
    "Share this article", "Related", "Why your heating bill doubled", "record 2.1 million",
    "serving the north shore", "Advertisement", "Sign up", "Follow us", "Subscribe",
    "Most read", "Storm warning", "Privacy policy", "– Meridian Wire", "By Rosa Quint",
]  # fmt: skip


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    url = f"sqlite:///{tmp_path_factory.mktemp('examples') / 'briefbot.db'}"
    store = Store(url)
    report = ingest_corpus(store, EXAMPLES, PipelineConfig(database_url=url), clock=clock)
    assert report.counts()["ingested"] == 9 and not report.rejected and not report.pending
    with store.session() as session:
        found = load_articles(session)
    store.close()
    return found


def test_every_example_has_headline_outlet_and_date(examples: list[Article]) -> None:
    assert all(a.headline and a.outlet and a.language == "en" for a in examples)
    assert Counter(a.outlet for a in examples) == {
        "The Harbour Ledger": 3,
        "Northbridge Gazette": 2,
        "Coastline Daily": 2,
        "Meridian Wire": 1,
        "The Evening Courier": 1,
    }
    assert all(a.published.year == 2026 and a.published.month == 11 for a in examples)


def test_two_events_are_each_told_by_four_outlets(examples: list[Article]) -> None:
    energy = {a.outlet for a in examples if "Lena Marsh" in a.text}
    strike = {a.outlet for a in examples if "Ana Ruiz" in a.text}
    assert len(energy) == 4 and len(strike) == 4


def test_example_furniture_is_removed_and_quotes_kept(examples: list[Article]) -> None:
    for article in examples:
        for phrase in FURNITURE:
            assert phrase not in article.text, f"{Path(article.path).name} has {phrase!r}"
    texts = "\n".join(a.text for a in examples)
    assert "Energy minister Lena Marsh announced the measure on Tuesday morning" in texts
    assert "“They will not accept another real-terms pay cut.”" in texts
    assert "Harbour Authority spokesman Elias Grant said" in texts
    assert "Mayor Helen Cho called the vote" in texts
