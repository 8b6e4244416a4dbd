"""Database URLs: the driver each backend uses, and an engine that says what is missing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from summarizer.store.errors import StoreError, where

POSTGRES_DRIVER = "postgresql+psycopg"
"""The PostgreSQL driver Briefbot supports (psycopg 3, the ``postgres`` extra)."""
INSTALL_POSTGRES = "pip install 'briefbot[postgres]'"
KEEPALIVE = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
             "keepalives_count": 3, "connect_timeout": 10}  # fmt: skip
"""libpq settings: a dead server or network is noticed in about 25 s, not hours."""


def normalise(url: str) -> str:
    """``url`` with a plain ``postgresql://`` (or ``postgres://``) pointed at psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername=POSTGRES_DRIVER).render_as_string(hide_password=False)
    return url


def is_postgres(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL database."""
    return make_url(url).get_backend_name() == "postgresql"


def engine_for(url: str, **options: Any) -> Engine:
    """An engine that checks each pooled connection before use (a restarted server costs
    nothing); a missing PostgreSQL driver is a :class:`StoreError` naming the extra."""
    if is_postgres(url):
        options.setdefault("connect_args", dict(KEEPALIVE))
    try:
        return create_engine(url, pool_pre_ping=True, **options)
    except ModuleNotFoundError as error:
        if not is_postgres(url):
            raise
        message = (
            f"{where(url)} needs the PostgreSQL driver (psycopg), which is not installed: "
            f"{INSTALL_POSTGRES}"
        )
        raise StoreError(message) from error
