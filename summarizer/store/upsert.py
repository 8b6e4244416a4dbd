"""``INSERT … ON CONFLICT DO NOTHING`` on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def _insert(session: Session, table: Any) -> Any:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


def insert_missing(session: Session, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table``, leaving any row whose key is already stored alone.

    Two processes computing the same row at once (two ``briefbot story 1``) both succeed:
    the second insert is a no-op where a plain one would fail on the primary key.
    """
    if rows:
        session.execute(_insert(session, table), list(rows))


def insert_first(session: Session, table: Any, row: dict[str, Any]) -> bool:
    """Insert one row unless its key is stored already; True when this call stored it (of
    several processes racing, exactly one gets True)."""
    key = inspect(table).primary_key[0]
    return session.execute(_insert(session, table).values(**row).returning(key)).first() is not None
