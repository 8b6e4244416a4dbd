"""``briefbot ingest``, ``articles`` and ``show``: what the user reads, in text and JSON."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from ingest_support import LEDGER_STORY
from typer.testing import CliRunner

import bot.cli.corpus  # registers the commands (and is patched below)
from bot.cli.app import app


@pytest.fixture
def run(database_url: str, monkeypatch: pytest.MonkeyPatch):
    for name in ("BRIEFBOT_CONFIG", "BRIEFBOT_CORPUS_DIR", "BRIEFBOT_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, ["--database-url", database_url, *args])

    return invoke


EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _age(path: Path, seconds: float) -> None:
    """Date a file ``seconds`` before now by the real clock (which the CLI uses)."""
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the example corpus, an hour old."""
    folder = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, folder)
    for path in folder.iterdir():
        _age(path, 3600)
    return folder


def test_ingest_prints_a_summary_with_each_problem(run, folder: Path) -> None:
    wire = (folder / "meridian-wire-port-strike.txt").read_bytes()
    (folder / "wire-copy.txt").write_bytes(wire)
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04")
    (folder / "upload.json.part").write_text("{")
    for name in ("wire-copy.txt", "slides.pptx", "upload.json.part"):
        _age(folder / name, 3600)
    result = run("ingest", "--corpus", str(folder))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(
        "9 ingested, 0 updated, 1 duplicate, 1 rejected, 1 pending, 0 deleted, 0 unchanged "
        f"(12 files in {folder.resolve()}"
    )
    assert (
        "  + [7] meridian-wire-port-strike.txt: Port Ellis dock strike halts container traffic "
        "— Meridian Wire"
    ) in lines
    assert "  = wire-copy.txt: same article as [7] meridian-wire-port-strike.txt" in lines
    assert (
        "  ! rejected slides.pptx: unsupported file type '.pptx': "
        "Briefbot reads .txt, .md, .json and .html"
    ) in lines
    assert (
        "  … pending upload.json.part: temporary or hidden name: still being written; "
        "read once it is renamed"
    ) in lines
    again = run("ingest", "--corpus", str(folder))
    assert again.output.startswith(
        "0 ingested, 0 updated, 0 duplicate, 0 rejected, 1 pending, 0 deleted, 11 unchanged"
    )


def test_ingest_json_is_the_documented_document(run, folder: Path) -> None:
    (folder / "upload.txt.part").write_text(LEDGER_STORY)  # still being written: pending
    result = run("ingest", "--corpus", str(folder), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {
        "corpus", "scanned", "counts", "ingested", "updated", "duplicates",
        "rejected", "pending", "deleted", "notices", "seconds",
    }  # fmt: skip
    assert document["notices"] == []
    assert document["counts"]["ingested"] == 9 and document["counts"]["pending"] == 1
    assert document["pending"][0]["path"] == "upload.txt.part"
    assert document["pending"][0]["reason"].startswith("temporary or hidden name")
    first = document["ingested"][0]
    assert set(first) == {"path", "article_id", "headline", "outlet", "version", "update_of"}


def test_ingest_right_after_copying_waits_for_the_files_to_settle_and_reads_them_all(
    run, folder: Path
) -> None:
    """``cp seeds/* corpus/ && briefbot ingest``: one command reads every file just copied."""
    (folder / "new.txt").write_text(LEDGER_STORY)  # just written, by the real clock
    result = run("ingest", "--corpus", str(folder))
    assert result.exit_code == 0, result.output
    waited = "1 file was modified in the last 2 s: waiting "
    assert waited in result.stderr and "(BRIEFBOT_STABLE_SECONDS)" in result.stderr
    assert result.stdout.startswith("10 ingested, 0 updated, 0 duplicate, 0 rejected, 0 pending")
    assert "new.txt" in result.stdout


def test_ingest_waits_for_settling_files_only_so_long(
    run, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files that must stay unchanged longer than the cap stay pending, listed, for next time."""
    monkeypatch.setenv("BRIEFBOT_STABLE_SECONDS", "3600")
    monkeypatch.setattr(bot.cli.corpus, "SETTLE_WAIT_SECONDS", 0.2)
    (folder / "new.txt").write_text(LEDGER_STORY)
    result = run("ingest", "--corpus", str(folder))
    assert "waiting 0.2 s for them to settle" in result.stderr
    assert "… pending new.txt: modified " in result.stdout


def test_ingest_reports_a_missing_corpus_folder(run, tmp_path: Path) -> None:
    result = run("ingest", "--corpus", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "error: corpus folder not found:" in result.output
    assert "(set BRIEFBOT_CORPUS_DIR or pass --corpus DIR)" in result.output


def test_articles_and_show(run, folder: Path) -> None:
    run("ingest", "--corpus", str(folder))
    listing = run("articles", "--limit", "2")
    assert listing.exit_code == 0
    assert listing.output.splitlines() == [
        "    2  2026-11-20 09:10  Coastline Daily: Talks to resume as port strike enters "
        "second day",
        "    9  2026-11-19 15:20  Northbridge Gazette: Port Ellis strike leaves ships stranded "
        "at anchor",
    ]
    documents = json.loads(run("articles", "--json", "--limit", "50").output)
    assert len(documents) == 9 and "text" not in documents[0]
    assert set(documents[0]) == {
        "id", "headline", "outlet", "published", "url", "path", "language", "version",
        "update_of", "content_hash", "paragraphs", "words",
    }  # fmt: skip
    shown = run("show", "7")
    assert shown.output.startswith(
        "Port Ellis dock strike halts container traffic\n"
        "Meridian Wire · 2026-11-19T14:05:00+00:00 · en · version 1\n"
    )
    assert "Transport minister Karen Holt said" in shown.output
    full = json.loads(run("show", "7", "--json").output)
    assert full["outlet"] == "Meridian Wire" and "– Meridian Wire" not in full["text"]
    missing = run("show", "404")
    assert missing.exit_code == 1
    assert "error: no article 404; `briefbot articles` lists the stored ones" in missing.output


def test_articles_on_an_empty_store(run) -> None:
    result = run("articles")
    assert result.output == "No articles yet: run `briefbot ingest` first.\n"


def test_ingest_counts_rejections_by_reason_on_stderr(run, folder: Path) -> None:
    for name in ("a.pdf", "b.pdf"):
        (folder / name).write_bytes(b"%PDF-1.7\n")
    (folder / "empty.txt").write_text(" \n")
    for name in ("a.pdf", "b.pdf", "empty.txt"):
        _age(folder / name, 3600)
    result = run("ingest", "--corpus", str(folder))
    assert result.exit_code == 0
    assert "3 of 12 files rejected: 2 × unsupported file type '.pdf'; 1 × empty file" in (
        result.stderr
    )


def test_ingest_fails_when_it_could_read_none_of_the_files(run, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, content in {"x.pdf": "%PDF", "y.txt": "Read more\n", "z.json": "{"}.items():
        (folder / name).write_text(content)
        _age(folder / name, 3600)
    result = run("ingest", "--corpus", str(folder))
    assert result.exit_code == 1
    assert "3 of 3 files rejected: " in result.stderr
    assert "error: none of the 3 files found could be read as an article" in result.stderr
    assert result.stdout.startswith("0 ingested, 0 updated, 0 duplicate, 3 rejected")
