"""Engine and sessions for one database URL; migrations run on open."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from summarizer.store.errors import StoreError, explain, unknown_revision, where
from summarizer.store.lock import PipelineLock
from summarizer.store.migrate import MigrationError, current, upgrade
from summarizer.store.url import engine_for, normalise

MIGRATION_WAIT_SECONDS = 120.0
"""How long opening a database whose schema needs upgrading waits for another writer."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Store:
    """One database: an engine, a session factory, and its schema kept up to date.

    ``extra_migrations`` lets the chat side add its own version folder without
    this package knowing about it.
    """

    def __init__(
        self,
        url: str,
        *,
        extra_migrations: Sequence[Path] = (),
        migrate: bool = True,
    ) -> None:
        url = normalise(url)
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            folder = Path(parsed.database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                reason = error.strerror or str(error)
                message = f"cannot create the folder {folder} for {where(url)}: {reason}"
                raise StoreError(message) from None
        self.url = url
        self.engine: Engine = engine_for(url)
        if parsed.get_backend_name() == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.lock = PipelineLock(url)
        """Held while ingesting, clustering or indexing (one writer per database)."""
        if migrate:
            try:
                if not current(self.engine, extra_migrations):
                    with self.lock.hold(wait=MIGRATION_WAIT_SECONDS):  # one migrating process
                        upgrade(self.engine, extra_migrations)
            except (SQLAlchemyError, MigrationError) as error:
                self.engine.dispose()
                message = explain(error, url)
                if message is None:
                    raise
                if unknown_revision(error) and not extra_migrations:
                    message += (
                        ". Or, if the chat side uses this database too, it was opened without "
                        "the chat side's migrations: pass extra_migrations=[BOT_MIGRATIONS] "
                        "(bot.storage), as every briefbot command does"
                    )
                raise StoreError(message) from error

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()
