"""Run Alembic migrations programmatically (no alembic.ini needed at run time).

Alembic (about a second to import on a busy machine) loads only when the schema must
change or cannot be read plainly: an up-to-date database is checked from the revision
lines of the version files, so every command opens a store quickly.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


class MigrationError(Exception):
    """Alembic refused (e.g. a revision this release does not know); its message kept."""


@contextmanager
def _alembic_errors() -> Iterator[None]:
    from alembic.util import CommandError

    try:
        yield
    except CommandError as error:
        raise MigrationError(str(error)) from error


def alembic_config(extra_migrations: Sequence[Path] = ()) -> Config:
    """An Alembic config over our version folder plus any extra ones."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    locations = [MIGRATIONS / "versions", *extra_migrations]
    config.set_main_option("version_locations", " ".join(str(p) for p in locations))
    config.set_main_option("path_separator", "space")
    return config


def current(engine: Engine, extra_migrations: Sequence[Path] = ()) -> bool:
    """Whether the schema is at the newest revision of every branch already (read-only)."""
    with engine.connect() as connection:
        stored = _stored(connection)
    graph = _file_graph(_folders(extra_migrations))
    if graph is not None:
        return stored == graph[1]
    from alembic.script import ScriptDirectory

    with _alembic_errors():
        script = ScriptDirectory.from_config(alembic_config(extra_migrations))
        return stored == set(script.get_heads())


def _stored(connection: Connection) -> set[str]:
    """The revisions the database records (none for a new database)."""
    if not inspect(connection).has_table("alembic_version"):
        return set()
    return set(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


def _folders(extra_migrations: Sequence[Path]) -> tuple[Path, ...]:
    return (MIGRATIONS / "versions", *map(Path, extra_migrations))


@cache
def _file_graph(folders: tuple[Path, ...]) -> tuple[frozenset[str], frozenset[str]] | None:
    """Every revision of these version folders and the heads among them, from each file's
    literal ``revision`` and ``down_revision``; None when a file does not state them plainly
    (Alembic decides then)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for folder in folders:
        for path in sorted(Path(folder).glob("*.py")):
            if path.name == "__init__.py":
                continue
            found = _literals(path, ("revision", "down_revision"))
            if found is None or not isinstance(found.get("revision"), str):
                return None
            revisions.add(found["revision"])
            down = found.get("down_revision")
            parents.update([down] if isinstance(down, str) else down or ())
    return (frozenset(revisions), frozenset(revisions - parents)) if revisions else None


def _literals(path: Path, names: tuple[str, ...]) -> dict[str, object] | None:
    """Module-level ``name = <literal>`` values of a file; None when one is not a literal."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if isinstance(target, ast.Name) and target.id in names and node.value is not None:
            try:
                found[target.id] = ast.literal_eval(node.value)
            except ValueError:
                return None
    return found


def upgrade(engine: Engine, extra_migrations: Sequence[Path] = ()) -> None:
    """Bring the schema to the newest revision of every branch."""
    from alembic import command

    config = alembic_config(extra_migrations)
    with _alembic_errors(), engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")


def unknown_revisions(engine: Engine, extra_migrations: Sequence[Path] = ()) -> list[str]:
    """Schema revisions recorded in the database that this release does not know (read-only).

    Non-empty after a downgrade: the database was written by a newer release.
    """
    with engine.connect() as connection:
        recorded = _stored(connection)  # none for a new database: the next start creates it
    graph = _file_graph(_folders(extra_migrations))
    if graph is not None:
        return sorted(recorded - graph[0])
    from alembic.script import ScriptDirectory

    with _alembic_errors():
        script = ScriptDirectory.from_config(alembic_config(extra_migrations))
        known = {revision.revision for revision in script.walk_revisions()}
    return sorted(recorded - known)
