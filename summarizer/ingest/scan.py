"""Walk the corpus folder: every file with its size and mtime, and why it cannot be read yet.

Decisions that need no reading are made here: temporary names and young files are
*pending*; unsupported types, oversized files, links leading outside the folder are
*rejected*. Hidden folders are not entered.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from summarizer.ingest.formats import FORMAT_OF

TEMPORARY_SUFFIXES = (".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".swp", "~")


@dataclass(frozen=True)
class FileEntry:
    """One file of the corpus as seen by the scan."""

    location: str
    """Absolute path inside the corpus folder, as text (symbolic links are not resolved)."""
    size: int
    mtime: float
    kind: str | None = None
    """Format (``txt``, ``md``, ``json``, ``html``) when the file is readable."""
    rejected: str | None = None
    pending: str | None = None
    link: bool = False
    """Found through a symbolic link (sorted last)."""
    unreadable: bool = False
    """A folder that could not be listed: what the store knows under it is kept as it is."""
    skewed: bool = False
    """Its mtime lies in the future (clock skew): stable once it stays the same for a while."""

    @property
    def path(self) -> Path:
        """:attr:`location` as a :class:`~pathlib.Path` (built on demand: a scan makes
        thousands of entries and most are only compared with the store)."""
        return Path(self.location)


def scan(root: Path, *, max_file_bytes: int, stable_seconds: float, now: float) -> list[FileEntry]:
    """Every file under ``root`` (an absolute, resolved folder): real files first, by path.

    Links come last so that a link to a file of the corpus reads as its duplicate.
    """
    found: list[FileEntry] = []
    walk(root, root, found, max_file_bytes=max_file_bytes, stable_seconds=stable_seconds, now=now)
    return sorted(found, key=lambda entry: (entry.link, entry.location))


def walk(root: Path, folder: Path | str, found: list[FileEntry], **limits: float) -> None:
    """Add every file under ``folder`` to ``found`` (hidden folders and folder links skipped)."""
    try:
        children = list(os.scandir(folder))
    except OSError as error:
        reason = f"cannot read the folder: {why(error)}; its files are kept as they were"
        found.append(FileEntry(storable(str(folder)), 0, 0.0, rejected=reason, unreadable=True))
        return
    for child in children:
        try:
            if child.is_symlink():
                link_entry(root, Path(child.path), found, **limits)
            elif child.is_dir(follow_symlinks=False):
                if not child.name.startswith("."):
                    walk(root, child.path, found, **limits)
            else:
                info = child.stat(follow_symlinks=False)
                found.append(file_entry(child.path, info, name=child.name, **limits))
        except OSError as error:
            reason = f"cannot read the file: {why(error)}"
            found.append(FileEntry(storable(child.path), 0, 0.0, rejected=reason))


def storable(location: str) -> str:
    """``location`` as the store can hold it: bytes that are not UTF-8 shown as ``\\xNN``."""
    try:
        location.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(location).decode("utf-8", "backslashreplace")
    return location


def link_entry(root: Path, path: Path, found: list[FileEntry], **limits: float) -> None:
    """Follow a symbolic link only when it stays inside the corpus folder."""
    own = path.lstat()
    if storable(str(path)) != str(path):
        found.append(file_entry(path, own, **limits))  # rejected for its name, like a file
        return
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        broken = "broken symbolic link"
        found.append(FileEntry(str(path), 0, own.st_mtime, rejected=broken, link=True))
        return
    if not target.is_relative_to(root):
        what = "folder" if target.is_dir() else "file"
        reason = f"symbolic link to a {what} outside the corpus folder, not followed: {target}"
        found.append(FileEntry(str(path), own.st_size, own.st_mtime, rejected=reason, link=True))
        return
    if target.is_dir():
        return  # its files are scanned where they really are
    found.append(replace(file_entry(path, target.stat(), **limits), link=True))


def file_entry(
    path: Path | str,
    info: os.stat_result,
    *,
    max_file_bytes: float,
    stable_seconds: float,
    now: float,
    name: str | None = None,
) -> FileEntry:
    """The entry for one file (``info`` from its stat): readable, pending or rejected."""
    size, mtime = info.st_size, info.st_mtime
    location = str(path)
    name = name or os.path.basename(location)
    if (shown := storable(location)) != location:
        reason = "the file name is not valid UTF-8: rename the file to have it read"
        return FileEntry(shown, size, mtime, rejected=reason)
    dot = name.rfind(".")
    suffix = name[dot:] if 0 < dot < len(name) - 1 else ""  # as ``Path.suffix``, without a Path
    if not stat.S_ISREG(info.st_mode):
        return FileEntry(location, size, mtime, rejected="not a regular file")
    if name.startswith(".") or name.lower().endswith(TEMPORARY_SUFFIXES):
        reason = "temporary or hidden name: still being written; read once it is renamed"
        return FileEntry(location, size, mtime, pending=reason)
    kind = FORMAT_OF.get(suffix.lower())
    if kind is None:
        what = f"type '{suffix}'" if suffix else "type (no extension)"
        reason = f"unsupported file {what}: Briefbot reads .txt, .md, .json and .html"
        return FileEntry(location, size, mtime, rejected=reason)
    age = now - mtime
    if age < 0 and size <= max_file_bytes:
        reason = (
            f"modification time {-age:.0f} s in the future (clock skew?): read once it has "
            f"not changed for {stable_seconds:g} s"
        )
        return FileEntry(location, size, mtime, kind=kind, pending=reason, skewed=True)
    if 0 <= age < stable_seconds:
        reason = (
            f"modified {max(age, 0.0):.1f} s ago: waiting until it has not changed "
            f"for {stable_seconds:g} s"
        )
        return FileEntry(location, size, mtime, kind=kind, pending=reason)
    if size > max_file_bytes:
        reason = (
            f"file too large: {_megabytes(size)}, over the {_megabytes(max_file_bytes)} limit "
            f"(max_file_bytes)"
        )
        return FileEntry(location, size, mtime, rejected=reason)
    return FileEntry(location, size, mtime, kind=kind)


def _megabytes(size: float) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{int(size):,} bytes"


def why(error: OSError) -> str:
    """A short reason for an OS error, as shown in reports."""
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)
