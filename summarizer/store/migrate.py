"""Run Alembic migrations programmatically (no alembic.ini needed at run time)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(extra_migrations: Sequence[Path] = ()) -> Config:
    """An Alembic config over our version folder plus any extra ones."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    locations = [MIGRATIONS / "versions", *extra_migrations]
    config.set_main_option("version_locations", " ".join(str(p) for p in locations))
    config.set_main_option("path_separator", "space")
    return config


def upgrade(engine: Engine, extra_migrations: Sequence[Path] = ()) -> None:
    """Bring the schema to the newest revision of every branch."""
    config = alembic_config(extra_migrations)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")
