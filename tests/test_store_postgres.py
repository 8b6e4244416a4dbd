"""PostgreSQL as the store: what an operator sees when the driver, server or database is
missing, and long fields that PostgreSQL (unlike SQLite) would refuse. Tests that need a
server take ``postgres_url`` and skip, saying why, where none answers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ingest_support import write as write_at_fixed_clock
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

import bot.cli.corpus  # noqa: F401  (registers the commands)
from bot.cli.app import app
from bot.storage import BOT_MIGRATIONS
from summarizer.store import Store
from summarizer.store.articles import ArticleRow, RejectRow
from summarizer.store.errors import explain

ROOT = Path(__file__).resolve().parents[1]


def _ingest(url: str, folder: Path, *more: str):  # type: ignore[no-untyped-def]
    env = {"BRIEFBOT_STABLE_SECONDS": "0", "BRIEFBOT_CONFIG": "", "BRIEFBOT_CORPUS_DIR": ""}
    return CliRunner().invoke(
        app, ["--database-url", url, "ingest", "--corpus", str(folder), *more], env=env
    )


def write(folder: Path, name: str, content: str) -> Path:
    """A corpus file an hour old by the real clock (which the CLI uses)."""
    path = write_at_fixed_clock(folder, name, content)
    stamp = time.time() - 3600
    os.utime(path, (stamp, stamp))
    return path


def _one_line(output: str) -> str:
    return " ".join(output.split())


def test_a_missing_driver_is_one_error_line_naming_the_extra(tmp_path: Path) -> None:
    """Before: a 56-line ModuleNotFoundError traceback."""
    code = (
        "import sys; sys.modules['psycopg'] = None; sys.argv = ['briefbot', '--database-url', "
        "'postgresql://briefbot@127.0.0.1/briefbot', 'ingest', '--corpus', sys.argv[1]];"
        "from bot.cli import main; main()"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert _one_line(result.stderr) == (
        "error: database postgresql+psycopg://briefbot@127.0.0.1/briefbot needs the "
        "PostgreSQL driver (psycopg), which is not installed: pip install 'briefbot[postgres]'"
    )


def test_a_server_that_is_down_is_named(tmp_path: Path) -> None:
    """Before: a ~150-line OperationalError traceback."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (briefbot[postgres])")
    url = "postgresql+psycopg://postgres@127.0.0.1:9/briefbot"  # port 9 (discard): nothing there
    result = _ingest(url, tmp_path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert _one_line(result.output) == (
        "error: cannot reach database postgresql+psycopg://postgres@127.0.0.1:9/briefbot: is "
        "the server running and accepting connections there? Nothing was changed"
    )


def test_a_missing_database_is_named_with_how_to_make_it(tmp_path: Path, postgres_url: str) -> None:
    url = make_url(postgres_url).set(database="briefbot_never_made").render_as_string(False)
    result = _ingest(url, tmp_path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "the server has no database 'briefbot_never_made'. Create it first (createdb " in (
        _one_line(result.output)
    )


def test_a_refused_password_is_named_without_printing_it() -> None:
    """The test server trusts every local user, so the server's own words are given here."""
    url = "postgresql+psycopg://briefbot:s3cret@db.example:5432/briefbot"
    error = Exception(
        'connection failed: connection to server at "10.0.0.5", port 5432 failed: FATAL:  '
        'password authentication failed for user "briefbot"'
    )
    message = explain(error, url) or ""
    assert message.startswith("database postgresql+psycopg://briefbot:***@db.example:5432/")
    assert "refused the password: check the user and password in BRIEFBOT_DATABASE_URL" in message
    assert "s3cret" not in message


def test_a_plain_postgresql_url_uses_psycopg(postgres_url: str) -> None:
    plain = make_url(postgres_url).set(drivername="postgresql").render_as_string(False)
    store = Store(plain, extra_migrations=[BOT_MIGRATIONS])
    assert store.engine.dialect.driver == "psycopg"
    assert store.engine.pool._pre_ping  # a server restart costs no failed pass
    store.close()


def test_long_fields_and_huge_files_do_not_roll_back_the_batch(
    tmp_path: Path, postgres_url: str
) -> None:
    """Before: a 3,000-character URL, a 315-character outlet or a 1,239-character path rolled
    the whole batch back (good files included) on every rerun, and a 3 GiB file overflowed
    the 32-bit file_size for good."""
    folder = tmp_path / "corpus"
    url = "https://news.example/" + "a" * 3000
    outlet = "The " + "Very " * 62 + "Long Gazette"
    front = f"---\ntitle: Harbour works finish\nurl: {url}\nsource: {outlet}\n---\n\n"
    body = "The harbour works finished on Tuesday, the port authority said in a statement.\n"
    write(folder, "long.md", front + body)
    deep = "/".join(["section-" + "x" * 110] * 11)
    write(folder, f"{deep}/deep.txt", "Deep file\n\nThe ferry timetable changed this week.\n")
    write(folder, "good.txt", "Good file\n\nThe council approved the budget on Monday.\n")
    with (folder / "huge.txt").open("wb") as huge:
        huge.truncate(3 * 1024**3)  # sparse: no disk used
    os.utime(folder / "huge.txt", (time.time() - 3600, time.time() - 3600))
    assert len(outlet) > 300 and len(str(folder / deep / "deep.txt")) > 1200

    result = _ingest(postgres_url, folder, "--json")
    assert result.exit_code == 0, result.output
    store = Store(postgres_url, extra_migrations=[BOT_MIGRATIONS])
    with store.session() as session:
        stored = {Path(row.path).name: row for row in session.scalars(select(ArticleRow))}
        rejected = {Path(row.path).name: row for row in session.scalars(select(RejectRow))}
    store.close()
    assert set(stored) == {"long.md", "deep.txt", "good.txt"}
    assert stored["long.md"].url == url and stored["long.md"].outlet == outlet
    assert rejected["huge.txt"].file_size == 3 * 1024**3


def test_two_ingests_on_a_new_postgres_database_both_finish(
    tmp_path: Path, postgres_url: str
) -> None:
    """Before: both processes migrated the empty database and one died with UniqueViolation
    (pg_type_typname_nsp_index, alembic_version); on a migrated one, two ingests died with
    UniqueViolation (uq_articles_path). Now an advisory lock makes the second wait."""
    folder = tmp_path / "corpus"
    for number in range(150):
        write(folder, f"report_{number:03d}.txt",
              f"Report number {number} on the harbour works\n\nThe harbour works reached stage "
              f"{number} this week, the port authority said of item {number}.\n")  # fmt: skip
    command = [str(Path(sys.executable).with_name("briefbot")), "--database-url", postgres_url,
               "ingest", "--corpus", str(folder), "--json"]  # fmt: skip
    env = {**os.environ, "BRIEFBOT_STABLE_SECONDS": "0"}
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(2)
    ]
    results = [run.communicate(timeout=300) for run in runs]

    assert [run.returncode for run in runs] == [0, 0], results
    assert all(b"Traceback" not in err for _, err in results)
    store = Store(postgres_url, extra_migrations=[BOT_MIGRATIONS])
    with store.session() as session:
        assert len(session.scalars(select(ArticleRow.id)).all()) == 150
    store.close()


def test_a_server_restart_costs_no_failed_query(postgres_url: str) -> None:
    """Before: pooled connections outlived a PostgreSQL restart, and the next outbox pass of
    ``briefbot run`` failed on one (``server closed the connection unexpectedly``). Now each
    is checked before use (``pool_pre_ping``) and replaced."""
    store = Store(postgres_url, extra_migrations=[BOT_MIGRATIONS])
    with store.session() as session:
        assert session.scalar(select(ArticleRow.id)) is None  # a pooled connection now
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        ended = connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).all()
    admin.dispose()
    assert ended and all(flag for (flag,) in ended)  # as a restart would: every session ends
    with store.session() as session:
        assert session.scalar(select(ArticleRow.id)) is None
    store.close()
