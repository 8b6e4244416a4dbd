"""Fresh PostgreSQL databases for tests, on the server at ``BRIEFBOT_TEST_POSTGRES_URL``.

``BRIEFBOT_TEST_DATABASE=postgres`` runs every test that takes ``database_url`` on its own
new PostgreSQL database (dropped afterwards); tests of several machines on one database take
``postgres_url`` and skip, saying why, where no server answers.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import pytest

SERVER = os.environ.get(
    "BRIEFBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
_numbers = itertools.count(1)


def wanted() -> bool:
    """Whether the run asked for PostgreSQL in place of SQLite files."""
    return os.environ.get("BRIEFBOT_TEST_DATABASE", "sqlite").lower() in ("postgres", "postgresql")


@cache
def unavailable() -> str | None:
    """Why no test database can be made (no driver, no server), or None."""
    try:
        import psycopg  # noqa: F401
    except ModuleNotFoundError:
        return "psycopg is not installed (pip install 'briefbot[postgres]')"
    from sqlalchemy import create_engine, text

    engine = create_engine(SERVER, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        first = str(error).splitlines()[0]
        return f"no PostgreSQL server answers at {SERVER} ({first})"
    finally:
        engine.dispose()
    return None


def _admin(statement: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


@contextmanager
def fresh_database() -> Iterator[str]:
    """The URL of a new, empty database, dropped (connections and all) afterwards."""
    reason = unavailable()
    if reason is not None:
        pytest.skip(reason)
    from sqlalchemy.engine import make_url

    name = f"briefbot_test_{os.getpid()}_{next(_numbers)}"
    _admin(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
