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
from pathlib import Path

from sqlalchemy.orm import Session

from summarizer.clock import Clock, utcnow
from summarizer.config import PipelineConfig
from summarizer.ingest.dedupe import Deduplicator, Target, resolve
from summarizer.ingest.document import Draft, StillChanging, read_draft
from summarizer.ingest.errors import RejectFile
from summarizer.ingest.report import ArticleEvent, Duplicate, IngestReport
from summarizer.ingest.rows import apply_version, new_article_row
from summarizer.ingest.scan import FileEntry, scan
from summarizer.ingest.scope import Scope, scan_paths
from summarizer.ingest.stats import reclean, update_counts
from summarizer.ingest.triage import RunState
from summarizer.store import Store
from summarizer.store.articles import (
    ArticleRow,
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
    report = IngestReport(corpus=str(root), scanned=len(entries))
    run = _Run(root, now, report, scope, stable_seconds=config.stable_seconds)
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
    for notice in run.report.notices:
        log.warning("%s: %s", root, notice)
    run.report.seconds = time.perf_counter() - started
    return run.report


def unexpected(error: Exception) -> str:
    """The reject reason for a failure no reader foresaw (the log has the traceback)."""
    detail = " ".join(str(error).split())
    detail = detail if len(detail) <= 160 else detail[:159] + "…"
    return f"could not be read: {type(error).__name__}" + (f": {detail}" if detail else "")


class _Run(RunState):
    """One ingestion run: triage (:class:`RunState`), then reading in chunks."""

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
            except Exception as error:  # one hostile file must never stop the run
                log.warning("could not read %s", entry.location, exc_info=True)
                self.reject(session, entry, unexpected(error))
                continue
            path = self.relative(entry.path)
            self.report.notices += [f"{path}: {notice}" for notice in draft.notices]
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
