"""The whole pipeline through ``Briefbot``: throughput, one-article updates, peak memory.

(a) The BBC development set end to end on a fresh SQLite store: ingest, stories (embedding
included), people (NER and name resolution) and the briefing of every story, each stage
timed, beside ingestion alone (the cheapest stage, measured in the same run).

(b) One new article file added to a store of ``--articles`` (10,000) processed articles:
``refresh()`` (ingest, stories, people) then ``story()`` of the new article's story, stage
by stage, beside the same update on the BBC store of (a) (1,313 articles), to show the
cost does not grow with the store; then a second new file the way the file watcher
refreshes, ``refresh(paths=[new file])`` (only that file looked at), beside it.
The large store repeats the BBC articles under new paths, ids and content hashes, 10 days
apart per copy, with their stored vectors and people index copied rather than recomputed
(that bulk step is timed apart).

    python bench/pipeline.py [--quick] [--limit N] [--articles 10000]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from sqlalchemy import text  # noqa: E402

from summarizer.clock import utcnow  # noqa: E402
from summarizer.config import PipelineConfig  # noqa: E402
from summarizer.people.resolve import resolve  # noqa: E402
from summarizer.service import Briefbot  # noqa: E402
from summarizer.stories import list_stories, story_articles, story_of, update_stories  # noqa: E402

BBC = ROOT.parent / "shared" / "eval" / "bbc" / "articles"
TARGET_RATE = 10.0
TARGET_UPDATE_S = 1.0
TARGET_PEAK_MIB = 1536
T = TypeVar("T")


def timed(work: Callable[[], T], label: str = "") -> tuple[T, float]:
    """The result and the seconds it took (shown on stderr as it finishes when labelled)."""
    began = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - began
    if label:
        print(f"  {label}: {seconds:.1f} s", file=sys.stderr, flush=True)
    return result, seconds


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_peak_mib() -> float:
    """The largest peak of any finished child process (the NER workers), 0 when none ran."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def memory_line(what: str, peak: float) -> str:
    """Peak of this process, and of this process plus the NER workers when they ran."""
    from summarizer.people.ner_pool import workers

    line = f"peak resident memory, {what}: {peak:.0f} MiB"
    child = worker_peak_mib()
    if child:
        count = workers(10**9)
        line += f"; with {count} NER workers of up to {child:.0f} MiB: {peak + count * child:.0f}"
    return line + f" (target < {TARGET_PEAK_MIB} MiB)"


def open_bot(folder: Path, corpus: Path, name: str) -> Briefbot:
    url = f"sqlite:///{folder / name}"
    config = PipelineConfig(corpus_dir=corpus, database_url=url, stable_seconds=0.0)
    return Briefbot(config, clock=lambda: utcnow() + timedelta(minutes=5))


def copy_corpus(files: list[Path], target: Path) -> None:
    """The chosen BBC files under ``target`` (mtimes kept, so stored stats still match)."""
    for path in files:
        destination = target / path.parent.name / path.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)


# (a) ------------------------------------------------------------------------------------


def full_run(bot: Briefbot) -> dict[str, float]:
    """Every stage on a fresh store; returns seconds per stage and counts."""
    report, ingest_s = timed(bot.ingest, "ingest")
    done, process_s = timed(bot.process, "process (stories, people)")
    with bot.store.session() as session:
        story_ids = [record.id for record in list_stories(session)]
    digest, brief_s = timed(lambda: bot.digest(limit=len(story_ids)), "briefings")
    return {
        "files": report.scanned,
        "articles": len(report.ingested),
        "clustered": done.stories.articles,
        "stories": len(story_ids),
        "briefings": len(digest.stories),
        "ingest": ingest_s,
        "stories_s": done.stories_seconds,
        "people": process_s - done.stories_seconds,
        "ner": done.people.ner_seconds,
        "resolve": done.people.resolve_seconds,
        "process": process_s,
        "briefings_s": brief_s,
    }


def print_full(figures: dict[str, float]) -> None:
    articles = figures["articles"]
    total = figures["ingest"] + figures["process"] + figures["briefings_s"]
    print(
        f"\n(a) BBC set: {figures['files']:.0f} files, {articles:.0f} articles stored, "
        f"{figures['clustered']:.0f} clustered into {figures['stories']:.0f} stories, "
        f"{figures['briefings']:.0f} briefings"
    )
    print(f"{'stage':<52} {'seconds':>8} {'articles/s':>11}")
    rows = [
        ("ingest (read, clean, dedupe, store)", figures["ingest"]),
        ("process(): stories (embedding + clustering)", figures["stories_s"]),
        ("process(): people (NER, save, name resolution)", figures["people"]),
        (f"  of which NER {figures['ner']:.1f} s, resolution {figures['resolve']:.1f} s", None),
        ("process() in all", figures["process"]),
        ("briefings of every story (one digest)", figures["briefings_s"]),
        ("whole pipeline", total),
    ]
    for label, seconds in rows:
        if seconds is None:
            print(label)
        else:
            print(f"{label:<52} {seconds:8.1f} {articles / seconds:11.1f}")
    rate = articles / total
    print(
        f"whole pipeline {rate:.1f} articles/s vs target {TARGET_RATE:g} "
        f"({rate / TARGET_RATE:.2f}x); baseline, ingest alone: "
        f"{articles / figures['ingest']:.0f} articles/s ({figures['ingest'] / total:.3f}x)"
    )


# (b) ------------------------------------------------------------------------------------


def replicate(bot: Briefbot, corpus: Path, files: list[Path], copies: int) -> None:
    """Store ``copies`` more copies of the processed BBC articles (10 days apart per copy).

    Article rows get new paths, ids and content hashes (the files are copied so a scan
    finds them unchanged); stored vectors and the people index are copied with them.
    """
    raw = bot.store.engine.raw_connection()
    try:
        db = raw.driver_connection
        cursor = db.cursor()
        top_article = cursor.execute("select max(id) from articles").fetchone()[0]
        top_sentence = cursor.execute(
            "select coalesce(max(id), 0) from people_sentences"
        ).fetchone()[0]
        columns = [row[1] for row in cursor.execute("pragma table_info(articles)")]
        originals = cursor.execute(f"select {', '.join(columns)} from articles").fetchall()
        for copy in range(1, copies + 1):
            copy_corpus(files, corpus / f"copy{copy}")
            offset, folder = copy * top_article, f"{os.sep}copy{copy}{os.sep}"
            rows = []
            for original in originals:
                row = dict(zip(columns, original, strict=True))
                row["id"] += offset
                row["path"] = row["path"].replace(f"{os.sep}original{os.sep}", folder, 1)
                row["content_hash"] = hashlib.sha256(
                    f"{row['content_hash']}{copy}".encode()
                ).hexdigest()
                row["update_of"] = row["update_of"] + offset if row["update_of"] else None
                published = datetime.fromisoformat(row["published"]) - timedelta(days=10 * copy)
                row["published"] = published.strftime("%Y-%m-%d %H:%M:%S.%f")
                rows.append(row)
            marks = ", ".join("?" for _ in columns)
            cursor.executemany(
                f"insert into articles ({', '.join(columns)}) values ({marks})",
                [tuple(row[c] for c in columns) for row in rows],
            )
            cursor.execute(
                "insert into article_embeddings select a.id, e.model, a.content_hash, e.vector,"
                " e.names, e.computed_at from article_embeddings e join articles a on a.id = "
                "e.article_id + ? where e.article_id <= ?",
                (offset, top_article),
            )
            cursor.execute(
                "insert into people_indexed (article_id, version, content_hash, mentions,"
                " indexed_at, extractor) select i.article_id + ?, i.version, a.content_hash,"
                " i.mentions, i.indexed_at, i.extractor from people_indexed i join articles a"
                " on a.id = i.article_id + ? where i.article_id <= ?",
                (offset, offset, top_article),
            )
            sentence_offset = copy * top_sentence
            cursor.execute(
                "insert into people_sentences select id + ?, article_id + ?, position, text,"
                " readable from people_sentences where id <= ?",
                (sentence_offset, offset, top_sentence),
            )
            cursor.execute(
                "insert into people_mentions (sentence_id, article_id, key, name, surface, label,"
                " context, role, quote) select sentence_id + ?, article_id + ?, key, name,"
                " surface, label, context, role, quote from people_mentions"
                " where sentence_id <= ?",
                (sentence_offset, offset, top_sentence),
            )
        db.commit()
    finally:
        raw.close()


def new_article(bot: Briefbot, corpus: Path, number: int) -> Path:
    """A new file mixing paragraphs of four of the largest story's articles (so it joins it)."""
    with bot.store.session() as session:
        records = sorted(list_stories(session), key=lambda r: (-len(r.article_ids), r.id))
        pool = [
            article
            for article in story_articles(session, records[0].id)
            if not (article.headline or "").startswith("Latest ")
        ]
    members = pool[: -4 * number or None][-4:] or pool[-4:]
    paragraphs = [p for a in members for p in a.text.split("\n\n")[1:3]]
    body = "\n\n".join(paragraphs or [members[-1].text])
    target = corpus / "new" / f"latest-{number}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"Latest {number}: {members[-1].headline}\n\n{body}\n", encoding="utf-8")
    stamp = max((corpus / "original").rglob("*.txt"), key=lambda p: p.stat().st_mtime)
    mtime = stamp.stat().st_mtime + 60
    os.utime(target, (mtime, mtime))
    return target


def add_one(bot: Briefbot, corpus: Path) -> dict[str, float]:
    """Time ``refresh()`` (as its stages) and ``story()`` for one new article file.

    A first new file is added and its story shown untimed, as a running bot would have
    done before: the process then holds what it keeps between updates (models, name
    statistics, recently used sentences and vectors).
    """
    shutil.rmtree(corpus / "new", ignore_errors=True)
    new_article(bot, corpus, 1)
    warm = bot.refresh()
    with bot.store.session() as session:
        warm_story = story_of(session, warm.ingested[0].article_id) if warm.ingested else None
    if warm_story is not None:
        bot.story(warm_story)
    full = update(bot, new_article(bot, corpus, 0), targeted=False)
    targeted = update(bot, new_article(bot, corpus, 2), targeted=True)
    return full | {f"targeted {key}": value for key, value in targeted.items()}


def update(bot: Briefbot, path: Path, *, targeted: bool) -> dict[str, float]:
    """One update, timed by stage: the whole folder rescanned, or only ``path`` (the watcher)."""
    paths = [path] if targeted else None
    report, ingest_s = timed(lambda: bot.ingest(paths=paths))
    done, process_s = timed(bot.process)
    event = report.ingested[0] if report.ingested else None
    added = event.article_id if event is not None and event.update_of is None else None
    with bot.store.session() as session:
        story = story_of(session, added) if added is not None else None
        size = len(story_articles(session, story)) if story is not None else 0
        count = session.execute(text("select count(*) from articles")).scalar_one()
    briefing, story_s = timed(lambda: bot.story(story) if story is not None else None)
    return {
        "store": count,
        "joined": done.stories.joined,
        "size": size,
        "points": len(briefing.points) if briefing else 0,
        "ingest": ingest_s,
        "stories": done.stories_seconds,
        "people": process_s - done.stories_seconds,
        "ner": done.people.ner_seconds,
        "resolve": done.people.resolve_seconds,
        "story": story_s,
    }


def print_updates(small: dict[str, float], large: dict[str, float], bulk: str) -> None:
    print(f"\n(b) one new article, refresh() then story() of its story ({bulk})")
    print("  (steady state: one new article was added and its story shown before, untimed)")
    for label, fig in (("baseline", small), ("large", large)):
        joined = "joined a story" if fig["joined"] else "started a story"
        print(
            f"  {label}: store of {fig['store']:.0f} articles; the new article {joined} "
            f"of {fig['size']:.0f}; briefing with {fig['points']:.0f} points"
        )
    print(f"{'stage (seconds)':<34} {small['store']:>10.0f} {large['store']:>10.0f} {'ratio':>7}")
    rows = [
        ("ingest (scan + read one file)", "ingest"),
        ("stories (embed + assign)", "stories"),
        ("people (NER, save, resolution)", "people"),
        ("  of which NER", "ner"),
        ("  of which name resolution", "resolve"),
        ("story() briefing of its story", "story"),
    ]
    for label, key in rows:
        ratio = large[key] / small[key] if small[key] else float("nan")
        print(f"{label:<34} {small[key]:10.3f} {large[key]:10.3f} {ratio:7.2f}")
    keys = ("ingest", "stories", "people", "story")
    totals = [sum(fig[k] for k in keys) for fig in (small, large)]
    print(
        f"{'total: refresh() + story()':<34} {totals[0]:10.3f} {totals[1]:10.3f} "
        f"{totals[1] / totals[0]:7.2f}   target < {TARGET_UPDATE_S:g} s"
    )
    print("\n  the next new article, as the file watcher refreshes: refresh(paths=[new file])")
    for label, fig in (("baseline", small), ("large", large)):
        joined = "joined a story" if fig["targeted joined"] else "started a story"
        print(f"  {label}: the new article {joined} of {fig['targeted size']:.0f}")
    for label, key in [("ingest (that one file only)", "ingest"), *rows[1:]]:
        a, b = small[f"targeted {key}"], large[f"targeted {key}"]
        print(f"{label:<34} {a:10.3f} {b:10.3f} {b / a if a else float('nan'):7.2f}")
    targeted = [sum(fig[f"targeted {k}"] for k in keys) for fig in (small, large)]
    print(
        f"{'total: refresh(paths) + story()':<34} {targeted[0]:10.3f} {targeted[1]:10.3f} "
        f"{targeted[1] / targeted[0]:7.2f}   target < {TARGET_UPDATE_S:g} s"
    )
    speedup = [fig["ingest"] / fig["targeted ingest"] for fig in (small, large)]
    print(f"{'ingest: full rescan / targeted':<34} {speedup[0]:10.1f} {speedup[1]:10.1f}")


def snapshot(bot: Briefbot, target: Path) -> None:
    """A consistent copy of the store's database file (SQLite backup API)."""
    raw = bot.store.engine.raw_connection()
    try:
        with sqlite3.connect(target) as copy:
            raw.driver_connection.backup(copy)
    finally:
        raw.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="first N BBC files (0: all)")
    parser.add_argument("--articles", type=int, default=10_000, help="size of the large store")
    parser.add_argument("--quick", action="store_true", help="300 files, a 2,000-article store")
    parser.add_argument("--keep", type=Path, help="save the large store's database here")
    args = parser.parse_args()
    if not BBC.is_dir():
        sys.exit(f"BBC development set not found at {BBC}")
    limit, size = (args.limit or 300, 2_000) if args.quick else (args.limit, args.articles)
    files = sorted(BBC.glob("*/*.txt"), key=lambda p: (p.stem, p.parent.name))
    files = files[:limit] if limit else files
    print(f"Briefbot pipeline on {len(files)} BBC files; 2 CPU threads for the models")
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        copy_corpus(files, corpus / "original")
        bot = open_bot(folder, corpus, "large.db")
        from summarizer.embeddings import load_embedder

        embedder, load_s = timed(lambda: load_embedder(bot.config.embedding_threads))
        print(f"embedder {embedder.name} loaded in {load_s:.1f} s (not counted below)")
        figures = full_run(bot)
        print_full(figures)
        peak_a = peak_mib()
        print(memory_line("after (a)", peak_a))

        snapshot(bot, folder / "small.db")
        small_bot = open_bot(folder, corpus, "small.db")
        small = add_one(small_bot, corpus)
        small_bot.close()

        copies = max(1, round(size / max(figures["files"], 1)) - 1)
        began = time.perf_counter()
        replicate(bot, corpus, files, copies)
        _, cluster_s = timed(lambda: update_stories(bot.store, bot.config, clock=bot.clock))
        with bot.store.session() as session:
            _, resolve_s = timed(lambda: resolve(session))
        bulk = (
            f"large store built in {time.perf_counter() - began:.0f} s: clustering "
            f"{cluster_s:.1f} s, name resolution {resolve_s:.1f} s"
        )
        if args.keep:
            snapshot(bot, args.keep)
        large = add_one(bot, corpus)
        bot.close()
        print_updates(small, large, bulk)
    peak = peak_mib()
    print(f"\npeak resident memory, whole run: {peak:.0f} MiB (NER workers ran in (a) only)")


if __name__ == "__main__":
    main()
