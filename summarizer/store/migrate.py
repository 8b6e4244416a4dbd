"""Run Alembic migrations programmatically (no alembic.ini needed at run time)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(extra_migrations: Sequence[Path] = ()) -> Config:
    """An Alembic config over our version folder plus any extra ones."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    locations = [MIGRATIONS / "versions", *extra_migrations]
    config.set_main_option("version_locations", " ".join(str(p) for p in locations))
    config.set_main_option("path_separator", "space")
    return config


def current(engine: Engine, extra_migrations: Sequence[Path] = ()) -> bool:
    """Whether the schema is at the newest revision of every branch already (read-only)."""
    with engine.connect() as connection:
        stored = set(MigrationContext.configure(connection).get_current_heads())
    script = ScriptDirectory.from_config(alembic_config(extra_migrations))
    return stored == set(script.get_heads())


def upgrade(engine: Engine, extra_migrations: Sequence[Path] = ()) -> None:
    """Bring the schema to the newest revision of every branch."""
    config = alembic_config(extra_migrations)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")


def unknown_revisions(engine: Engine, extra_migrations: Sequence[Path] = ()) -> list[str]:
    """Schema revisions recorded in the database that this release does not know (read-only).

    Non-empty after a downgrade: the database was written by a newer release.
    """
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return []  # a new database: the next start creates the schema
        stored = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        recorded = list(stored)
    script = ScriptDirectory.from_config(alembic_config(extra_migrations))
    known = {revision.revision for revision in script.walk_revisions()}
    return sorted(set(recorded) - known)
