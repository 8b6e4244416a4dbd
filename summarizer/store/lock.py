"""One writer of the pipeline at a time per database, across processes and machines.

Ingestion, the stories update and the people index each read the store, decide, then write;
two processes doing so at once (``briefbot run`` and ``briefbot ingest``, or two bots on one
database) would store the same file twice or cluster an article twice. A SQLite database gets
an advisory lock file beside the database file it resolves to (``<database>.lock``, ``flock``:
released by the kernel when the holder dies, even by ``kill -9``; a symlink to the database
finds the same lock). A PostgreSQL database gets a session-level advisory lock
(:mod:`summarizer.store.advisory`), which every machine on that database sees. Other
databases get a lock within the process only.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from sqlalchemy.engine import make_url

from summarizer.store.advisory import AdvisoryLock

POLL_SECONDS = 0.2
UPDATING = (
    "is updating this database (ingest, stories or people index); try again once it has finished"
)


class Busy(Exception):
    """Another process holds the pipeline lock; the message says which and what to do."""


class CrossProcessLock(Protocol):
    """What :class:`PipelineLock` needs of a lock other processes see."""

    def try_lock(self) -> bool: ...

    def holder(self) -> str | None: ...

    def release(self) -> None: ...


class FileLock:
    """An ``flock`` on a lock file; the holder writes its process id into it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def try_lock(self) -> bool:
        if self._fd is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:
                return True  # a read-only folder: the database refuses writes with its message
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, str(os.getpid()).encode(), 0)
        return True

    def holder(self) -> str | None:
        """``pid N`` as the holder wrote it into the lock file, if readable."""
        if self._fd is None:
            return None
        try:
            return f"pid {int(os.pread(self._fd, 32, 0).decode().strip() or 'x')}"
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the flock
            self._fd = None


def lock_file(database: str, suffix: str) -> Path:
    """The lock file of a SQLite database: beside the file it resolves to (symlinks followed)."""
    if database.startswith("file:"):  # a URI filename: the path before any query
        database = database[5:].split("?", 1)[0]
    resolved = Path(database).expanduser().resolve()
    return resolved.with_name(resolved.name + suffix)


class PipelineLock:
    """The pipeline lock of one database; re-entrant within the thread that holds it."""

    def __init__(self, url: str, *, suffix: str = ".lock", doing: str = UPDATING) -> None:
        """``suffix``: of the lock file beside the database (or the advisory lock's name);
        ``doing``: what the holder is said to do when another one is refused."""
        self.doing = doing
        self.url = url
        self.suffix = suffix
        parsed = make_url(url)
        database = parsed.database or ""
        self.path: Path | None = None
        if parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:"):
            self.path = lock_file(database, suffix)
        self._local = threading.RLock()
        self._depth = 0
        self._held: CrossProcessLock | None = None

    def _shared(self) -> CrossProcessLock | None:
        if self.path is not None:
            return FileLock(self.path)
        if make_url(self.url).get_backend_name() == "postgresql":
            return AdvisoryLock(self.url, f"briefbot{self.suffix}")
        return None

    @contextlib.contextmanager
    def hold(
        self, *, wait: float = 0.0, on_wait: Callable[[], None] | None = None
    ) -> Iterator[None]:
        """Hold the lock for the block; wait up to ``wait`` seconds for another holder.

        ``on_wait`` is called once when the lock is taken by another process (to tell the
        user why nothing happens). Raises :class:`Busy` when the wait runs out.
        """
        if not self._local.acquire(blocking=wait > 0, timeout=wait if wait > 0 else -1):
            raise Busy(self._message(f"pid {os.getpid()}"))  # another thread of this process
        try:
            if self._depth == 0:
                self._held = self._acquire(wait, on_wait)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._held is not None:
                    self._held.release()
                    self._held = None
        finally:
            self._local.release()

    def _message(self, who: str | None) -> str:
        name = f"another Briefbot process ({who})" if who else "another Briefbot process"
        return f"{name} {self.doing}"

    def _acquire(self, wait: float, on_wait: Callable[[], None] | None) -> CrossProcessLock | None:
        lock = self._shared()
        if lock is None:
            return None
        deadline = time.monotonic() + wait
        told = False
        while not lock.try_lock():
            if time.monotonic() >= deadline:
                who = lock.holder()
                lock.release()
                raise Busy(self._message(who))
            if on_wait is not None and not told:
                on_wait()
                told = True
            time.sleep(POLL_SECONDS)
        return lock
