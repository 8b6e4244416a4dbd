"""Bad and unusual files: each is rejected or held back with a reason the user can act on."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from ingest_support import LEDGER_STORY, NOW, Corpus, write

from summarizer.store.articles import PendingFileRow, RejectRow


@pytest.fixture
def corpus(tmp_path: Path, database_url: str):
    corpus = Corpus(tmp_path, database_url, max_file_bytes=20_000, stable_seconds=5.0)
    yield corpus
    corpus.close()


def reasons(report) -> dict[str, str]:
    return {problem.path: problem.reason for problem in report.rejected}


def test_unsupported_and_binary_files_are_rejected_with_the_reason(corpus: Corpus) -> None:
    write(corpus.folder, "scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    write(corpus.folder, "notes", "no extension here")
    write(corpus.folder, "photo.txt", bytes(range(256)) * 8)
    write(corpus.folder, "story.txt", LEDGER_STORY)
    report = corpus.ingest()
    assert report.counts()["ingested"] == 1
    found = reasons(report)
    assert found["scan.pdf"] == (
        "unsupported file type '.pdf': Briefbot reads .txt, .md, .json and .html"
    )
    assert found["notes"].startswith("unsupported file type (no extension)")
    assert found["photo.txt"] == "binary content, not text (despite the .txt name)"
    assert {row.path.rsplit("/", 1)[1] for row in corpus.rows(RejectRow)} == set(found)


def test_oversized_file_is_rejected_with_the_limit(corpus: Corpus) -> None:
    write(corpus.folder, "huge.txt", "A sentence that repeats itself. " * 2_000)
    report = corpus.ingest()
    assert reasons(report) == {
        "huge.txt": "file too large: 64,000 bytes, over the 20,000 bytes limit (max_file_bytes)"
    }


def test_empty_and_boilerplate_only_files_are_rejected(corpus: Corpus) -> None:
    write(corpus.folder, "empty.txt", "  \n\n ")
    write(corpus.folder, "chrome.txt", "Sign up for our newsletter\n\nRead more\n\n#news #today\n")
    write(corpus.folder, "broken.json", '{"title": "Half a file", "text": ')
    write(corpus.folder, "notext.json", '{"url": "https://example.com/only-a-link"}')
    report = corpus.ingest()
    assert reasons(report) == {
        "empty.txt": "empty file",
        "chrome.txt": "no article text left after removing page boilerplate",
        "broken.json": "invalid JSON: Expecting value at line 1 column 34",
        "notext.json": "JSON article has no 'text', 'body', 'summary' or 'title' field",
    }
    assert corpus.articles() == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_rejected(corpus: Corpus) -> None:
    path = write(corpus.folder, "locked.txt", LEDGER_STORY)
    path.chmod(0)
    try:
        report = corpus.ingest()
    finally:
        path.chmod(0o644)
    assert reasons(report) == {"locked.txt": "cannot read the file: permission denied"}


def test_permission_error_on_read_is_rejected(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same outcome when running as root: the read itself raises PermissionError."""
    import summarizer.ingest.document as document

    path = write(corpus.folder, "locked.txt", LEDGER_STORY)
    real_open = open

    def guarded_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(document, "open", guarded_open, raising=False)
    report = corpus.ingest()
    assert reasons(report) == {"locked.txt": "cannot read the file: permission denied"}


def test_symlinks_outside_the_corpus_are_not_followed(corpus: Corpus, tmp_path: Path) -> None:
    outside = write(tmp_path, "secret.txt", LEDGER_STORY)
    (tmp_path / "elsewhere").mkdir()
    (corpus.folder / "leak.txt").symlink_to(outside)
    (corpus.folder / "folder-link").symlink_to(tmp_path / "elsewhere")
    (corpus.folder / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    inside = write(corpus.folder, "real.txt", LEDGER_STORY)
    (corpus.folder / "alias.txt").symlink_to(inside)
    report = corpus.ingest()
    found = reasons(report)
    assert found["leak.txt"] == (
        f"symbolic link to a file outside the corpus folder, not followed: {outside}"
    )
    assert found["folder-link"].startswith("symbolic link to a folder outside the corpus folder")
    assert found["dangling.txt"] == "broken symbolic link"
    # A link inside the corpus is read, and found to be the same article.
    assert [a.path for a in corpus.articles()] == [str(inside)]
    assert [d.path for d in report.duplicates] == ["alias.txt"]


def test_files_in_flight_are_pending_not_rejected(corpus: Corpus) -> None:
    write(corpus.folder, "story.txt.part", LEDGER_STORY)
    write(corpus.folder, ".story.txt.swx", LEDGER_STORY)
    write(corpus.folder, "fresh.txt", LEDGER_STORY, age=1.0)
    report = corpus.ingest()
    assert report.rejected == [] and corpus.articles() == []
    pending = {problem.path: problem.reason for problem in report.pending}
    assert pending == {
        ".story.txt.swx": "temporary or hidden name: still being written; read once it is renamed",
        "fresh.txt": "modified 1.0 s ago: waiting until it has not changed for 5 s",
        "story.txt.part": (
            "temporary or hidden name: still being written; read once it is renamed"
        ),
    }
    # Ten seconds later the young file is stable and is read.
    later = corpus.ingest(NOW + timedelta(seconds=10))
    assert [event.path for event in later.ingested] == ["fresh.txt"]


def test_file_that_changed_since_the_last_scan_waits_once_more(corpus: Corpus) -> None:
    write(corpus.folder, "growing.txt", LEDGER_STORY[:200], age=1.0)
    assert [p.path for p in corpus.ingest().pending] == ["growing.txt"]
    # Still being written: bigger now, though its mtime already looks old enough.
    write(corpus.folder, "growing.txt", LEDGER_STORY, age=30.0)
    second = corpus.ingest()
    assert second.pending[0].reason == (
        "changed since the last scan: waiting until it stays the same"
    )
    assert corpus.articles() == []
    third = corpus.ingest()
    assert [event.path for event in third.ingested] == ["growing.txt"]
    assert corpus.rows(PendingFileRow) == []


def test_encodings_boms_line_endings_and_nuls(corpus: Corpus) -> None:
    body = (
        "Café owners protest new rent rules\n\n"
        "Owners of 40 cafés marched to the town hall on Monday, saying “rents have doubled”.\n\n"
        "The council said it would publish a review of the rules within a month.\n"
    )
    write(corpus.folder, "cp1252.txt", body.replace("\n", "\r\n").encode("cp1252"))
    write(corpus.folder, "bom.txt", b"\xef\xbb\xbf" + body.replace("Monday", "Tuesday").encode())
    write(corpus.folder, "utf16.txt", body.replace("Monday", "Friday").encode("utf-16"))
    mixed = body.replace("Monday", "Sunday").replace("\n\n", "\r\n\r\n", 1).encode()
    write(corpus.folder, "mixed.txt", mixed.replace(b"town", b"to\x00wn"))
    report = corpus.ingest()
    assert report.rejected == [] and report.counts()["ingested"] == 4
    for article in corpus.articles():
        assert article.headline == "Café owners protest new rent rules"
        assert "cafés marched to the town hall" in article.text
        assert "“rents have doubled”" in article.text
        assert not any(mark in article.text for mark in ("\r", "\x00", "\ufeff", "Ã", "â€"))


def test_mojibake_from_a_bad_earlier_decode_is_repaired(corpus: Corpus) -> None:
    fine = "It’s fine — twice over, said the café owner."
    broken = fine.encode().decode("cp1252")
    assert broken == "Itâ€™s fine â€” twice over, said the cafÃ© owner."
    write(corpus.folder, "mojibake.txt", f"Owner says all is well\n\n{broken}\n")
    corpus.ingest()
    assert corpus.articles()[0].text == fine


def test_non_english_article_is_flagged(corpus: Corpus) -> None:
    german = (
        "Die Hafenarbeiter in Bremen haben am Montag die Arbeit niedergelegt, weil die "
        "Verhandlungen über die Löhne gescheitert sind. Die Gewerkschaft fordert eine "
        "Erhöhung um neun Prozent, das ist nach ihren Angaben nicht zu viel."
    )
    write(corpus.folder, "de.txt", f"Streik im Hafen\n\n{german}\n")
    write(corpus.folder, "en.txt", LEDGER_STORY)
    corpus.ingest()
    assert {Path(a.path).name: a.language for a in corpus.articles()} == {
        "de.txt": "de",
        "en.txt": "en",
    }


def test_file_changing_while_read_stays_pending(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    import summarizer.ingest.document as document

    path = write(corpus.folder, "busy.txt", LEDGER_STORY)
    real_stat = os.stat

    def growing_stat(target, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_stat(target, *args, **kwargs)
        if Path(target) == path:
            return os.stat_result((*result[:6], result.st_size + 10, *result[7:]))
        return result

    monkeypatch.setattr(document.os, "stat", growing_stat)
    report = corpus.ingest()
    assert [(p.path, p.reason) for p in report.pending] == [
        ("busy.txt", "changed while being read; will be read again once stable")
    ]
    assert corpus.articles() == [] and report.rejected == []
