"""The store: SQLAlchemy 2 over SQLite (WAL) by default, portable SQL, Alembic migrations."""

from summarizer.store.base import Base
from summarizer.store.db import Store

__all__ = ["Base", "Store"]
