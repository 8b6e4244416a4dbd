"""``Briefbot.process()`` clusters and indexes what ingestion added, and says what it did."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from summarizer.config import PipelineConfig
from summarizer.people import who
from summarizer.service import Briefbot
from summarizer.store import Store
from tests.article_rows import add_article

pytestmark = pytest.mark.slow

NOW = datetime(2026, 5, 3, tzinfo=UTC)
TEXTS = {  # written for these tests
    "bridge": "Port Elden mayor Maria Lopez said on Friday that the harbour bridge would "
    "reopen in May. Lopez told residents the repairs were finished ahead of schedule.",
    "bank": "Greta Brandt, the chief economist of Nordbank, said inflation would ease this "
    "year. Brandt told clients in Geneva that interest rates had probably peaked.",
}


def add(store: Store, key: str, text: str) -> int:
    return add_article(
        store,
        path=f"{key}.txt",
        text=text,
        outlet=f"{key.title()} Gazette",
        published=datetime(2026, 5, 1, tzinfo=UTC),
    )


def test_process_reports_and_indexes_people_and_stories(database_url: str) -> None:
    bot = Briefbot(PipelineConfig(database_url=database_url), clock=lambda: NOW)
    for key, text in TEXTS.items():
        add(bot.store, key, text)
    done = bot.process()
    assert done.stories.articles == 2
    assert done.people.indexed == 2 and done.people.mentions > 0
    assert done.seconds >= done.stories_seconds > 0
    assert who(bot.store, "Brandt", now=NOW).name == "Greta Brandt"
    again = bot.process()  # nothing new: no NER, no clustering
    assert again.people.indexed == 0 and again.stories.articles == 0
    bot.close()
