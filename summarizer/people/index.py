"""Keep the people index current: NER on new or changed articles only, then re-resolve."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from summarizer.clock import utcnow
from summarizer.config import PipelineConfig
from summarizer.people.extract import EXTRACTOR, ArticleExtract, reads_alone
from summarizer.people.ner_pool import extracted, workers
from summarizer.people.resolve import resolve
from summarizer.people.stats import KeyStats, key_stats, refreshed_stats
from summarizer.store import Store
from summarizer.store.articles import ArticleRow
from summarizer.store.people import (
    PeopleEntityRow,
    PeopleIndexedRow,
    PeopleMentionRow,
    PeopleSentenceRow,
)

log = logging.getLogger(__name__)

BATCH = 64
"""Articles per NER batch; each batch is committed, so an interrupted run resumes."""
_STATS: dict[str, dict[str, KeyStats]] = {}
"""Per database, the key statistics of this process's last resolution; the stored entities
are those statistics resolved (resolution after an update rebuilds only what the touched
names can change), so an update takes them out until its resolution is committed."""


@dataclass(frozen=True)
class PeopleReport:
    """What one update did."""

    indexed: int
    removed: int
    mentions: int
    entities: int
    ner_seconds: float
    resolve_seconds: float
    reindexed: int = 0
    """Of ``indexed``, the articles indexed before by another people extractor (an upgrade)."""

    @property
    def articles_per_second(self) -> float:
        """NER throughput of this update (0 when nothing was indexed)."""
        return self.indexed / self.ner_seconds if self.ner_seconds else 0.0


def _pending(session: Session, *, reindex: bool = True) -> tuple[list[int], Counter[str]]:
    """Live, original articles to index: those not indexed at their current version and,
    with ``reindex``, those indexed by another extractor than :data:`EXTRACTOR`; with how
    many of them each other extractor indexed ("unknown": before extractors were stored)."""
    a, ix = ArticleRow, PeopleIndexedRow
    changed = or_(
        ix.article_id.is_(None), ix.version != a.version, ix.content_hash != a.content_hash
    )
    other = or_(ix.extractor.is_(None), ix.extractor != EXTRACTOR)
    query = (
        select(a.id, ix.article_id, ix.extractor)
        .outerjoin(ix, ix.article_id == a.id)
        .where(a.deleted_at.is_(None), a.update_of.is_(None))
        .where(or_(changed, other) if reindex else changed)
        .order_by(a.id)
    )
    ids, before = [], Counter[str]()
    for article, indexed, extractor in session.execute(query):
        ids.append(article)
        if indexed is not None and extractor != EXTRACTOR:
            before[extractor or "unknown"] += 1
    return ids, before


def _stale(session: Session) -> list[int]:
    """Indexed articles since deleted or found to be a near-duplicate update."""
    a, ix = ArticleRow, PeopleIndexedRow
    query = (
        select(ix.article_id)
        .join(a, a.id == ix.article_id)
        .where(or_(a.deleted_at.is_not(None), a.update_of.is_not(None)))
    )
    return list(session.scalars(query))


def behind(store: Store) -> int:
    """How many articles wait to be indexed or dropped (cheap; for "process first?").

    Articles indexed by another extractor are not counted: ``/who`` still answers from
    them, and re-indexing a whole store after an upgrade is :func:`update_people`'s job."""
    with store.session() as session:
        return len(_pending(session, reindex=False)[0]) + len(_stale(session))


def unindexed(store: Store) -> int:
    """How many live articles are not yet indexed at their current version (what ``/who``
    cannot know about yet)."""
    with store.session() as session:
        return len(_pending(session, reindex=False)[0])


def _stats(
    session: Session, cached: dict[str, KeyStats] | None, touched: set[str]
) -> tuple[dict[str, KeyStats], set[str] | None]:
    """Key statistics for resolution, and the keys touched since the last one.

    The ``cached`` statistics of this process's last resolution, with only the touched keys
    read again (milliseconds); when there are none (an interrupted update, or a start), or
    they no longer add up (another process changed mentions), all are read afresh (about
    0.3 s for 10,000 articles) and everything is resolved again (None)."""
    stats = refreshed_stats(session, cached, touched) if cached is not None else None
    if stats is not None:
        return stats, touched
    return key_stats(session), None


def _keys_of(session: Session, ids: list[int]) -> set[str]:
    """The folded names mentioned in these articles, as stored now."""
    keys: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = select(PeopleMentionRow.key).where(PeopleMentionRow.article_id.in_(chunk))
        keys.update(session.scalars(query.distinct()))
    return keys


def _forget(session: Session, ids: list[int]) -> None:
    if not ids:
        return
    session.execute(delete(PeopleMentionRow).where(PeopleMentionRow.article_id.in_(ids)))
    session.execute(delete(PeopleSentenceRow).where(PeopleSentenceRow.article_id.in_(ids)))
    session.execute(delete(PeopleIndexedRow).where(PeopleIndexedRow.article_id.in_(ids)))


def _save(session: Session, extracts: list[ArticleExtract]) -> int:
    """Store the sentences and mentions of freshly extracted articles; returns mentions."""
    now = utcnow()
    _forget(session, [e.article.id for e in extracts])
    next_id = (session.scalar(select(func.max(PeopleSentenceRow.id))) or 0) + 1
    sentences, mentions, markers = [], [], []
    for result in extracts:
        ids: dict[int, int] = {}
        for position, text in result.sentences.items():
            ids[position] = next_id
            sentences.append(
                {
                    "id": next_id,
                    "article_id": result.article.id,
                    "position": position,
                    "text": text,
                    "readable": position not in result.quoted and reads_alone(text),
                }
            )
            next_id += 1
        for m in result.mentions:
            mentions.append(
                {
                    "sentence_id": ids[m.sentence],
                    "article_id": result.article.id,
                    "key": m.key[:200],
                    "name": m.name[:200],
                    "surface": m.surface[:200],
                    "label": m.label,
                    "context": m.context,
                    "role": m.role,
                    "quote": m.quote,
                }
            )
        markers.append(
            {
                "article_id": result.article.id,
                "version": result.article.version,
                "content_hash": result.article.content_hash,
                "mentions": len(result.mentions),
                "indexed_at": now,
                "extractor": EXTRACTOR,
            }
        )
    for table, rows in (
        (PeopleSentenceRow, sentences),
        (PeopleMentionRow, mentions),
        (PeopleIndexedRow, markers),
    ):
        if rows:
            session.execute(table.__table__.insert(), rows)
    return len(mentions)


def update_people(
    store: Store,
    config: PipelineConfig | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = BATCH,
    reindex: bool = True,
) -> PeopleReport:
    """Index articles not yet indexed at their current version, then re-resolve names.

    Incremental: NER runs only on new or changed articles (a large backlog in worker
    processes, see :mod:`summarizer.people.ner_pool`); resolution reruns whenever
    anything changed, over the region of names the changed articles touch (everything on
    the first update in a process, or after an interrupted one), rewriting only the
    entities it changes. ``config`` is accepted for the service's uniform call and not
    otherwise needed.

    After an upgrade that changed :data:`~summarizer.people.extract.EXTRACTOR`, the
    articles indexed by the former one are indexed again (unless ``reindex`` is False),
    batch by batch: each batch's old sentences and mentions are replaced in one commit, so
    ``/who`` answers from the old or the new rows of every article meanwhile.
    """
    database = str(store.engine.url)
    with store.session() as session:
        (pending, before), stale = _pending(session, reindex=reindex), _stale(session)
        touched = _keys_of(session, pending + stale)
        cached = _STATS.pop(database, None) if pending or stale else None
        _forget(session, stale)
    if before:
        former = ", ".join(f"{name} ({count})" for name, count in sorted(before.items()))
        log.info(
            "re-indexing %d articles: people extractor changed from %s to %s",
            before.total(),
            former,
            EXTRACTOR,
        )
    ner_seconds, mentions, done = 0.0, 0, 0
    batches = extracted(store, pending, batch_size, processes=workers(len(pending)))
    for extracts, seconds in batches:
        ner_seconds += seconds
        with store.session() as session:
            mentions += _save(session, extracts)
        touched |= {m.key[:200] for e in extracts for m in e.mentions}
        done += len(extracts)
        if progress is not None:
            progress(done, len(pending))
    resolve_seconds, stats = 0.0, None
    with store.session() as session:
        if pending or stale:
            began = time.perf_counter()
            stats, recount = _stats(session, cached, touched)
            entities = resolve(session, recount, stats=stats)
            resolve_seconds = time.perf_counter() - began
        else:
            entities = session.scalar(select(func.count(PeopleEntityRow.id))) or 0
    if stats is not None:
        _STATS[database] = stats
    return PeopleReport(
        indexed=len(pending),
        removed=len(stale),
        mentions=mentions,
        entities=entities,
        ner_seconds=ner_seconds,
        resolve_seconds=resolve_seconds,
        reindexed=before.total(),
    )
