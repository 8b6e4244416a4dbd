"""``briefbot ingest``, ``briefbot articles`` and ``briefbot show ID``: the corpus, its articles."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bot.cli.app import (
    LOCK_WAIT_SECONDS,
    CorpusOption,
    app,
    console,
    errors,
    fail,
    print_json,
    service,
    settings_from,
    storable_id,
    tell_waiting,
)

if TYPE_CHECKING:
    from summarizer.ingest import IngestReport
    from summarizer.models import Article

PROGRESS_FROM = 200
"""Runs with at least this many files to read show a progress bar (on stderr)."""
LIST_AT_MOST = 25
"""Stored, updated, duplicate and deleted files listed one by one (rejects and pending: all)."""
SETTLE_WAIT_SECONDS = 30.0
"""The longest ``ingest`` waits for just-copied files to settle; any still changing after
that stay pending (listed) for the next run."""


@app.command()
def ingest(
    ctx: typer.Context,
    corpus: CorpusOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Read new and changed files of the corpus folder into the store."""
    settings = settings_from(ctx, corpus_dir=corpus)

    try:
        with service(settings) as bot, _progress(enabled=not as_json) as progress:
            _settle(bot)
            report = bot.ingest(progress=progress, wait=LOCK_WAIT_SECONDS, on_wait=tell_waiting)
    except (FileNotFoundError, NotADirectoryError) as error:
        raise fail(f"{error} (set BRIEFBOT_CORPUS_DIR or pass --corpus DIR)") from None
    if as_json:
        print_json(report.to_json())
    else:
        console.print(summary(report), markup=False, soft_wrap=True)
    if report.rejected:
        errors.print(rejections(report), markup=False, soft_wrap=True)
    if report.nothing_readable:
        raise fail(f"none of the {report.scanned} files found could be read as an article")


def rejections(report: IngestReport) -> str:
    """One stderr line: how many files were rejected, counted by reason."""
    kinds = "; ".join(f"{count} × {kind}" for kind, count in report.rejection_counts())
    return f"{len(report.rejected)} of {report.scanned} files rejected: {kinds}"


def _settle(bot: Any) -> None:
    """Wait (at most :data:`SETTLE_WAIT_SECONDS`, saying so) until the files just copied
    in have gone ``stable_seconds`` unchanged, so that one run reads them all."""
    young, seconds = bot.settling()
    if not young or seconds <= 0:
        return
    wait = min(seconds, SETTLE_WAIT_SECONDS)
    files = "file was" if young == 1 else "files were"
    errors.print(
        f"{young} {files} modified in the last {bot.config.stable_seconds:g} s: "
        f"waiting {wait:.1f} s for them to settle (BRIEFBOT_STABLE_SECONDS)",
        markup=False,
    )
    time.sleep(wait + 0.05)  # a margin for coarse file-system timestamps


@contextmanager
def _progress(*, enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback that shows a rich bar once a run is long enough."""
    if not enabled:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=errors,
        transient=True,
    )
    task: list[Any] = []

    def update(done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if not task:
            bar.start()
            task.append(bar.add_task("ingest", total=total))
        bar.update(task[0], completed=done, total=total)

    try:
        yield update
    finally:
        if task:
            bar.stop()


def summary(report: IngestReport) -> str:
    """The human-readable report: one line of counts, then each file that needs a word."""
    counts = report.counts()
    lines = [
        f"{counts['ingested']} ingested, {counts['updated']} updated, "
        f"{counts['duplicates']} duplicate, {counts['rejected']} rejected, "
        f"{counts['pending']} pending, {counts['deleted']} deleted, "
        f"{counts['unchanged']} unchanged ({report.scanned} files in {report.corpus}, "
        f"{report.seconds:.1f} s)"
    ]
    lines += _capped(
        [
            f"  + [{e.article_id}] {_shown(e.path)}: {_title(e)}"
            + (f" (update of article {e.update_of})" if e.update_of else "")
            for e in report.ingested
        ],
        LIST_AT_MOST,
    )
    lines += _capped(
        [f"  ~ [{e.article_id}] {_shown(e.path)}: now version {e.version}" for e in report.updated],
        LIST_AT_MOST,
    )
    lines += _capped(
        [
            f"  = {_shown(d.path)}: same article as "
            f"[{d.duplicate_of}] {_shown(d.duplicate_of_path)}"
            for d in report.duplicates
        ],
        LIST_AT_MOST,
    )
    lines += _capped(
        [
            f"  - [{e.article_id}] {_shown(e.path)}: file deleted (history kept)"
            for e in report.deleted
        ],
        LIST_AT_MOST,
    )
    lines += [f"  ! {notice}" for notice in report.notices]
    lines += [f"  ! rejected {_shown(p.path)}: {p.reason}" for p in report.rejected]
    lines += [f"  … pending {_shown(p.path)}: {p.reason}" for p in report.pending]
    if report.recleaned:
        lines.append(
            f"  {report.recleaned} stored article(s) lost paragraphs now known to repeat "
            "across their outlet"
        )
    return "\n".join(lines)


def _shown(path: str) -> str:
    """A path on one line: line breaks and other control characters written as escapes."""
    if path.isprintable():
        return path
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in path)


def _capped(lines: list[str], limit: int) -> list[str]:
    if len(lines) <= limit:
        return lines
    return [*lines[:limit], f"    … and {len(lines) - limit} more (--json lists them all)"]


def _title(event: Any) -> str:
    outlet = event.outlet or "unknown outlet"
    return f"{event.headline or '(no headline)'} — {outlet}"


@app.command()
def articles(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="How many, newest first.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The newest stored articles."""
    with service(settings_from(ctx)) as bot:
        found = bot.articles(limit=limit)
    if as_json:
        print_json([article_json(article, with_text=False) for article in found])
        return
    if not found:
        console.print("No articles yet: run `briefbot ingest` first.", markup=False)
        return
    for article in found:
        when = article.published.strftime("%Y-%m-%d %H:%M")
        outlet = article.outlet or "unknown outlet"
        note = f" [update of {article.update_of}]" if article.update_of else ""
        headline = article.headline or _opening(article.text)
        console.print(
            f"{article.id:>5}  {when}  {outlet}: {headline}{note}", markup=False, soft_wrap=True
        )


@app.command()
def show(
    ctx: typer.Context,
    article_id: Annotated[int, typer.Argument(metavar="ID", help="Article id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """One stored article: metadata and clean text."""
    with service(settings_from(ctx)) as bot:
        article = bot.article(article_id) if storable_id(article_id) else None
    if article is None:
        raise fail(f"no article {article_id}; `briefbot articles` lists the stored ones")
    if as_json:
        print_json(article_json(article, with_text=True))
        return
    lines = [
        article.headline or "(no headline)",
        f"{article.outlet or 'unknown outlet'} · {article.published.isoformat()} · "
        f"{article.language} · version {article.version}",
    ]
    if article.update_of:
        lines.append(f"re-scrape of article {article.update_of}")
    if article.url:
        lines.append(article.url)
    lines.append(article.path)
    console.print("\n".join(lines) + "\n\n" + article.text, markup=False, soft_wrap=True)


def article_json(article: Article, *, with_text: bool) -> dict[str, Any]:
    """The documented JSON form of an article (``articles --json``, ``show --json``)."""
    document: dict[str, Any] = {
        "id": article.id,
        "headline": article.headline,
        "outlet": article.outlet,
        "published": article.published.isoformat(),
        "url": article.url,
        "path": article.path,
        "language": article.language,
        "version": article.version,
        "update_of": article.update_of,
        "content_hash": article.content_hash,
        "paragraphs": len(article.paragraphs),
        "words": len(article.text.split()),
    }
    if with_text:
        document["text"] = article.text
    return document


def _opening(text: str, width: int = 80) -> str:
    first = " ".join(text.split())
    return first if len(first) <= width else first[: width - 1].rstrip() + "…"
