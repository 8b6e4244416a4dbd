"""Hostile corpus files (issue #16): one bad file is rejected alone, with its reason; bad
metadata is dropped with a notice; a hidden temp file does not defeat the empty-folder guard.

Each test says what the operator reads in ``briefbot ingest`` (or the report behind it).
"""

from __future__ import annotations

import json
import logging
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from ingest_support import LEDGER_STORY, NOW, Corpus, article_text, write
from typer.testing import CliRunner

from bot.cli import app
from summarizer.ingest import pipeline

BODY = (
    "The regional water board said on Tuesday that reservoir levels had recovered after a wet "
    "autumn, and that the hosepipe ban would end at midnight."
)
"""One paragraph of a plain news story (each test file gets its own last sentence)."""


def _story(tag: str) -> str:
    return f"{BODY} Officials in {tag} welcomed the decision."


def _json(**fields: str) -> str:
    return json.dumps(fields)


MIN_DATE, MAX_DATE = "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-14:00"
""".NET's DateTime.MinValue lies one hour before year 1 in UTC (OverflowError before)."""

HOSTILE = {
    "min-date.json": _json(title="Hosepipe ban ends", text=_story("Arden"), published=MIN_DATE),
    "max-date.json": _json(title="Hosepipe ban lifted", text=_story("Brill"), published=MAX_DATE),
    "date-line.txt": article_text(
        "Reservoirs recover after wet autumn", f"Published: {MIN_DATE}", _story("Colne")
    ),
    "front-matter.md": f"---\ntitle: Water board ends ban\ndate: {MAX_DATE}\n---\n\n"
    + _story("Dunmore"),
    "bad-url.json": _json(title="Ban ends at midnight", text=_story("Eske"), url="http://[::1"),
    "long-number.json": '{"text": "' + _story("Fenn") + '", "views": ' + "9" * 5000 + "}",
    "deep.json": "[" * 100_000 + "]" * 100_000,
}


@pytest.fixture
def run(database_url: str, monkeypatch: pytest.MonkeyPatch):
    for name in ("BRIEFBOT_CONFIG", "BRIEFBOT_CORPUS_DIR", "BRIEFBOT_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)

    def invoke(*args: str):
        return CliRunner().invoke(app, ["--database-url", database_url, *args])

    return invoke


def test_hostile_files_are_rejected_alone_and_the_run_goes_on(run, tmp_path: Path) -> None:
    """Before: ``briefbot ingest`` exited 1 with ``OverflowError: date value out of range``
    (or ValueError, RecursionError) and stored no article at all."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "ledger.txt").write_text(LEDGER_STORY)
    for name, content in HOSTILE.items():
        (folder / name).write_text(content)
    hour_ago = time.time() - 3600
    for path in folder.iterdir():
        os.utime(path, (hour_ago, hour_ago))

    result = run("ingest", "--corpus", str(folder))

    assert result.exit_code == 0, result.output
    assert result.output.startswith("6 ingested, 0 updated, 0 duplicate, 2 rejected")
    lines = result.output.splitlines()
    for notice in (
        "  ! date-line.txt: publication date '0001-01-01T00:00:00+01:00' is out of range: ignored",
        "  ! front-matter.md: publication date '9999-12-31T23:59:59-14:00' is out of range: "
        "ignored",
        "  ! max-date.json: publication date '9999-12-31T23:59:59-14:00' is out of range: ignored",
        "  ! min-date.json: publication date '0001-01-01T00:00:00+01:00' is out of range: ignored",
        "  ! bad-url.json: URL 'http://[::1' is not valid (Invalid IPv6 URL): ignored",
        "  ! rejected deep.json: invalid JSON: nested too deeply",
        "  ! rejected long-number.json: invalid JSON: Exceeds the limit (4300 digits) for "
        "integer string conversion",
    ):
        assert notice in lines, result.output
    listing = json.loads(run("articles", "--json").output)
    by_headline = {document["headline"]: document for document in listing}
    assert by_headline["Hosepipe ban ends"]["published"].startswith(  # the file's time
        time.strftime("%Y-%m-%d", time.gmtime(hour_ago))
    )
    assert by_headline["Ban ends at midnight"]["url"] is None


def test_an_unforeseen_failure_rejects_that_file_with_its_reason(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    """Any exception in one file's reading (not only RejectFile) rejects that file alone;
    the log keeps the traceback. (Unit test: the real hostile files are tested above.)"""
    corpus = Corpus(tmp_path, database_url)
    write(corpus.folder, "ledger.txt", LEDGER_STORY)
    write(corpus.folder, "cursed.txt", article_text("Cursed", _story("Gaer")))
    real = pipeline.read_draft

    def read_draft(entry):  # type: ignore[no-untyped-def]
        if entry.location.endswith("cursed.txt"):
            raise KeyError("pubDate")
        return real(entry)

    monkeypatch.setattr(pipeline, "read_draft", read_draft)
    with caplog.at_level(logging.WARNING):
        report = corpus.ingest()
    assert [event.path for event in report.ingested] == ["ledger.txt"]
    assert [(p.path, p.reason) for p in report.rejected] == [
        ("cursed.txt", "could not be read: KeyError: 'pubDate'")
    ]
    assert "could not read" in caplog.text and "KeyError" in caplog.text
    corpus.close()


def test_a_title_that_is_not_text_is_ignored_with_a_notice(
    tmp_path: Path, database_url: str
) -> None:
    """Before: ``"title": 7`` became the headline "7"."""
    corpus = Corpus(tmp_path, database_url)
    write(corpus.folder, "seven.json", json.dumps({"title": 7, "text": _story("Hale")}))
    report = corpus.ingest()
    assert report.notices == ["seven.json: 'title' is a number, not text: ignored"]
    [article] = corpus.articles()
    assert article.headline != "7"
    corpus.close()


def test_json_escapes_for_a_nul_or_a_lone_surrogate_are_cleaned(
    tmp_path: Path, database_url: str
) -> None:
    """A lone surrogate or a NUL spelt as a JSON escape is not stored as such (SQLite cannot
    encode the one, PostgreSQL refuses the other); the article is."""
    corpus = Corpus(tmp_path, database_url)
    text = _story("Isel").replace("midnight", "midnight\\u0000 \\ud800")
    write(corpus.folder, "escapes.json", '{"title": "Ban \\udc00 ends", "text": "' + text + '"}')
    report = corpus.ingest()
    assert len(report.ingested) == 1 and report.rejected == []
    [article] = corpus.articles()
    assert article.headline == "Ban \ufffd ends" and "\x00" not in article.text
    corpus.close()


def test_a_hidden_temp_file_does_not_defeat_the_empty_folder_guard(
    tmp_path: Path, database_url: str
) -> None:
    """Before: a folder holding only ``.business_001.txt.Xa1b2`` (a sync tool's temp file)
    marked all 12 stored articles deleted, and every digest came empty."""
    corpus = Corpus(tmp_path, database_url)
    for number in range(12):
        write(corpus.folder, f"story-{number:02d}.txt", _story(f"Town {number:02d}"))
    assert len(corpus.ingest().ingested) == 12
    for path in corpus.folder.iterdir():
        path.unlink()
    write(corpus.folder, ".business_001.txt.Xa1b2", LEDGER_STORY)

    report = corpus.ingest(NOW + timedelta(minutes=5))

    assert report.deleted == [] and len(corpus.articles()) == 12
    assert report.notices == [
        "the corpus folder holds no article file (only 1 hidden, temporary or unreadable), but "
        "12 stored articles have files there: an unmounted volume or a sync in progress? "
        "Nothing was marked deleted; once files are back the next scan goes on. To retire them "
        "all, leave at least one article file (.txt, .md, .json, .html) in the folder"
    ]
    corpus.close()


@pytest.mark.slow
def test_the_bots_scan_reads_the_rest_of_the_folder(
    run, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Before: ``briefbot run`` logged "corpus refresh failed" at every full scan, so nothing
    that arrived while the bot was down was ever read."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "ledger.txt").write_text(LEDGER_STORY)
    for name in ("min-date.json", "deep.json", "bad-url.json"):
        (folder / name).write_text(HOSTILE[name])
    hour_ago = time.time() - 3600
    for path in folder.iterdir():
        os.utime(path, (hour_ago, hour_ago))
    with caplog.at_level(logging.INFO):
        result = run("run", "--once", "--corpus", str(folder))
    assert result.exit_code == 0, result.output
    assert "corpus refresh failed" not in caplog.text
    assert "min-date.json: publication date '0001-01-01T00:00:00+01:00' is out of range" in (
        caplog.text
    )
    stored = {document["headline"] for document in json.loads(run("articles", "--json").output)}
    assert stored == {
        "Harbour crane operators vote to accept new rota",
        "Hosepipe ban ends",
        "Ban ends at midnight",
    }


def test_a_file_swapped_for_a_link_after_the_scan_is_not_followed(tmp_path: Path) -> None:
    """The scan saw a plain file; by the read it is a link to a file outside the corpus (a
    race by whoever can write to the folder): the outside file is not read into an article."""
    from summarizer.ingest.document import read_draft
    from summarizer.ingest.errors import RejectFile
    from summarizer.ingest.scan import FileEntry

    secret = write(tmp_path, "outside.txt", LEDGER_STORY)
    folder = tmp_path / "corpus"
    folder.mkdir()
    swapped = folder / "story.txt"
    swapped.symlink_to(secret)
    info = secret.stat()
    entry = FileEntry(str(swapped), info.st_size, info.st_mtime, kind="txt")  # as scanned
    with pytest.raises(RejectFile, match="became a symbolic link after the scan: not followed"):
        read_draft(entry)
