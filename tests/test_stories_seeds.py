"""The five seed articles through the real pipeline: ingest, embed, cluster."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from summarizer.clock import utcnow
from summarizer.config import PipelineConfig
from summarizer.embeddings import load_embedder
from summarizer.ingest import ingest_corpus
from summarizer.store import Store
from summarizer.store.articles import load_articles
from summarizer.stories import list_stories, update_stories

pytestmark = pytest.mark.slow
SAME_CALL = ("000", "001", "003", "004")
"""The four reports on the planned Trump–Putin call; 002 is a later event."""
PUBLISHED = {"000": (3, 17), "001": (3, 16), "002": (4, 22), "003": (3, 16), "004": (3, 14)}
"""Each seed's publication date (month, day of 2025), from its own text; a scraper drops each
file when it is published, so they are the files' times."""


@pytest.fixture
def seed_stories(seeds_dir: Path, tmp_path: Path) -> dict[str, int]:
    """Seed file prefix ("000") → the id of the story it landed in."""
    tmp = tmp_path
    corpus = tmp / "corpus"
    shutil.copytree(seeds_dir, corpus)
    for path in corpus.iterdir():
        month, day = PUBLISHED[path.name[:3]]
        stamp = datetime(2025, month, day, 12, tzinfo=UTC).timestamp()
        os.utime(path, (stamp, stamp))
    config = PipelineConfig(corpus_dir=corpus, stable_seconds=0.0)
    store = Store(f"sqlite:///{tmp / 'seeds.db'}")
    clock = lambda: utcnow() + timedelta(minutes=5)  # noqa: E731  (the copies count as stable)
    ingest_corpus(store, corpus, config, clock=clock)
    update_stories(store, config, clock=clock, embedder=load_embedder(threads=2))
    with store.session() as session:
        prefix = {a.id: Path(a.path).name[:3] for a in load_articles(session)}
        found = {prefix[i]: s.id for s in list_stories(session) for i in s.article_ids}
    store.close()
    return found


def test_the_four_reports_of_the_planned_call_are_one_story(seed_stories: dict[str, int]) -> None:
    assert len({seed_stories[name] for name in SAME_CALL}) == 1


def test_the_april_strikes_piece_is_a_story_of_its_own(seed_stories: dict[str, int]) -> None:
    """With the seeds' own publication dates as file times (the accepted criterion): the
    March call and the April strikes are two stories."""
    assert seed_stories["002"] != seed_stories["000"]
    assert len(set(seed_stories.values())) == 2
