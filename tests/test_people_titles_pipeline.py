"""End to end: a titled surname of another person does not reach /who through the real
pipeline (corpus folder → ingestion → ``Briefbot.process`` → SQLite → ``who``)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from summarizer.config import PipelineConfig
from summarizer.service import Briefbot

pytestmark = pytest.mark.slow

NOW = datetime(2026, 6, 3, tzinfo=UTC)
ARTICLES = {  # written for this test
    "library.json": (
        "Actress opens Kelby library",
        "Nora Vale, the actress, opened the new library in Kelby on Monday.\n\n"
        "Mrs Vale told the crowd that reading had changed her life as a child.\n\n"
        "President Vale said he would visit the town again in the spring.\n\n"
        "Mr Vale, who leads the country, sent a letter of thanks to the librarians.",
    ),
    "theatre.json": (
        "Kelby theatre reopens",
        "The Kelby theatre reopened on Tuesday after a long repair of its roof.\n\n"
        "Nora Vale, the actress, read the first lines of the new play to a full house.",
    ),
}


def test_who_does_not_give_the_actress_the_president_s_title(tmp_path: Path) -> None:
    # Before: /who Nora Vale listed "Roles: actress (Kelby Courier); President (Kelby
    # Courier)", the President's role taken from "President Vale said he would visit …" (a
    # man), and counted that sentence and "Mr Vale, who leads the country, …" as hers.
    # Now: only "actress", and nothing about the president.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for day, (name, (title, body)) in enumerate(ARTICLES.items(), start=1):
        record = {
            "title": title,
            "source": "Kelby Courier",
            "url": f"https://kelby-courier.example/{name}",
            "published": f"2026-06-0{day}T09:00:00Z",
            "body": body,
        }
        path = corpus / name
        path.write_text(json.dumps(record), encoding="utf-8")
        settled = NOW.timestamp() - 3600  # written an hour before the injected clock
        os.utime(path, (settled, settled))
    config = PipelineConfig(
        corpus_dir=corpus, database_url=f"sqlite:///{tmp_path / 'b.db'}", stable_seconds=0
    )
    service = Briefbot(config, clock=lambda: NOW)
    try:
        assert len(service.ingest().ingested) == 2
        service.process()
        answer = service.who("Nora Vale")
        assert (answer.status, answer.role) == ("found", "actress")
        assert {r.text for r in answer.roles} == {"actress"}
        assert not [f for f in answer.facts if "Vale said he" in f.text]
        assert "President" not in "\n".join(answer.lines())
    finally:
        service.close()
