"""One writer of the pipeline at a time per database, across processes.

Ingestion, the stories update and the people index each read the store, decide, then write;
two processes doing so at once (``briefbot run`` and ``briefbot ingest``, or two bots on one
file) would store the same file twice or cluster an article twice. A SQLite database gets an
advisory lock file beside it (``<database>.lock``, ``flock``: released by the kernel when the
holder dies, even by ``kill -9``); other databases get a lock within the process only.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy.engine import make_url

POLL_SECONDS = 0.2
UPDATING = (
    "is updating this database (ingest, stories or people index); try again once it has finished"
)


class Busy(Exception):
    """Another process holds the pipeline lock; the message says which and what to do."""


class PipelineLock:
    """The pipeline lock of one database; re-entrant within the thread that holds it."""

    def __init__(self, url: str, *, suffix: str = ".lock", doing: str = UPDATING) -> None:
        """``suffix``: of the lock file beside the database; ``doing``: what the holder is
        said to do when another one is refused."""
        self.doing = doing
        parsed = make_url(url)
        database = parsed.database or ""
        self.path: Path | None = None
        if parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:"):
            if database.startswith("file:"):  # a URI filename: the path before any query
                database = database[5:].split("?", 1)[0]
            self.path = Path(database).expanduser().with_name(Path(database).name + suffix)
        self._local = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @contextlib.contextmanager
    def hold(
        self, *, wait: float = 0.0, on_wait: Callable[[], None] | None = None
    ) -> Iterator[None]:
        """Hold the lock for the block; wait up to ``wait`` seconds for another holder.

        ``on_wait`` is called once when the lock is taken by another process (to tell the
        user why nothing happens). Raises :class:`Busy` when the wait runs out.
        """
        if not self._local.acquire(blocking=wait > 0, timeout=wait if wait > 0 else -1):
            raise Busy(self._message(os.getpid()))  # another thread of this process
        try:
            if self._depth == 0:
                self._fd = self._acquire(wait, on_wait)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._fd is not None:
                    os.close(self._fd)  # closing releases the flock
                    self._fd = None
        finally:
            self._local.release()

    def _message(self, pid: int | None) -> str:
        who = f"another Briefbot process (pid {pid})" if pid else "another Briefbot process"
        return f"{who} {self.doing}"

    def _acquire(self, wait: float, on_wait: Callable[[], None] | None) -> int | None:
        if self.path is None:
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None  # a read-only folder: the database refuses writes with its own message
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _holder(fd)
                    os.close(fd)
                    raise Busy(self._message(holder)) from None
                if on_wait is not None and not told:
                    on_wait()
                    told = True
                time.sleep(POLL_SECONDS)
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        return fd


def _holder(fd: int) -> int | None:
    """The process id the holder wrote into the lock file, if readable."""
    try:
        return int(os.pread(fd, 32, 0).decode().strip() or "x")
    except (OSError, ValueError):
        return None
