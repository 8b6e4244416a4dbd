"""The first step of an ingestion run: what the store knows of the folder, and what to read.

*Triage* compares each scanned file's size and mtime with what the store knows, marks
articles whose files vanished as deleted, and records files that are rejected or still being
written (*outcomes*); only the rest is read (:mod:`summarizer.ingest.pipeline`).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from summarizer.clock import as_utc
from summarizer.ingest.report import ArticleEvent, FileProblem, IngestReport
from summarizer.ingest.scan import FileEntry
from summarizer.ingest.scope import Scope, in_scope, scan_paths
from summarizer.store.articles import ArticleRow, PendingFileRow, RejectRow

EMPTY_FOLDER_GUARD = 10
"""A full scan that finds no article file deletes nothing when this many articles would go."""


def empty_folder_notice(stored: int, others: int = 0) -> str:
    """Why a scan that found no article file deleted nothing (``others``: files it found that
    are not articles: hidden, temporary, unsupported, unreadable)."""
    if others:
        found = f"holds no article file (only {others} hidden, temporary or unreadable)"
        keep = "article file (.txt, .md, .json, .html)"
    else:
        found, keep = "is empty", "file"
    return (
        f"the corpus folder {found}, but {stored} stored articles have files there: an "
        "unmounted volume or a sync in progress? Nothing was marked deleted; once files are "
        f"back the next scan goes on. To retire them all, leave at least one {keep} in the "
        "folder"
    )


def article_files(entries: list[FileEntry]) -> int:
    """Files of the scan that are articles or may become one (a readable type, not rejected
    by the scan): a hidden temporary file (``.business_001.txt.Xa1b2``) is not one."""
    return sum(1 for entry in entries if entry.kind is not None and entry.rejected is None)


class RunState:
    """State of one ingestion run (the store's view of the corpus folder, and the report)."""

    def __init__(
        self,
        root: Path,
        now: datetime,
        report: IngestReport,
        scope: Scope | None = None,
        *,
        stable_seconds: float = 0.0,
    ) -> None:
        self.root = root
        self.stable_seconds = stable_seconds
        self.scope = scope
        """What a targeted run looks at (None: the whole folder)."""
        self.now = now
        self.report = report
        self.articles: dict[str, tuple[int, int, float, bool]] = {}
        """path → (id, size, mtime, deleted) for every article file under the root."""
        self.read = 0
        """Files read so far (for progress)."""
        self.rejected_paths: set[str] = set()
        """Paths with a row in ``rejects`` (kept in step so that most files need no DELETE)."""

    def relative(self, path: str | Path) -> str:
        path = Path(path)
        return (
            path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)
        )

    # -- triage -------------------------------------------------------------------------------

    def triage(self, session: Session, entries: list[FileEntry]) -> list[FileEntry]:
        """Record rejects and pending files, mark vanished articles deleted; return what to read."""
        query = select(
            ArticleRow.id, ArticleRow.path, ArticleRow.file_size, ArticleRow.file_mtime,
            ArticleRow.deleted_at.is_not(None),
        ).where(in_scope(ArticleRow.path, self.root, self.scope))  # fmt: skip
        seen = {entry.location for entry in entries}
        # Folders that could not be listed: what lies under them is not known to be gone.
        hidden = tuple(entry.location + os.sep for entry in entries if entry.unreadable)
        vanished: list[int] = []
        for article_id, path, size, mtime, deleted in session.execute(query):
            if self.scope is not None and not self.scope.covers(path):
                continue
            self.articles[path] = (article_id, size, mtime, bool(deleted))
            if not deleted and path not in seen and not path.startswith(hidden):
                vanished.append(article_id)
        guarded = self.scope is None and not article_files(entries)
        if len(vanished) >= EMPTY_FOLDER_GUARD and guarded:
            self.report.notices.append(empty_folder_notice(len(vanished), len(entries)))
        else:
            self._mark_deleted(session, vanished)
        rejects = {
            row.path: row
            for row in session.scalars(
                select(RejectRow).where(in_scope(RejectRow.path, self.root, self.scope))
            )
            if self._covers(row.path)
        }
        pending = {
            row.path: row
            for row in session.scalars(
                select(PendingFileRow).where(in_scope(PendingFileRow.path, self.root, self.scope))
            )
            if self._covers(row.path)
        }
        for path in rejects.keys() - seen:
            if not path.startswith(hidden):
                session.delete(rejects.pop(path))
        for path in pending.keys() - seen:
            if not path.startswith(hidden):
                session.delete(pending.pop(path))
        deleted_ids = {event.article_id for event in self.report.deleted}
        for path, row in list(rejects.items()):
            if row.duplicate_of in deleted_ids:
                session.delete(rejects.pop(path))  # its original is gone: read it afresh
        session.flush()
        self.rejected_paths = set(rejects)
        todo = []
        for entry in entries:
            if self._settled(session, entry, rejects.get(entry.location), pending):
                continue
            todo.append(entry)
        return todo

    def _mark_deleted(self, session: Session, ids: list[int]) -> None:
        """Mark articles whose files vanished as deleted, and report them."""
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            session.execute(
                update(ArticleRow).where(ArticleRow.id.in_(chunk)).values(deleted_at=self.now)
            )
            query = select(
                ArticleRow.id, ArticleRow.path, ArticleRow.headline, ArticleRow.outlet,
                ArticleRow.version,
            ).where(ArticleRow.id.in_(chunk)).order_by(ArticleRow.id)  # fmt: skip
            for row in session.execute(query):
                event = ArticleEvent(
                    self.relative(row.path), row.id, row.headline, row.outlet, row.version
                )
                self.report.deleted.append(event)

    def _covers(self, path: str) -> bool:
        return self.scope is None or self.scope.covers(path)

    def reread_duplicates(self, session: Session, limits: dict[str, float]) -> list[FileEntry]:
        """Files outside a targeted run's scope that duplicated an article it deleted.

        The full scan reads them afresh (one may now be the article); so does a targeted run.
        """
        deleted_ids = [event.article_id for event in self.report.deleted]
        if not deleted_ids:
            return []
        rows = session.scalars(select(RejectRow).where(RejectRow.duplicate_of.in_(deleted_ids)))
        paths = [row.path for row in rows if not self._covers(row.path)]
        if not paths:
            return []
        session.execute(delete(RejectRow).where(RejectRow.path.in_(paths)))
        self.rejected_paths.difference_update(paths)
        entries, _, _ = scan_paths(self.root, paths, **limits)  # type: ignore[arg-type]
        self.report.scanned += len(entries)
        return [entry for entry in entries if not self._settled(session, entry, None, {})]

    def _settled(
        self,
        session: Session,
        entry: FileEntry,
        reject: RejectRow | None,
        pending: dict[str, PendingFileRow],
    ) -> bool:
        """True when the file needs no reading now (rejected, pending, or unchanged)."""
        path = entry.location
        if entry.rejected:
            if reject and reject.reason == entry.rejected and _same_stat(reject, entry):
                self.report.unchanged += 1
            else:
                self.reject(session, entry, entry.rejected)
            return True
        observed = pending.get(path)
        known = self.articles.get(path)
        unchanged = known and not known[3] and (known[1], known[2]) == (entry.size, entry.mtime)
        if entry.skewed and unchanged:
            self.report.unchanged += 1  # read already (its mtime still lies ahead of the clock)
            return True
        if entry.pending and not self._steady(entry, observed):
            self.wait(session, entry, entry.pending, observed)
            return True
        if observed is not None:
            if not _same_stat(observed, entry):
                reason = "changed since the last scan: waiting until it stays the same"
                self.wait(session, entry, reason, observed)
                return True
            session.delete(observed)
            session.flush()  # so that a new observation of this path can be added later
        if unchanged:
            self.report.unchanged += 1
            return True
        if reject is not None and _same_stat(reject, entry):
            self.report.unchanged += 1
            return True
        return False

    def _steady(self, entry: FileEntry, observed: PendingFileRow | None) -> bool:
        """Whether a file with a future mtime has kept its size and mtime long enough."""
        return (
            entry.skewed
            and observed is not None
            and _same_stat(observed, entry)
            and (self.now - as_utc(observed.observed_at)).total_seconds() >= self.stable_seconds
        )

    # -- outcomes -----------------------------------------------------------------------------

    def _forget_reject(self, session: Session, path: str) -> None:
        if path in self.rejected_paths:
            session.execute(delete(RejectRow).where(RejectRow.path == path))
            self.rejected_paths.discard(path)

    def reject(
        self, session: Session, entry: FileEntry, reason: str, duplicate_of: int | None = None
    ) -> None:
        """Record why a file is not an article (replacing an older record of the same path)."""
        path = entry.location
        self._forget_reject(session, path)
        session.execute(delete(PendingFileRow).where(PendingFileRow.path == path))
        self.rejected_paths.add(path)
        session.add(
            RejectRow(
                path=path,
                reason=reason,
                file_size=entry.size,
                file_mtime=entry.mtime,
                recorded_at=self.now,
                duplicate_of=duplicate_of,
            )
        )
        if duplicate_of is None:
            self.report.rejected.append(FileProblem(self.relative(path), reason))

    def wait(
        self, session: Session, entry: FileEntry, reason: str, observed: PendingFileRow | None
    ) -> None:
        """Remember the file's size and mtime; it is read once they stop changing."""
        if observed is None:
            path = entry.location
            observed = session.get(PendingFileRow, path) or PendingFileRow(path=path)
            session.add(observed)
        if not _same_stat(observed, entry):
            observed.file_size, observed.file_mtime = entry.size, entry.mtime
            observed.observed_at = self.now
        self.report.pending.append(FileProblem(self.relative(entry.path), reason))


def _same_stat(row: RejectRow | PendingFileRow, entry: FileEntry) -> bool:
    return (row.file_size, row.file_mtime) == (entry.size, entry.mtime)
