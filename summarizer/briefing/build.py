"""Briefings from the store: one story's briefing, and the ranked digest of a period."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from summarizer.briefing.keypoints import select as select_points
from summarizer.briefing.models import Briefing, Digest
from summarizer.clock import as_utc
from summarizer.config import PipelineConfig
from summarizer.models import Article
from summarizer.store import Store
from summarizer.store.articles import ArticleRow, load_articles
from summarizer.store.stories import StoryMemberRow, StoryRow, bytes_vector

log = logging.getLogger(__name__)

TOPIC_SIMILARITY = 0.3
"""Cosine between the topic and a story's centroid above which the story is on topic."""
RECENCY_HALF_LIFE_HOURS = 24.0
_STOPWORDS = frozenset(
    re.findall(r"\S+", """a an the of in on at to for and or about with news story stories""")
)


@dataclass(frozen=True)
class StoryInfo:
    """What ranking needs to know about a story, without reading its text."""

    row: StoryRow
    article_ids: list[int]
    outlets: list[str]
    last_joined: datetime


def _story_infos(session: Session, rows: Sequence[StoryRow]) -> list[StoryInfo]:
    ids = [row.id for row in rows]
    members: dict[int, list[tuple[int, str | None, datetime]]] = {i: [] for i in ids}
    query = (
        select(StoryMemberRow.story_id, ArticleRow.id, ArticleRow.outlet, StoryMemberRow.joined_at)
        .join(ArticleRow, ArticleRow.id == StoryMemberRow.article_id)
        .where(StoryMemberRow.story_id.in_(ids), ArticleRow.deleted_at.is_(None))
        .order_by(ArticleRow.published, ArticleRow.id)
    )
    for story_id, article_id, outlet, joined in session.execute(query):
        members[story_id].append((article_id, outlet, as_utc(joined)))
    infos = []
    for row in rows:
        found = members[row.id]
        if not found:
            continue
        outlets = list(dict.fromkeys(outlet for _, outlet, _ in found if outlet))
        last = max(joined for _, _, joined in found)
        infos.append(StoryInfo(row, [a for a, _, _ in found], outlets, last))
    return infos


def rank_score(info: StoryInfo, now: datetime, since: datetime | None) -> float:
    """More outlets, more recent, and new since the last digest rank higher."""
    age_hours = max((now - as_utc(info.row.last_published)).total_seconds() / 3600, 0.0)
    recency = math.pow(0.5, age_hours / RECENCY_HALF_LIFE_HOURS)
    novelty = 1.0 if since is not None and info.last_joined >= since else 0.0
    return len(info.outlets) + 0.5 * math.log1p(len(info.article_ids)) + recency + 0.5 * novelty


def _topic_words(topic: str) -> list[str]:
    words = re.findall(r"\w+", topic.lower())
    return [w for w in words if w not in _STOPWORDS] or words


def _on_topic(session: Session, infos: list[StoryInfo], topic: str) -> list[StoryInfo]:
    """Stories whose articles name every topic word, or whose meaning is close to the topic."""
    from summarizer.embeddings import load_embedder

    words = _topic_words(topic)
    vector = load_embedder().encode([topic])[0]
    kept = []
    for info in infos:
        centroid = bytes_vector(info.row.centroid)
        norm = float(np.linalg.norm(centroid))
        semantic = norm > 0 and float(centroid @ vector) / norm >= TOPIC_SIMILARITY
        if semantic or _names_all(session, info.article_ids, words):
            kept.append(info)
    return kept


def _names_all(session: Session, article_ids: list[int], words: list[str]) -> bool:
    for article in load_articles(session, ids=article_ids, include_updates=True):
        text = f"{article.headline or ''}\n{article.text}".lower()
        if all(re.search(rf"\b{re.escape(word)}", text) for word in words):
            return True
    return False


def _people(session: Session, article_ids: list[int]) -> tuple[list[str], list[str]]:
    """People, then organisations, named in the articles, from the people index (a failure
    there never costs the briefing)."""
    from summarizer.people import people_in_articles
    from summarizer.store.people import PeopleEntityRow

    try:
        names = list(people_in_articles(session, article_ids, limit=8))
        query = select(PeopleEntityRow.name, PeopleEntityRow.kind).where(
            PeopleEntityRow.name.in_(names)
        )
        kinds: dict[str, set[str]] = {}
        for name, kind in session.execute(query):
            kinds.setdefault(name, set()).add(kind)
    except Exception:  # the people index is optional for a briefing
        log.warning("people lookup failed for articles %s", article_ids, exc_info=True)
        return [], []
    people = [n for n in names if "person" in kinds.get(n, {"person"})]
    return people, [n for n in names if n not in people]


def _embed(session: Session, config: PipelineConfig, texts: Sequence[str]) -> np.ndarray:
    """Sentence vectors from the store's cache; the model loads only for unseen sentences
    (reading a story again needs no model: about 1 s and the torch import saved)."""
    from summarizer.embeddings import embed_cached, load_embedder
    from summarizer.embeddings.cache import cached_only
    from summarizer.embeddings.loader import embedder_name

    found = cached_only(session, embedder_name(), texts)
    if found is not None:
        return found
    return embed_cached(session, load_embedder(config.embedding_threads), texts)


def _briefing(
    session: Session,
    config: PipelineConfig,
    info: StoryInfo,
    *,
    since: datetime | None,
) -> Briefing:
    articles: list[Article] = load_articles(session, ids=info.article_ids, include_updates=True)
    selection = select_points(articles, lambda texts: _embed(session, config, texts))
    summary = None
    if config.abstractive_model_dir is not None and selection.points:
        from summarizer.briefing.abstractive import rewrite_points

        summary = rewrite_points(config.abstractive_model_dir, selection.points)
    people, organisations = _people(session, info.article_ids)
    return Briefing(
        id=info.row.id,
        headline=selection.headline,
        points=selection.points,
        outlets=info.outlets,
        articles=info.article_ids,
        people=people,
        organisations=organisations,
        first_published=as_utc(info.row.first_published),
        last_published=as_utc(info.row.last_published),
        is_new=since is not None and as_utc(info.row.created_at) >= since,
        updated=since is not None and info.last_joined >= since,
        summary=summary,
    )


def story_briefing(
    store: Store, config: PipelineConfig, story_id: int, *, now: datetime
) -> Briefing | None:
    """The briefing of one story, or None when no such story (with live articles) exists."""
    with store.session() as session:
        row = session.get(StoryRow, story_id)
        infos = _story_infos(session, [row]) if row is not None else []
        return _briefing(session, config, infos[0], since=None) if infos else None


def build_digest(
    store: Store,
    config: PipelineConfig,
    *,
    since: datetime | None,
    limit: int,
    topic: str | None,
    now: datetime,
) -> Digest:
    """The top ``limit`` stories that changed since ``since`` (all when None), as briefings."""
    since = as_utc(since) if since is not None else None
    with store.session() as session:
        query = select(StoryRow).where(StoryRow.size > 0)
        if since is not None:
            query = query.where(StoryRow.updated_at >= since)
        infos = _story_infos(session, list(session.scalars(query)))
        if topic and topic.strip():
            infos = _on_topic(session, infos, topic.strip())
        infos.sort(key=lambda info: (-rank_score(info, now, since), -info.row.id))
        stories = [
            replace(_briefing(session, config, info, since=since), rank=rank)
            for rank, info in enumerate(infos[: max(limit, 0)], start=1)
        ]
    return Digest(generated_at=now, since=since, stories=stories, topic=topic or None)
