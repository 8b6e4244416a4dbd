"""Helpers for the ingestion tests: a store, a fixed clock, files with a chosen age."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from summarizer.config import PipelineConfig
from summarizer.ingest import IngestReport, ingest_corpus
from summarizer.models import Article
from summarizer.store import Store
from summarizer.store.articles import load_articles

NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
"""The tests' clock (after any real file's mtime); files written here are a minute older."""


def clock() -> datetime:
    return NOW


def write(folder: Path, name: str, content: str | bytes, *, age: float = 60.0) -> Path:
    """Write a corpus file whose mtime lies ``age`` seconds before :data:`NOW`."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    stamp = NOW.timestamp() - age
    os.utime(path, (stamp, stamp), follow_symlinks=False)
    return path


def article_text(*sentences: str) -> str:
    """A headline line and one paragraph per sentence, like a scraped ``.txt``."""
    return "\n\n".join(sentences) + "\n"


class Corpus:
    """A corpus folder, a store, and one-call ingestion with the fixed clock."""

    def __init__(self, tmp_path: Path, database_url: str, **config: object) -> None:
        self.folder = tmp_path / "corpus"
        self.folder.mkdir()
        self.store = Store(database_url)
        self.config = PipelineConfig(database_url=database_url, **config)  # type: ignore[arg-type]

    def ingest(self, now: datetime = NOW) -> IngestReport:
        return ingest_corpus(self.store, self.folder, self.config, clock=lambda: now)

    def articles(self, *, include_updates: bool = True) -> list[Article]:
        with self.store.session() as session:
            return load_articles(session, include_updates=include_updates)

    def rows(self, table: type) -> list:
        with self.store.session() as session:
            return list(session.scalars(select(table)))

    def close(self) -> None:
        self.store.close()


LEDGER_STORY = article_text(
    "Harbour crane operators vote to accept new rota",
    "Crane operators at the northern terminal voted on Friday to accept a new shift rota after "
    "two months of talks with the port operator.",
    "The agreement adds a fourth crew to the night shift and ends compulsory weekend overtime, "
    "according to a copy of the deal seen by the paper.",
    "“It is not everything we wanted, but it is a fair start,” said shop steward Nadia Osei.",
    "The operator said the rota would take effect on the first Monday of next month.",
)
