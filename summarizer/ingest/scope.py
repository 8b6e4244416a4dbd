"""A targeted scan: only the paths a file watcher saw change, as the full scan sees them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import ColumnElement, or_

from summarizer.ingest.scan import FileEntry, file_entry, link_entry, storable, walk, why

IN_SQL_FOLDERS = 64
"""A scope with more folders than this is filtered in Python (:meth:`Scope.covers`), not SQL."""


@dataclass(frozen=True)
class Scope:
    """The part of the corpus a targeted scan looked at: single files and whole folders."""

    files: frozenset[str]
    folders: frozenset[str]
    """Folder paths ending with ``os.sep``: everything under them is in the scope."""

    def covers(self, path: str) -> bool:
        return path in self.files or any(path.startswith(folder) for folder in self.folders)


def in_scope(column: ColumnElement[str], root: Path, scope: Scope | None) -> ColumnElement[bool]:
    """SQL condition: the path lies under ``root`` (and, where it can say so, in ``scope``)."""
    whole = column.startswith(str(root) + os.sep, autoescape=True)
    if scope is None or len(scope.folders) > IN_SQL_FOLDERS or len(scope.files) > 30_000:
        return whole  # the caller filters the rows with :meth:`Scope.covers`
    folders = [column.startswith(folder, autoescape=True) for folder in scope.folders]
    return or_(column.in_(scope.files), *folders)


def scan_paths(
    root: Path, paths: Iterable[Path | str], *, max_file_bytes: int, stable_seconds: float,
    now: float,
) -> tuple[list[FileEntry], Scope, list[str]]:  # fmt: skip
    """What :func:`scan` would say about ``paths`` only: entries, their scope, paths ignored.

    A path that no longer exists stays in the scope (a file or a folder that vanished);
    an existing folder is walked like the full scan. Relative paths are taken from ``root``;
    paths outside it, or in a hidden folder the full scan would not enter, are ignored.
    """
    limits = {"max_file_bytes": max_file_bytes, "stable_seconds": stable_seconds, "now": now}
    found: list[FileEntry] = []
    files: set[str] = set()
    folders: set[str] = set()
    ignored: list[str] = []
    for given in dict.fromkeys(str(p) for p in paths):
        path = _inside(root, Path(given))
        if path is None:
            ignored.append(given)
            continue
        key = storable(str(path))
        try:
            if path.is_symlink():
                files.add(key)
                link_entry(root, path, found, **limits)
            elif path.is_dir():
                if path != root and path.name.startswith("."):
                    ignored.append(given)  # a hidden folder: the full scan does not enter it
                    continue
                folders.add(key + os.sep)
                walk(root, path, found, **limits)
            elif path.exists():
                files.add(key)
                found.append(file_entry(path, path.stat(), **limits))
            else:
                files.add(key)
                folders.add(key + os.sep)
        except OSError as error:
            files.add(key)
            reason = f"cannot read the file: {why(error)}"
            found.append(FileEntry(key, 0, 0.0, rejected=reason))
    found = list({entry.location: entry for entry in found}.values())
    entries = sorted(found, key=lambda entry: (entry.link, entry.location))
    return entries, Scope(frozenset(files), frozenset(folders)), ignored


def _inside(root: Path, path: Path) -> Path | None:
    """``path`` as the full scan names it (links not resolved), or None outside the scan."""
    path = Path(os.path.abspath(root / path))
    if not path.is_relative_to(root):  # the watcher may name the folder by another route
        path = Path(os.path.realpath(path.parent)) / path.name
    if not path.is_relative_to(root):
        return None
    if any(part.startswith(".") for part in path.relative_to(root).parent.parts):
        return None  # hidden folders are not entered
    if path != root and Path(os.path.realpath(path.parent)) != path.parent:
        return None  # reached through a link to a folder, which the full scan does not follow
    return path
