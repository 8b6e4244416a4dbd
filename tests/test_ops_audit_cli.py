"""Every command, not only ``ingest``, says in one line what is wrong with the database, and
waits for (or works around) another process that is updating it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from ingest_support import article_text, write
from typer.testing import CliRunner

import bot.cli.briefs
import bot.cli.chat
import bot.cli.corpus
import bot.cli.people
from bot.cli import briefs as briefs_cli
from bot.cli.app import app
from bot.storage import BOT_MIGRATIONS
from summarizer.store import Store
from summarizer.store.lock import PipelineLock


@pytest.fixture
def cli(database_url: str, monkeypatch: pytest.MonkeyPatch):
    for name in ("BRIEFBOT_CONFIG", "BRIEFBOT_CORPUS_DIR", "BRIEFBOT_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)

    def invoke(*args: str, url: str = database_url, stdin: str | None = None):
        return CliRunner().invoke(app, ["--database-url", url, *args], input=stdin)

    return invoke


def _one_article(folder: Path) -> Path:
    text = article_text(
        "Harbour strike ends after talks",
        "The dock strike at Port Ellis ended on Friday after two days of talks, the union said.",
        "Mara Quill, the union's chief negotiator, said members would return to work at dawn.",
    )
    path = write(folder, "harbour.txt", text)
    stamp = time.time() - 3600  # "stable" by the real clock the CLI uses
    os.utime(path, (stamp, stamp))
    return folder


@pytest.mark.parametrize(
    "command", [("articles",), ("show", "1"), ("digest", "--no-update"), ("who", "Quill")]
)
def test_a_file_that_is_not_a_database_is_one_error_line_for_every_command(
    tmp_path: Path, cli, command: tuple[str, ...]
) -> None:
    """Before: ``ingest`` said it clearly, the read commands printed a traceback."""
    bad = tmp_path / "notes.db"
    bad.write_text("shopping list: eggs, milk, bread, and more things to remember")
    result = cli(*command, url=f"sqlite:///{bad}")
    assert result.exit_code == 1
    assert f"error: database {bad} is not a SQLite database" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_a_digest_waits_for_another_process_then_says_so(
    tmp_path: Path, database_url: str, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: ``digest`` (which clusters first) failed at once with a ``Busy`` traceback."""
    Store(database_url, extra_migrations=[BOT_MIGRATIONS]).close()
    monkeypatch.setattr(briefs_cli, "LOCK_WAIT_SECONDS", 0.3)
    with PipelineLock(database_url).hold():
        result = cli("digest")
    output = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "waiting: another Briefbot process is updating this database" in output
    assert f"error: another Briefbot process (pid {os.getpid()}) is updating" in output
    assert cli("digest").exit_code == 0  # released: it goes on


def test_who_answers_from_the_index_as_it_is_while_another_process_updates(
    tmp_path: Path, database_url: str, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``who`` indexes new articles first; with the database busy it says so and answers."""
    corpus = _one_article(tmp_path / "corpus")
    assert cli("ingest", "--corpus", str(corpus)).exit_code == 0
    monkeypatch.setattr(bot.cli.people, "INDEX_WAIT_SECONDS", 0.3)
    with PipelineLock(database_url).hold():
        busy = cli("who", "Quill")
    output = " ".join(busy.output.split())
    assert "note: another Briefbot process" in output
    assert "answering from the index as it is" in output
    # not indexed yet: never "no one", but what it has not read (EX_TEMPFAIL: ask again)
    assert "Nothing about “Quill” in what is indexed so far." in output
    assert "Still reading 1 new article; ask again in a minute." in output
    assert "No one called" not in output
    assert busy.exit_code == 75
    assert "Traceback" not in busy.output
    found = cli("who", "Quill")
    assert found.exit_code == 0, found.output  # free again: indexed, then found
    assert "Mara Quill" in found.output
