"""Operations audit, corpus side: odd file names, unreadable folders, clocks in the future.

Each test says what the operator sees in the ingest report; nothing stored is lost.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from pathlib import Path

import pytest
from ingest_support import LEDGER_STORY, NOW, Corpus, article_text, write

from summarizer.ingest import ingest_corpus
from summarizer.store.articles import PendingFileRow, RejectRow

TRAM_STORY = article_text(
    "Council backs the eastern tram line",
    "The council approved the eastern tram line on Monday after a long debate about its cost "
    "and the route through the old market.",
)


@pytest.fixture
def corpus(tmp_path: Path, database_url: str):
    corpus = Corpus(tmp_path, database_url)
    yield corpus
    corpus.close()


def test_a_file_name_that_is_not_utf8_is_rejected_and_the_rest_is_ingested(
    corpus: Corpus,
) -> None:
    """Before: one such name stopped the whole run with a UnicodeEncodeError."""
    write(corpus.folder, "tram.txt", TRAM_STORY)
    odd = os.fsdecode(bytes(corpus.folder) + b"/ledger-\xff.txt")
    write(corpus.folder, odd, LEDGER_STORY)

    report = corpus.ingest()

    assert [event.path for event in report.ingested] == ["tram.txt"]
    assert [(p.path, p.reason) for p in report.rejected] == [
        ("ledger-\\xff.txt", "the file name is not valid UTF-8: rename the file to have it read")
    ]
    again = corpus.ingest()  # the next run knows it: nothing to say, nothing re-read
    assert again.rejected == [] and again.unchanged == 2


def test_a_file_name_with_a_newline_is_read(corpus: Corpus) -> None:
    write(corpus.folder, "tram\nline.txt", TRAM_STORY)

    report = corpus.ingest()

    assert [event.path for event in report.ingested] == ["tram\nline.txt"]


def test_an_unreadable_folder_keeps_its_articles(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: every article under a folder that could not be listed was marked deleted."""
    write(corpus.folder, "city/tram.txt", TRAM_STORY)
    write(corpus.folder, "city/.half.txt.part", "still being written")
    assert len(corpus.ingest().ingested) == 1
    city = str(corpus.folder.resolve() / "city")
    listing = os.scandir

    def denied(path: object) -> object:
        if str(path) == city:
            raise PermissionError(13, "Permission denied")
        return listing(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", denied)
    report = corpus.ingest()

    assert report.deleted == []
    assert [(p.path, p.reason) for p in report.rejected] == [
        ("city", "cannot read the folder: permission denied; its files are kept as they were")
    ]
    assert [a.path for a in corpus.articles()] == [city + "/tram.txt"]
    assert [row.path for row in corpus.rows(PendingFileRow)] == [city + "/.half.txt.part"]

    monkeypatch.setattr(os, "scandir", listing)
    healed = corpus.ingest()  # readable again: the folder's reject goes, its article stays
    assert healed.deleted == [] and healed.rejected == []
    assert [row.path for row in corpus.rows(RejectRow)] == []


def test_a_file_dated_in_the_future_is_read_once_it_stays_unchanged(corpus: Corpus) -> None:
    """Before: a file whose mtime lay ahead of the clock (clock skew) waited forever."""
    write(corpus.folder, "tram.txt", TRAM_STORY, age=-3600)

    first = corpus.ingest()
    assert first.ingested == []
    assert [p.reason for p in first.pending] == [
        "modification time 3600 s in the future (clock skew?): read once it has not changed for 2 s"
    ]
    soon = corpus.ingest(NOW + timedelta(seconds=1))
    assert soon.ingested == [] and len(soon.pending) == 1

    later = corpus.ingest(NOW + timedelta(seconds=3))
    assert [event.path for event in later.ingested] == ["tram.txt"]
    assert later.pending == []
    assert corpus.ingest(NOW + timedelta(seconds=4)).unchanged == 1


def test_a_future_file_that_changes_waits_again(corpus: Corpus) -> None:
    path = write(corpus.folder, "tram.txt", TRAM_STORY, age=-3600)
    corpus.ingest()
    write(corpus.folder, "tram.txt", TRAM_STORY + "\nMore.\n", age=-3500)

    report = corpus.ingest(NOW + timedelta(seconds=3))

    assert report.ingested == [] and [p.path for p in report.pending] == [path.name]


def test_a_targeted_run_keeps_a_bad_name_out_too(corpus: Corpus) -> None:
    odd = os.fsdecode(bytes(corpus.folder) + b"/x-\xfe.md")
    write(corpus.folder, odd, TRAM_STORY)

    report = ingest_corpus(
        corpus.store, corpus.folder, corpus.config, clock=lambda: NOW, paths=[odd]
    )

    assert [p.path for p in report.rejected] == ["x-\\xfe.md"]


def test_the_ingest_summary_keeps_an_odd_name_on_one_line(corpus: Corpus) -> None:
    from bot.cli.corpus import summary

    write(corpus.folder, "tram\nline.txt", TRAM_STORY)

    text = summary(corpus.ingest())

    assert "  + [1] tram\\nline.txt: Council backs the eastern tram line — unknown outlet" in text


def test_a_file_truncated_after_being_read_keeps_its_article(corpus: Corpus) -> None:
    """The article stays as stored (not deleted, not emptied); the file is reported."""
    path = write(corpus.folder, "tram.txt", TRAM_STORY)
    corpus.ingest()
    write(corpus.folder, "tram.txt", b"", age=30)

    report = corpus.ingest()

    assert [(p.path, p.reason) for p in report.rejected] == [("tram.txt", "empty file")]
    assert report.deleted == [] and [a.text[:7] for a in corpus.articles()] == ["The cou"]
    write(corpus.folder, "tram.txt", TRAM_STORY + "\nA second paragraph, added later.\n", age=20)
    again = corpus.ingest()
    assert [(e.path, e.version) for e in again.updated] == [(path.name, 2)]
    assert corpus.rows(RejectRow) == []


def test_an_empty_folder_does_not_delete_every_article(
    tmp_path: Path, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Before: a corpus on a volume that was not mounted marked every article deleted, so
    the next digests were empty until the files came back."""
    corpus = Corpus(tmp_path, database_url)
    for number in range(12):
        write(corpus.folder, f"story-{number:02d}.txt", _distinct_story(number))
    assert len(corpus.ingest().ingested) == 12
    for path in corpus.folder.iterdir():
        path.unlink()
    with caplog.at_level(logging.WARNING):
        report = corpus.ingest(NOW + timedelta(minutes=5))
    assert report.deleted == [] and len(corpus.articles()) == 12
    assert report.notices == [
        "the corpus folder is empty, but 12 stored articles have files there: an unmounted "
        "volume or a sync in progress? Nothing was marked deleted; once files are back the next "
        "scan goes on. To retire them all, leave at least one file in the folder"
    ]
    assert "the corpus folder is empty, but 12 stored articles" in caplog.text
    write(corpus.folder, "story-00.txt", _distinct_story(0))
    kept_one = corpus.ingest(NOW + timedelta(minutes=10))
    assert len(kept_one.deleted) == 11 and kept_one.notices == []  # deleting on purpose works
    corpus.close()


_PLACES = [
    "Elwin",
    "Ashby",
    "Corran",
    "Dunmore",
    "Fenwick",
    "Garron",
    "Halstow",
    "Ivel",
    "Jarrow",
    "Kelso",
    "Lorne",
    "Marden",
]


def _distinct_story(number: int) -> str:
    place = _PLACES[number]
    return article_text(
        f"{place} council opens new library",
        f"The town of {place} opened a library on its high street on day {number + 3} of the "
        f"festival, with {120 + 17 * number} new shelves and a reading room for {place} pupils.",
        f"Councillor {place.upper()[:3]} Baines said {number * 11 + 40} volunteers had helped "
        f"move the {900 + number * 37} books from the old building by the {place} river.",
    )
