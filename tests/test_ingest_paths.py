"""Targeted ingestion: ``ingest_corpus(..., paths=[...])`` looks only at the files named.

What the file watcher saw change is handled exactly as the full scan would handle it;
the rest of the folder, changed or not, waits for the next full scan.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path

import pytest
from ingest_support import LEDGER_STORY, NOW, Corpus, article_text, write

from bot.scheduler import CorpusWatch
from summarizer.ingest import IngestReport, ingest_corpus
from summarizer.store.articles import ArticleRow, PendingFileRow

FERRY_STORY = article_text(
    "Island ferry timetable cut for the winter",
    "The island ferry will sail twice a day instead of four times from November, the "
    "operator said on Tuesday.",
    "Residents said the change would make hospital appointments on the mainland harder to reach.",
)
LIBRARY_STORY = article_text(
    "Town library extends its evening hours",
    "The central library will stay open until nine on weekdays from next month, the council "
    "announced after a survey of readers.",
    "Volunteers will staff the extra hours for the first half of the year.",
)


@pytest.fixture
def corpus(tmp_path: Path, database_url: str):
    corpus = Corpus(tmp_path, database_url)
    yield corpus
    corpus.close()


def targeted(corpus: Corpus, *paths: Path | str) -> IngestReport:
    return ingest_corpus(corpus.store, corpus.folder, corpus.config, clock=lambda: NOW, paths=paths)


def test_a_new_file_is_ingested_and_the_others_are_not_looked_at(corpus: Corpus) -> None:
    write(corpus.folder, "old.txt", LEDGER_STORY)
    corpus.ingest()
    new = write(corpus.folder, "sub/ferry.txt", FERRY_STORY)
    report = targeted(corpus, new)
    assert [e.path for e in report.ingested] == ["sub/ferry.txt"]
    assert report.scanned == 1 and report.unchanged == 0
    assert sorted(a.headline for a in corpus.articles()) == [
        "Harbour crane operators vote to accept new rota",
        "Island ferry timetable cut for the winter",
    ]
    # The full scan afterwards finds nothing left to do.
    assert not corpus.ingest().changed


def test_a_changed_file_becomes_a_new_version(corpus: Corpus) -> None:
    path = write(corpus.folder, "story.txt", LEDGER_STORY)
    corpus.ingest()
    write(corpus.folder, "story.txt", LEDGER_STORY.replace("first Monday", "second Monday"), age=30)
    report = targeted(corpus, path)
    assert [(e.path, e.version) for e in report.updated] == [("story.txt", 2)]
    (article,) = corpus.articles()
    assert "second Monday" in article.text


def test_a_vanished_file_or_folder_is_marked_deleted(corpus: Corpus) -> None:
    single = write(corpus.folder, "single.txt", LEDGER_STORY)
    write(corpus.folder, "gone/ferry.txt", FERRY_STORY)
    write(corpus.folder, "kept.txt", LIBRARY_STORY)
    corpus.ingest()
    single.unlink()
    assert [e.path for e in targeted(corpus, single).deleted] == ["single.txt"]
    (corpus.folder / "gone" / "ferry.txt").unlink()
    (corpus.folder / "gone").rmdir()
    assert [e.path for e in targeted(corpus, corpus.folder / "gone").deleted] == ["gone/ferry.txt"]
    deleted = {row.path.rsplit("/", 1)[-1]: row.deleted_at for row in corpus.rows(ArticleRow)}
    assert deleted["kept.txt"] is None and deleted["ferry.txt"] is not None


def test_a_path_outside_the_corpus_is_ignored_with_a_log_line(
    corpus: Corpus, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    outside = write(tmp_path, "elsewhere/ferry.txt", FERRY_STORY)
    with caplog.at_level(logging.INFO, logger="summarizer.ingest.pipeline"):
        report = targeted(corpus, outside, corpus.folder / ".." / "elsewhere" / "ferry.txt")
    assert report.scanned == 0 and not report.changed and corpus.articles() == []
    # What the operator reads in the log: the corpus folder and the path left alone.
    assert f"ignored: {outside}" in caplog.text and str(corpus.folder) in caplog.text


def test_a_half_written_file_waits_like_in_the_full_scan(corpus: Corpus) -> None:
    part = write(corpus.folder, "ferry.txt.part", FERRY_STORY[:40])
    young = write(corpus.folder, "library.txt", LIBRARY_STORY, age=0.5)
    report = targeted(corpus, part, young)
    assert sorted(p.path for p in report.pending) == ["ferry.txt.part", "library.txt"]
    assert "still being written" in report.pending[0].reason
    assert "waiting until it has not changed" in report.pending[1].reason
    assert len(corpus.rows(PendingFileRow)) == 2
    # Renamed once complete: the watcher reports both names; the article is read, the
    # temporary name's record dropped.
    done = write(corpus.folder, "ferry.txt", FERRY_STORY)
    part.unlink()
    report = targeted(corpus, part, done)
    assert [e.path for e in report.ingested] == ["ferry.txt"]
    assert [r.path for r in corpus.rows(PendingFileRow)] == [str(young.resolve())]


def test_other_changed_files_are_left_for_the_full_scan(corpus: Corpus) -> None:
    a = write(corpus.folder, "a.txt", LEDGER_STORY)
    b = write(corpus.folder, "b.txt", FERRY_STORY)
    corpus.ingest()
    write(corpus.folder, "a.txt", LEDGER_STORY.replace("first Monday", "second Monday"), age=30)
    b.unlink()
    write(corpus.folder, "c.txt", LIBRARY_STORY)
    report = targeted(corpus, corpus.folder / "c.txt")
    assert report.counts()["ingested"] == 1 and not report.updated and not report.deleted
    by_path = {Path(row.path).name: row for row in corpus.rows(ArticleRow)}
    assert by_path["a.txt"].version == 1 and by_path["b.txt"].deleted_at is None
    full = corpus.ingest()
    assert [e.path for e in full.updated] == [a.name] and [e.path for e in full.deleted] == [
        "b.txt"
    ]


def test_a_duplicate_of_a_deleted_article_is_read_afresh(corpus: Corpus) -> None:
    original = write(corpus.folder, "a.txt", LEDGER_STORY)
    write(corpus.folder, "copy/a.txt", LEDGER_STORY)
    first = corpus.ingest()
    assert [d.path for d in first.duplicates] == ["copy/a.txt"]
    original.unlink()
    report = targeted(corpus, original)
    assert [e.path for e in report.deleted] == ["a.txt"]
    assert [e.path for e in report.ingested] == ["copy/a.txt"]  # as the full scan would


async def test_the_watch_passes_changed_paths_and_queues_those_seen_during_a_run(
    tmp_path: Path,
) -> None:
    release = threading.Event()
    calls: list[list[Path] | None] = []

    class Service:
        def refresh(self, corpus_dir: Path, paths: list[Path] | None = None) -> None:
            calls.append(paths)
            if len(calls) == 1:
                release.wait(5)

    async def nothing() -> None:
        return None

    watch = CorpusWatch(Service(), tmp_path, after=nothing)
    first = asyncio.create_task(watch.refresh([tmp_path / "a.txt"]))
    while not calls:
        await asyncio.sleep(0)
    await watch.refresh([tmp_path / "b.txt"])  # a run is going on: queued
    await watch.refresh()  # the interval's full scan while busy: skipped, as before
    release.set()
    await first
    assert calls == [[tmp_path / "a.txt"], [tmp_path / "b.txt"]]
    await watch.refresh()
    assert calls[-1] is None and watch.runs == 3


def test_relative_paths_count_from_the_corpus_and_links_to_folders_are_not_followed(
    corpus: Corpus,
) -> None:
    write(corpus.folder, "real/ferry.txt", FERRY_STORY)
    (corpus.folder / "alias").symlink_to(corpus.folder / "real", target_is_directory=True)
    report = targeted(corpus, "real/ferry.txt", corpus.folder / "alias" / "ferry.txt")
    # As in the full scan: the file is read once, where it really is.
    assert [e.path for e in report.ingested] == ["real/ferry.txt"] and report.scanned == 1
    assert not corpus.ingest().changed
