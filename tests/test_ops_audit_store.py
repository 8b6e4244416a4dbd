"""Operations audit, database side: two processes on one database, files that are not a
usable database, a newer schema, a full disk. Each test says what the operator reads."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ingest_support import article_text, write
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

import bot.cli.corpus
import bot.cli.health
import bot.cli.run  # noqa: F401
from bot.cli import corpus as corpus_cli
from bot.cli.app import app
from bot.storage import BOT_MIGRATIONS
from summarizer.config import PipelineConfig
from summarizer.service import Briefbot
from summarizer.store import Store
from summarizer.store.articles import ArticleRow
from summarizer.store.errors import StoreError
from summarizer.store.lock import Busy, PipelineLock

ROOT = Path(__file__).resolve().parents[1]
BRIEFBOT = Path(sys.executable).with_name("briefbot")


@pytest.fixture
def cli(database_url: str, monkeypatch: pytest.MonkeyPatch):
    for name in ("BRIEFBOT_CONFIG", "BRIEFBOT_CORPUS_DIR", "BRIEFBOT_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)

    def invoke(*args: str, url: str = database_url, corpus: Path | None = None):
        env = {"BRIEFBOT_CORPUS_DIR": str(corpus)} if corpus else {}
        return CliRunner().invoke(app, ["--database-url", url, *args], env=env)

    return invoke


def _old(folder: Path, name: str, content: str) -> None:
    """A corpus file an hour old by the real clock (which the CLI uses)."""
    path = write(folder, name, content)
    stamp = time.time() - 3600
    os.utime(path, (stamp, stamp))


def _corpus(folder: Path, count: int) -> Path:
    for number in range(count):
        _old(
            folder,
            f"item-{number:04d}.txt",
            article_text(
                f"Report number {number} on the harbour works",
                f"The harbour works reached stage {number} this week, the port authority said "
                f"in a statement on item {number} of its programme.",
            ),
        )
    return folder


def test_two_ingest_processes_at_once_store_each_file_once(tmp_path: Path) -> None:
    """Before: the second process died with IntegrityError (UNIQUE constraint failed:
    articles.path), or on a new database "table bot_chats already exists", with a traceback.
    Now the second waits for the first (migration, then ingest) and finds nothing new."""
    folder = _corpus(tmp_path / "corpus", 400)
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    command = [str(BRIEFBOT), "--database-url", url, "ingest", "--corpus", str(folder), "--json"]
    env = {**os.environ, "BRIEFBOT_STABLE_SECONDS": "0"}
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)]
    runs.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env))
    results = [run.communicate(timeout=120) for run in runs]

    assert [run.returncode for run in runs] == [0, 0], results
    assert all(b"Traceback" not in err for _, err in results)
    store = Store(url, extra_migrations=[BOT_MIGRATIONS])
    with store.session() as session:
        assert session.scalar(select(func.count(ArticleRow.id))) == 400
    store.close()


def test_an_ingest_while_another_process_updates_waits_then_says_so(
    tmp_path: Path, database_url: str, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path / "corpus", 1)
    Store(database_url, extra_migrations=[BOT_MIGRATIONS]).close()  # the schema is ready
    other = PipelineLock(database_url)  # another holder: its own lock file handle
    monkeypatch.setattr(corpus_cli, "LOCK_WAIT_SECONDS", 0.3)
    with other.hold():
        result = cli("ingest", "--corpus", str(folder))
    assert result.exit_code == 1
    assert "waiting: another Briefbot process is updating this database" in result.output
    assert (
        f"error: another Briefbot process (pid {os.getpid()}) is updating this database "
        "(ingest, stories or people index); try again once it has finished"
    ) in " ".join(result.output.split())
    assert cli("ingest", "--corpus", str(folder)).exit_code == 0  # released: it goes on


def test_the_service_refuses_a_second_writer_without_waiting(
    tmp_path: Path, database_url: str
) -> None:
    folder = _corpus(tmp_path / "corpus", 1)
    bot = Briefbot(PipelineConfig(corpus_dir=folder, database_url=database_url, stable_seconds=0))
    with PipelineLock(database_url).hold(), pytest.raises(Busy, match="is updating"):
        bot.ingest()
    assert len(bot.ingest().ingested) == 1  # the lock was never the store's own: no leak
    bot.close()


def test_a_lock_left_by_a_killed_process_does_not_block(tmp_path: Path, database_url: str) -> None:
    """``kill -9`` while ingesting: the kernel releases the lock; the next run goes on."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from summarizer.store.lock import PipelineLock;"
         f"held = PipelineLock({database_url!r}).hold(); held.__enter__();"
         "print('held', flush=True); time.sleep(60)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    with pytest.raises(Busy, match=f"pid {holder.pid}"), PipelineLock(database_url).hold():
        pass
    holder.kill()
    holder.wait()
    with PipelineLock(database_url).hold():
        pass


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path, cli) -> None:
    """Before: a DatabaseError traceback (file is not a database); health said ok."""
    bad = tmp_path / "notes.db"
    bad.write_text("shopping list: eggs, milk, bread, and more things to remember")
    url = f"sqlite:///{bad}"
    ingest = cli("ingest", "--corpus", str(tmp_path), url=url)
    health = cli("health", url=url, corpus=tmp_path)

    assert ingest.exit_code == health.exit_code == 1
    message = f"database {bad} is not a SQLite database"
    assert message in " ".join(ingest.output.split())
    assert message in " ".join(health.output.split())
    assert bad.read_text().startswith("shopping list")  # not changed


def _newer(url: str, path: Path) -> None:
    Store(url).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")


def test_a_database_from_a_newer_release_is_refused_by_every_entry(tmp_path: Path, cli) -> None:
    """Before: alembic CommandError traceback (Can't locate revision); health said ok."""
    path = tmp_path / "newer.db"
    url = f"sqlite:///{path}"
    _newer(url, path)
    outputs = [
        cli("ingest", "--corpus", str(tmp_path), url=url),
        cli("run", "--once", "--corpus", str(tmp_path), url=url),
        cli("health", url=url, corpus=tmp_path),
    ]
    for result in outputs:
        assert result.exit_code == 1, result.output
        text = " ".join(result.output.split())
        assert f"database {path} was written by a newer Briefbot" in text
        assert "'0099_from_the_future'" in text and "Traceback" not in text


def test_a_read_only_database_is_named(tmp_path: Path, cli) -> None:
    path = tmp_path / "briefbot.db"
    Store(f"sqlite:///{path}").close()
    _corpus(tmp_path / "corpus", 1)
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    result = cli("ingest", "--corpus", str(tmp_path / "corpus"), url=url)
    assert result.exit_code == 1
    assert "is read-only: Briefbot needs to write the file and its folder" in " ".join(
        result.output.split()
    )


def test_a_database_folder_that_cannot_be_made_is_named(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match=r"cannot create the folder .*/file/sub for database"):
        Store(f"sqlite:///{tmp_path / 'file' / 'sub' / 'x.db'}")


def test_a_full_disk_during_ingest_loses_nothing_and_says_so(
    tmp_path: Path, database_url: str, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fault is injected at our boundary (the commit of a chunk)."""
    folder = _corpus(tmp_path / "corpus", 3)
    assert cli("ingest", "--corpus", str(folder)).exit_code == 0
    _old(folder, "late.txt", article_text("A late report", "It came in after the others did."))

    def full(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("COMMIT", {}, sqlite3.OperationalError("database or disk is full"))

    with monkeypatch.context() as patch:
        patch.setattr("sqlalchemy.orm.Session.commit", full)
        result = cli("ingest", "--corpus", str(folder))
    assert result.exit_code == 1
    assert "is full: the unfinished change was rolled back, nothing stored was lost" in " ".join(
        result.output.split()
    )
    again = cli("ingest", "--corpus", str(folder), "--json")  # space freed: it carries on
    assert '"ingested": 1' in again.output


def test_a_second_bot_on_one_database_is_refused(tmp_path: Path, database_url: str, cli) -> None:
    """Before: two ``briefbot run`` on one database both sent every pending part (each
    digest twice). Now the second is refused, naming the first."""
    (tmp_path / "corpus").mkdir()
    running = PipelineLock(database_url, suffix=".bot.lock", doing="runs")
    with running.hold():
        refused = cli("run", "--once", "--corpus", str(tmp_path / "corpus"))
    assert refused.exit_code == 1
    assert (
        f"error: another Briefbot process (pid {os.getpid()}) is already running the bot on "
        "this database (briefbot run): one bot per database, or every digest would be sent "
        "twice; stop it first"
    ) in " ".join(refused.output.split())
    assert cli("run", "--once", "--corpus", str(tmp_path / "corpus")).exit_code == 0


def test_a_bot_database_opened_without_the_bot_migrations_says_so(tmp_path: Path) -> None:
    """A script that opens the bot's database with ``Store(url)`` alone: before, it was told
    the database came from a newer Briefbot, which sent the developer looking elsewhere."""
    url = f"sqlite:///{tmp_path / 'briefbot.db'}"
    Store(url, extra_migrations=[BOT_MIGRATIONS]).close()
    with pytest.raises(StoreError) as raised:
        Store(url)
    message = str(raised.value)
    assert "schema revision 'b0004_digest_points' is unknown" in message
    assert "opened without the chat side's migrations: pass extra_migrations=[BOT_MIGRATIONS]" in (
        message
    )
    Store(url, extra_migrations=[BOT_MIGRATIONS]).close()  # with them it opens
