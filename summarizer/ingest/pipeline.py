"""``ingest_corpus``: scan the folder, skip what is known, read the rest, store, report.

A run has three steps: *triage* (compare each file's size and mtime with what the store
knows, mark vanished files deleted), *reading* in chunks (parse and clean each file,
de-duplicate, count paragraphs per outlet, store), and *re-cleaning* stored articles of an
outlet when one of its paragraphs has just turned out to be repeated boilerplate.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from summarizer.clock import Clock, utcnow
from summarizer.config import PipelineConfig
from summarizer.ingest.dedupe import Deduplicator, Target, resolve
from summarizer.ingest.document import Draft, StillChanging, read_draft
from summarizer.ingest.errors import RejectFile
from summarizer.ingest.report import ArticleEvent, Duplicate, FileProblem, IngestReport
from summarizer.ingest.rows import apply_version, new_article_row
from summarizer.ingest.scan import FileEntry, scan
from summarizer.ingest.scope import Scope, in_scope, scan_paths
from summarizer.ingest.stats import reclean, update_counts
from summarizer.store import Store
from summarizer.store.articles import (
    ArticleRow,
    PendingFileRow,
    RejectRow,
    latest_version,
    version_row,
)

log = logging.getLogger(__name__)

CHUNK = 256
"""Files read between two commits (and two statistics updates)."""


def ingest_corpus(
    store: Store,
    corpus_dir: Path,
    config: PipelineConfig,
    *,
    clock: Clock = utcnow,
    progress: Callable[[int, int], None] | None = None,
    paths: Sequence[Path | str] | None = None,
) -> IngestReport:
    """Bring the store up to date with the corpus folder; returns what changed and why.

    With ``paths`` (what a file-event watcher saw change) only those files, and the files
    under those folders, are looked at: new, changed and vanished ones are handled as the
    full scan would handle them; the rest of the store is not touched. Paths outside the
    corpus folder are ignored (logged).
    """
    root = Path(corpus_dir).expanduser()
    if not root.exists():
        raise FileNotFoundError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise NotADirectoryError(f"corpus path is not a folder: {root}")
    root = root.resolve()
    started = time.perf_counter()
    now = clock()
    limits = {
        "max_file_bytes": config.max_file_bytes,
        "stable_seconds": config.stable_seconds,
        "now": now.timestamp(),
    }
    scope: Scope | None = None
    if paths is None:
        entries = scan(root, **limits)  # type: ignore[arg-type]
    else:
        entries, scope, ignored = scan_paths(root, paths, **limits)  # type: ignore[arg-type]
        for path in ignored:
            log.info("not in the corpus folder %s (or in a hidden folder), ignored: %s", root, path)
    run = _Run(root, now, IngestReport(corpus=str(root), scanned=len(entries)), scope)
    with store.session() as session:
        todo = run.triage(session, entries)
        if scope is not None:
            todo += run.reread_duplicates(session, limits)
        if todo:  # nothing to read: no need to load every stored fingerprint
            dedupe = Deduplicator(session)
            if progress is not None:
                progress(0, len(todo))
            for start in range(0, len(todo), CHUNK):
                run.read_chunk(session, todo[start : start + CHUNK], dedupe, progress, len(todo))
                session.commit()
    run.report.seconds = time.perf_counter() - started
    return run.report


class _Run:
    """State of one ingestion run (the store's view of the corpus folder, and the report)."""

    def __init__(
        self, root: Path, now: datetime, report: IngestReport, scope: Scope | None = None
    ) -> None:
        self.root = root
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
        vanished: list[int] = []
        for article_id, path, size, mtime, deleted in session.execute(query):
            if self.scope is not None and not self.scope.covers(path):
                continue
            self.articles[path] = (article_id, size, mtime, bool(deleted))
            if not deleted and path not in seen:
                vanished.append(article_id)
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
            session.delete(rejects.pop(path))
        for path in pending.keys() - seen:
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
        if entry.pending:
            self.wait(session, entry, entry.pending, observed)
            return True
        if observed is not None:
            if not _same_stat(observed, entry):
                reason = "changed since the last scan: waiting until it stays the same"
                self.wait(session, entry, reason, observed)
                return True
            session.delete(observed)
            session.flush()  # so that a new observation of this path can be added later
        known = self.articles.get(path)
        if known and not known[3] and (known[1], known[2]) == (entry.size, entry.mtime):
            self.report.unchanged += 1
            return True
        if reject is not None and _same_stat(reject, entry):
            self.report.unchanged += 1
            return True
        return False

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

    # -- reading ------------------------------------------------------------------------------

    def read_chunk(
        self,
        session: Session,
        entries: list[FileEntry],
        dedupe: Deduplicator,
        progress: Callable[[int, int], None] | None = None,
        total: int = 0,
    ) -> None:
        """Read, de-duplicate, count and store one chunk of files."""
        drafts: list[tuple[Draft, str, Target | None]] = []
        for entry in entries:
            self.read += 1
            if progress is not None:
                progress(self.read, total)
            try:
                draft = read_draft(entry)
            except StillChanging as error:
                self.wait(session, entry, str(error), None)
                continue
            except RejectFile as error:
                self.reject(session, entry, error.reason)
                continue
            known = self.articles.get(entry.location)
            if known is not None:
                draft.article_id = known[0]
                drafts.append((draft, "version", None))
            elif (original := dedupe.exact(draft)) is not None:
                drafts.append((draft, "duplicate", original))
            else:
                draft.update_of = dedupe.near(draft)
                dedupe.add(draft)
                drafts.append((draft, "new", None))
        boilerplate, crossed = update_counts(
            session,
            [
                (d.outlet, set(d.keys), kind == "new" and d.update_of is None)
                for d, kind, _ in drafts
                if d.outlet
            ],
        )
        stored: list[tuple[Draft, ArticleRow]] = []
        duplicates: list[tuple[Draft, Target | None]] = []
        for draft, kind, original in drafts:
            body = [
                p
                for p, key in zip(draft.paragraphs, draft.keys, strict=True)
                if (draft.outlet or "", key) not in boilerplate
            ]
            if kind == "duplicate":
                duplicates.append((draft, original))
            elif not body:
                dedupe.forget(draft)
                reason = f"no article text left: only paragraphs repeated across {draft.outlet}"
                self.reject(session, draft.entry, reason)
            elif kind == "version":
                self._new_version(session, draft, body)
            else:
                stored.append((draft, self._new_article(session, draft, body)))
        session.flush()  # one INSERT batch for the chunk's new articles
        for draft, row in stored:
            draft.article_id = row.id
            if row.update_of is None and draft.update_of is not None:
                row.update_of = resolve(draft.update_of)  # type: ignore[arg-type]
            self.articles[row.path] = (row.id, row.file_size, row.file_mtime, False)
            session.add(version_row(row, self.now))
            self.report.ingested.append(
                ArticleEvent(
                    self.relative(row.path), row.id, row.headline, row.outlet, 1, row.update_of
                )
            )
        for draft, original in duplicates:
            self._duplicate(session, draft, original)
        self.report.recleaned += reclean(session, crossed, self.now)

    def _new_article(self, session: Session, draft: Draft, body: list[str]) -> ArticleRow:
        """Add a new article (flushed with the rest of the chunk)."""
        row = new_article_row(draft, body, self.now)
        session.add(row)
        self._forget_reject(session, row.path)
        return row

    def _new_version(self, session: Session, draft: Draft, body: list[str]) -> None:
        row = session.get(ArticleRow, draft.article_id)
        assert row is not None
        self._forget_reject(session, row.path)
        changed = apply_version(row, draft, body, self.now)
        self.articles[row.path] = (row.id, row.file_size, row.file_mtime, False)
        if not changed:
            self.report.unchanged += 1  # touched, not changed
            return
        if row.version > latest_version(session, row.id):
            session.add(version_row(row, self.now))
        self.report.updated.append(
            ArticleEvent(
                self.relative(row.path),
                row.id,
                row.headline,
                row.outlet,
                row.version,
                row.update_of,
            )
        )

    def _duplicate(self, session: Session, draft: Draft, original: Target | None) -> None:
        original_id = resolve(original)
        if original_id is None:
            self.reject(session, draft.entry, "same text as a file rejected in this run")
            return
        if isinstance(original, Draft):
            original_path = original.entry.location
        else:
            found = session.get(ArticleRow, original_id)
            original_path = found.path if found is not None else "?"
        reason = f"duplicate of article {original_id} ({self.relative(original_path)})"
        self.reject(session, draft.entry, reason, duplicate_of=original_id)
        self.report.duplicates.append(
            Duplicate(self.relative(draft.entry.path), original_id, self.relative(original_path))
        )


def _same_stat(row: RejectRow | PendingFileRow, entry: FileEntry) -> bool:
    return (row.file_size, row.file_mtime) == (entry.size, entry.mtime)
