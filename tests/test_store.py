"""The store migrates a fresh SQLite file and keeps WAL mode on."""

from __future__ import annotations

from sqlalchemy import inspect, text

from bot.storage import BOT_MIGRATIONS
from summarizer.store import Base, Store


def test_fresh_database_gets_every_table_and_wal(sqlite_url: str) -> None:
    store = Store(sqlite_url, extra_migrations=[BOT_MIGRATIONS])
    with store.engine.connect() as connection:
        mode = connection.execute(text("PRAGMA journal_mode")).scalar()
    tables = set(inspect(store.engine).get_table_names())
    store.close()
    assert mode == "wal"
    assert {"articles", "article_versions", "rejects"} <= tables


def test_migrations_match_the_models(database_url: str) -> None:
    """Autogenerate finds nothing to add: the migrations create exactly the ORM schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import bot.storage.tables  # noqa: F401  (registers the chat side's tables)
    import summarizer.store.tables  # noqa: F401  (registers every summarizer table)

    store = Store(database_url, extra_migrations=[BOT_MIGRATIONS])
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        diff = compare_metadata(context, Base.metadata)
    store.close()
    assert diff == []
