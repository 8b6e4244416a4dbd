"""PostgreSQL advisory locks: one holder per database and name, across machines.

A session-level lock lives as long as the connection that took it: the server releases it
when the holder closes, dies (``kill -9``: the kernel closes the socket) or vanishes (the
connection's TCP keepalives, set here, end it within about 25 s).
"""

from __future__ import annotations

import contextlib
import os
import socket
import zlib

from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from summarizer.store.url import engine_for, normalise

NAMESPACE = 0x42726966
"""The first key of every Briefbot advisory lock ("Brif"); the second is the lock's name."""
SERVER_KEEPALIVE = (
    "SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3"
)
"""The server side ends a vanished holder's session (and so its lock) in about 25 s."""


def lock_key(name: str) -> int:
    """The second (32-bit, non-negative) key of the advisory lock called ``name``."""
    return zlib.crc32(name.encode()) & 0x7FFFFFFF


def holder_name() -> str:
    """How this process names itself to the server (``application_name``)."""
    return f"briefbot pid {os.getpid()} on {socket.gethostname()}"[:63]


class AdvisoryLock:
    """One named advisory lock of one PostgreSQL database, held on a connection of its own."""

    def __init__(self, url: str, name: str) -> None:
        self.key = lock_key(name)
        self._engine = engine_for(normalise(url), poolclass=NullPool)
        self._connection: Connection | None = None

    def try_lock(self) -> bool:
        """Take the lock if it is free (never waits); True when this object holds it."""
        if self._connection is None:
            connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            connection.execute(text("SELECT set_config('application_name', :name, false)"),
                               {"name": holder_name()})  # fmt: skip
            connection.exec_driver_sql(SERVER_KEEPALIVE)
            self._connection = connection
        query = text("SELECT pg_try_advisory_lock(:namespace, :key)")
        taken = self._connection.scalar(query, {"namespace": NAMESPACE, "key": self.key})
        if not taken:
            self.release()
        return bool(taken)

    def alive(self) -> bool:
        """Whether the holding connection still answers (and so still holds the lock)."""
        if self._connection is None:
            return False
        try:
            self._connection.exec_driver_sql("SELECT 1")
        except SQLAlchemyError:
            return False
        return True

    def holder(self) -> str | None:
        """Who holds the lock (``pid N`` on this host, ``pid N on HOST`` elsewhere), if known."""
        query = text(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :namespace "
            "AND l.objid = :key AND l.objsubid = 2 "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        try:
            with self._engine.connect() as connection:
                name = connection.scalar(query, {"namespace": NAMESPACE, "key": self.key})
        except SQLAlchemyError:
            return None
        if not name or not name.startswith("briefbot pid "):
            return None
        who = name.removeprefix("briefbot ")
        here = f" on {socket.gethostname()}"
        return who.removesuffix(here) if who.endswith(here) else who

    def release(self) -> None:
        """Give the lock up (closing its connection releases it on the server)."""
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(SQLAlchemyError):  # the server is gone: so is the lock
                connection.close()
