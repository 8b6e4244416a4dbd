"""The summarizer's public face: one object over one store, used by the CLI and the bot.

Each method delegates to the module that owns the work; heavy modules (models,
spaCy) are imported lazily so that start-up and light commands stay fast.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.clock import Clock, utcnow
from summarizer.config import PipelineConfig
from summarizer.models import Article
from summarizer.store import Store

if TYPE_CHECKING:
    from summarizer.briefing import Briefing, Digest
    from summarizer.ingest import IngestReport
    from summarizer.people import PeopleReport, WhoAnswer
    from summarizer.search import SearchHit
    from summarizer.stories import StoriesReport
    from summarizer.workqueue import Handout, Shared

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` during long runs."""


@dataclass(frozen=True)
class Processed:
    """What one :meth:`Briefbot.process` call did, and how long it took."""

    stories: StoriesReport
    people: PeopleReport
    stories_seconds: float
    """Of ``seconds``, the stories update (embedding and clustering); the rest is people
    (and, with workers, the wait for them)."""
    seconds: float
    shared: Shared | None = None
    """What ``briefbot worker`` processes embedded (``BRIEFBOT_WORKERS=queue``), else None."""


@dataclass(frozen=True)
class Backlog:
    """Stored articles that :meth:`Briefbot.process` has not reached yet."""

    people: int = 0
    """Not yet indexed for ``who``."""
    stories: int = 0
    """Not yet placed in a story (so in no digest)."""


@dataclass(frozen=True)
class SourceCount:
    """One outlet and how many live articles it has."""

    outlet: str
    articles: int
    last_published: datetime


class Briefbot:
    """Ingest a corpus folder and answer questions about it."""

    def __init__(
        self,
        config: PipelineConfig,
        *,
        clock: Clock = utcnow,
        extra_migrations: Sequence[Path] = (),
    ) -> None:
        from summarizer.embeddings import configure

        self.config = config
        self.clock = clock
        self.store = Store(config.database_url, extra_migrations=extra_migrations)
        configure(config.embedding_backend, config.model_cache)

    def ingest(
        self,
        corpus_dir: Path | None = None,
        progress: Progress | None = None,
        paths: Sequence[Path | str] | None = None,
        *,
        wait: float = 0.0,
        on_wait: Callable[[], None] | None = None,
    ) -> IngestReport:
        """Read new and changed files of the corpus folder into the store.

        ``paths``: look only at these files (and folders) of the corpus, not the whole folder.
        ``wait``: seconds to wait while another process updates the database (``on_wait`` is
        called once if it does); then :class:`~summarizer.store.lock.Busy`.
        """
        from summarizer.ingest import ingest_corpus

        folder = corpus_dir or self.config.corpus_dir
        with self.store.lock.hold(wait=wait, on_wait=on_wait):
            return ingest_corpus(
                self.store, folder, self.config, clock=self.clock, progress=progress, paths=paths
            )

    def settling(self, corpus_dir: Path | None = None) -> tuple[int, float]:
        """How many files of the corpus are too recently modified to be read yet, and the
        seconds until the last of them has gone ``stable_seconds`` unchanged (for one-shot
        commands that would rather wait than leave them for a later run)."""
        from summarizer.ingest.scan import scan

        root = Path(corpus_dir or self.config.corpus_dir).expanduser()
        if not root.is_dir():
            return 0, 0.0  # ingest says what is wrong with the folder
        now, stable = self.clock().timestamp(), self.config.stable_seconds
        largest = self.config.max_file_bytes
        entries = scan(root.resolve(), max_file_bytes=largest, stable_seconds=stable, now=now)
        ages = [now - e.mtime for e in entries if e.pending and e.kind and not e.skewed]
        return len(ages), max((stable - age for age in ages), default=0.0)

    def process(self, *, wait: float = 0.0, on_wait: Callable[[], None] | None = None) -> Processed:
        """Embed, cluster and index whatever ingestion added since the last call.

        ``wait`` and ``on_wait`` as for :meth:`ingest`.
        """
        from summarizer.people import update_people
        from summarizer.stories import update_stories

        with self.store.lock.hold(wait=wait, on_wait=on_wait):
            began = time.perf_counter()
            handout = self._hand_out()
            # With workers, NER runs here while they embed (people does not read stories).
            people = update_people(self.store, self.config) if handout else None
            shared = handout.collect() if handout else None
            stories_began = time.perf_counter()
            stories = update_stories(self.store, self.config, clock=self.clock)
            stories_seconds = time.perf_counter() - stories_began
            if people is None:
                people = update_people(self.store, self.config)
        seconds = time.perf_counter() - began
        return Processed(stories, people, stories_seconds, seconds, shared)

    def _hand_out(self) -> Handout | None:
        """With ``workers="queue"`` on PostgreSQL: enqueue the embedding clustering is about
        to need for the ``briefbot worker`` processes; else None."""
        from summarizer.store.url import is_postgres

        if self.config.workers != "queue" or not is_postgres(self.config.database_url):
            return None
        from summarizer.stories.update import changed_members, unclustered
        from summarizer.workqueue import hand_out

        with self.store.session() as session:
            ids = [a.id for a in unclustered(session)] + [a.id for a in changed_members(session)]
        return hand_out(self.store, self.config, ids)

    def refresh(
        self,
        corpus_dir: Path | None = None,
        progress: Progress | None = None,
        paths: Sequence[Path | str] | None = None,
        *,
        wait: float = 0.0,
        on_wait: Callable[[], None] | None = None,
    ) -> IngestReport:
        """Ingest (the whole folder, or only ``paths``), then process: the corpus watcher's job.

        One hold of the pipeline lock covers both steps (``wait`` as for :meth:`ingest`).
        """
        with self.store.lock.hold(wait=wait, on_wait=on_wait):
            report = self.ingest(corpus_dir, progress, paths)
            self.process()
        return report

    def articles(self, *, limit: int = 50) -> list[Article]:
        """The newest live articles, newest first."""
        from summarizer.store.articles import load_articles

        with self.store.session() as session:
            return list(reversed(load_articles(session, include_updates=True)))[:limit]

    def article(self, article_id: int) -> Article | None:
        """One live article by id."""
        from summarizer.store.articles import load_articles

        with self.store.session() as session:
            found = load_articles(session, ids=[article_id], include_updates=True)
        return found[0] if found else None

    def digest(
        self,
        *,
        since: datetime | None = None,
        limit: int | None = None,
        topic: str | None = None,
    ) -> Digest:
        """The period's top stories, ranked, each as a cited briefing."""
        from summarizer.briefing import build_digest

        return build_digest(
            self.store,
            self.config,
            since=since,
            limit=limit or self.config.digest_max_stories,
            topic=topic,
            now=self.clock(),
        )

    def story(self, story_id: int) -> Briefing | None:
        """The full briefing for one story, or None when it does not exist."""
        from summarizer.briefing import story_briefing

        return story_briefing(self.store, self.config, story_id, now=self.clock())

    def search(self, query: str, *, limit: int = 5) -> list[SearchHit]:
        """Articles closest in meaning to the query (with literal matches favoured)."""
        from summarizer.search import search_articles

        return search_articles(self.store, query, limit=limit)

    def who(self, name: str) -> WhoAnswer:
        """What the articles say about a person or organisation."""
        from summarizer.people import who

        return who(self.store, name, now=self.clock())

    def backlog(self) -> Backlog:
        """What is stored but not yet processed (two count queries; for "still reading")."""
        from summarizer.people import unindexed
        from summarizer.stories import unclustered_count

        with self.store.session() as session:
            stories = unclustered_count(session)
        return Backlog(people=unindexed(self.store), stories=stories)

    def sources(self) -> list[SourceCount]:
        """Outlets with their article counts, most prolific first."""
        from summarizer.store.articles import outlet_counts

        with self.store.session() as session:
            return [SourceCount(*row) for row in outlet_counts(session)]

    def close(self) -> None:
        """Release the database."""
        self.store.close()
