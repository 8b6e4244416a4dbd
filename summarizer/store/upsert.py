"""``INSERT … ON CONFLICT DO NOTHING`` on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_missing(session: Session, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table``, leaving any row whose key is already stored alone.

    Two processes computing the same row at once (two ``briefbot story 1``) both succeed:
    the second insert is a no-op where a plain one would fail on the primary key.
    """
    if not rows:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(table).on_conflict_do_nothing(), list(rows))
