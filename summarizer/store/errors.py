"""Database failures the operator can act on, said in words (no traceback needed)."""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url

_REVISION = re.compile(r"Can't locate revision identified by '([^']+)'")


class StoreError(Exception):
    """The database cannot be used; the message says why and what to do."""


def where(url: str) -> str:
    """The database as the operator named it (a file path for SQLite, no password)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return f"database {parsed.database}"
    return f"database {parsed.render_as_string(hide_password=True)}"


def unknown_revision(error: BaseException) -> str | None:
    """The schema revision Alembic could not find, when that is what ``error`` says."""
    found = _REVISION.search(str(getattr(error, "orig", None) or error))
    return found[1] if found else None


def explain(error: BaseException, url: str) -> str | None:
    """A clear message for a known database failure, or None for anything else."""
    text = str(getattr(error, "orig", None) or error)
    lower = text.lower()
    name = where(url)
    if found := _REVISION.search(text):
        return (
            f"{name} was written by a newer Briefbot: its schema revision {found[1]!r} is "
            "unknown to this version. Upgrade Briefbot (or restore a backup); the database "
            "was not changed"
        )
    if "not a database" in lower:
        return (
            f"{name} is not a SQLite database. Point BRIEFBOT_DATABASE_URL at Briefbot's "
            "database, or at a new file name; the file was not changed"
        )
    if "readonly" in lower or "read-only" in lower:
        return (
            f"{name} is read-only: Briefbot needs to write the file and its folder (for the "
            "-wal and -shm files beside it)"
        )
    if "unable to open database file" in lower:
        return f"cannot open {name}: its folder is missing or not writable"
    if "disk is full" in lower or "no space left" in lower:
        return (
            f"the disk holding {name} is full: the unfinished change was rolled back, nothing "
            "stored was lost. Free some space; the next run carries on"
        )
    if "database is locked" in lower or "database is busy" in lower:
        return (
            f"{name} stayed locked by another process for too long; nothing was lost, "
            "try again (the bot retries on its own)"
        )
    if "disk i/o error" in lower:
        return f"the disk holding {name} failed to read or write (disk I/O error)"
    return _explain_server(lower, name)


def _explain_server(lower: str, name: str) -> str | None:
    """A clear message for a database server (PostgreSQL) that refused or cannot be reached."""
    if "password authentication failed" in lower or "no password supplied" in lower:
        return (
            f"{name} refused the password: check the user and password in "
            "BRIEFBOT_DATABASE_URL (nothing was changed)"
        )
    if found := re.search(r'database "([^"]+)" does not exist', lower):
        return (
            f"{name}: the server has no database {found[1]!r}. Create it first "
            f"(createdb {found[1]}); Briefbot creates its tables, not the database"
        )
    if found := re.search(r'role "([^"]+)" does not exist', lower):
        return f"{name}: the server has no user {found[1]!r}; check BRIEFBOT_DATABASE_URL"
    if (
        "connection refused" in lower
        or "failed to resolve host" in lower
        or "could not translate host name" in lower
        or "timeout expired" in lower
        or "server closed the connection" in lower
        or ("no such file or directory" in lower and "connection to server" in lower)
    ):
        return (
            f"cannot reach {name}: is the server running and accepting connections there? "
            "Nothing was changed"
        )
    return None
