"""The declarative base every table (summarizer's and bot's) derives from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, String, Text, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeEngine

from summarizer.clock import as_utc

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def unbounded(length: int) -> TypeEngine[str]:
    """Text that comes from files or models (paths, URLs, outlets, names): ``TEXT`` on
    PostgreSQL, which enforces lengths; ``VARCHAR(length)`` on SQLite, which never does (so
    files made by earlier releases keep their schema)."""
    return String(length).with_variant(Text(), "postgresql")


FILE_SIZE: TypeEngine[int] = Integer().with_variant(BigInteger(), "postgresql")
"""A byte count past 2 GiB: SQLite's INTEGER is 64-bit already, PostgreSQL's is not."""


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)


class Base(DeclarativeBase):
    """Shared metadata, with a naming convention so migrations stay portable."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
