"""Several processes on one database at once (SQLite by default; PostgreSQL with
``BRIEFBOT_TEST_DATABASE=postgres``): each says what the operator sees."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.storage import BOT_MIGRATIONS
from summarizer.store import Store
from summarizer.store.lock import Busy, PipelineLock
from summarizer.store.stories import EmbeddingCacheRow

ROOT = Path(__file__).resolve().parents[1]


def test_two_processes_caching_the_same_texts_at_once_both_succeed(
    tmp_path: Path, database_url: str
) -> None:
    """Before: two ``briefbot story 1`` at once, the second died with ``UNIQUE constraint
    failed: embedding_cache.model, embedding_cache.text_hash`` (PostgreSQL: UniqueViolation
    on pk_embedding_cache). Now both get their vectors and each text is cached once."""
    Store(database_url, extra_migrations=[BOT_MIGRATIONS]).close()  # the schema is ready
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    texts = [f"Sentence {n} about the harbour works and the port authority." for n in range(40)]
    command = [sys.executable, "-m", "tests.fakes.racing", database_url, str(barrier), "2"]
    runs = [
        subprocess.Popen([*command, *texts], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]  # fmt: skip
    results = [run.communicate(timeout=120) for run in runs]

    assert [run.returncode for run in runs] == [0, 0], results
    assert [out for out, _ in results] == ["stored 40\n", "stored 40\n"]
    store = Store(database_url, extra_migrations=[BOT_MIGRATIONS])
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(EmbeddingCacheRow)) == 40
    store.close()


def test_a_second_holder_through_a_symlinked_database_path_is_refused(tmp_path: Path) -> None:
    """Before (#16 item 4): the lock sat beside the path as given, so a bot started through a
    symlink to the database took a lock of its own and both sent the same digest parts."""
    real = tmp_path / "data" / "briefbot.db"
    Store(f"sqlite:///{real}", extra_migrations=[BOT_MIGRATIONS]).close()
    link = tmp_path / "elsewhere.db"
    link.symlink_to(real)
    folder_link = tmp_path / "linked-data"
    folder_link.symlink_to(real.parent)
    first = PipelineLock(f"sqlite:///{real}", suffix=".bot.lock", doing="runs the bot")
    with first.hold():
        for other in (link, folder_link / "briefbot.db"):
            second = PipelineLock(f"sqlite:///{other}", suffix=".bot.lock", doing="runs the bot")
            held_by_us = rf"another Briefbot process \(pid {os.getpid()}\)"
            with pytest.raises(Busy, match=held_by_us), second.hold():
                pass
    assert not (tmp_path / "elsewhere.db.bot.lock").exists()
    assert (real.parent / "briefbot.db.bot.lock").exists()


def test_a_second_bot_through_a_symlinked_database_path_is_refused(tmp_path: Path) -> None:
    """What the operator sees (#16 item 4): the second ``briefbot run`` names the first."""
    from typer.testing import CliRunner

    import bot.cli.run  # noqa: F401  (registers the command)
    from bot.cli.app import app

    real = tmp_path / "data" / "briefbot.db"
    Store(f"sqlite:///{real}", extra_migrations=[BOT_MIGRATIONS]).close()
    link = tmp_path / "briefbot-link.db"
    link.symlink_to(real)
    (tmp_path / "corpus").mkdir()
    running = PipelineLock(f"sqlite:///{real}", suffix=".bot.lock", doing="runs")
    command = ["--database-url", f"sqlite:///{link}", "run", "--once", "--corpus"]
    env = {"BRIEFBOT_CONFIG": "", "BRIEFBOT_CORPUS_DIR": ""}
    with running.hold():
        refused = CliRunner().invoke(app, [*command, str(tmp_path / "corpus")], env=env)
    assert refused.exit_code == 1
    assert (
        f"error: another Briefbot process (pid {os.getpid()}) is already running the bot on "
        "this database"
    ) in " ".join(refused.output.split())
