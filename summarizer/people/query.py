"""Answering ``/who NAME`` from the stored index (no NER at question time)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import distinct, func, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from summarizer.clock import as_utc
from summarizer.people.answer import USAGE, Cited, Match, Related, WhoAnswer
from summarizer.people.names import STYLES, fold, is_full, word_set
from summarizer.people.resolve import DOMINANCE
from summarizer.people.roles import HEADS, MODIFIERS, role_key
from summarizer.people.titles import cues, pick
from summarizer.store import Store
from summarizer.store.articles import ArticleRow
from summarizer.store.people import (
    PeopleAliasRow,
    PeopleEntityRow,
    PeopleMentionRow,
    PeopleSentenceRow,
)
from summarizer.stories.queries import stories_of

MAX_QUERY = 80
FACTS, QUOTES, ROLES, RELATED = 4, 4, 8, 8
RECENT_MENTIONS = 400
"""Facts and quotes are chosen among this many of the newest mentions."""
HALF_LIFE_DAYS = 7.0
_STOP = word_set(
    """
    that this with from have has had were was will would said says told about after before
    their there they them which while into over also than been being more some
    """
)


_TITLE_KEYS = frozenset(fold(word) for word in HEADS | MODIFIERS)
"""Title words as folded ("chancellor" folds to "chancelor")."""


def who(store: Store, name: str, *, now: datetime) -> WhoAnswer:
    """What the articles say about a person or organisation called ``name``."""
    query = " ".join((name or "").split())
    if not query or len(query) > MAX_QUERY or not fold(query):
        return WhoAnswer("usage", query[:MAX_QUERY], USAGE)
    with store.session() as session:
        styled = query.split(maxsplit=1)  # "Sir Richard" is stored as such (see extract)
        entities = []
        if len(styled) == 2 and styled[0].lower() in STYLES:
            entities = _lookup(session, f"{styled[0].lower()} {fold(styled[1])}")
        entities = entities or _lookup(session, fold(query))
        if not entities:
            return _unknown(session, query)
        if len(entities) > 1:
            said = {e.id: _mention_rows(session, e.id) for e in entities}
            entities = pick(entities, said, cues(query))
        if len(entities) > 1:
            matches = [_match(e) for e in sorted(entities, key=lambda e: -e.articles)]
            names = ", ".join(m.name for m in matches)
            message = f"Several match “{query}”: {names}. Ask again with the full name."
            return WhoAnswer("ambiguous", query, message, matches=matches)
        return _found(session, query, entities[0], as_utc(now))


def _lookup(session: Session, key: str) -> list[PeopleEntityRow]:
    """Entities an alias finds; a leading title is dropped ("President Trump")."""
    words = key.split()
    while words:
        rows = session.execute(
            select(PeopleEntityRow, PeopleAliasRow.owns)
            .join(PeopleAliasRow, PeopleAliasRow.entity_id == PeopleEntityRow.id)
            .where(PeopleAliasRow.alias == " ".join(words))
        ).all()
        if rows:
            owners = [entity for entity, owns in rows if owns]
            if len(owners) == 1:
                return owners
            ranked = sorted((entity for entity, _ in rows), key=lambda e: -e.articles)
            if len(ranked) > 1 and ranked[0].articles >= DOMINANCE * ranked[1].articles:
                return ranked[:1]  # "Kennedy": Charles in 9 articles, Helena in 1
            return ranked
        if words[0] not in _TITLE_KEYS:
            break
        words = words[1:]
    return []


def _match(entity: PeopleEntityRow) -> Match:
    role = entity.role if entity.kind == "person" else None
    return Match(entity.name, entity.kind, role, entity.articles)


def _unknown(session: Session, query: str) -> WhoAnswer:
    """Say so plainly, and suggest close names: people with full names (a one-word "person"
    is often a club, a title or a bare first name); organisations when no person is close."""
    rows = session.execute(select(PeopleEntityRow.id, PeopleEntityRow.name, PeopleEntityRow.kind))
    people: dict[int, str] = {}
    others: dict[int, str] = {}
    for eid, name, kind in rows:
        if kind != "person":
            others[eid] = name
        elif is_full(fold(name)):
            people[eid] = name
    found = process.extract(query, people, scorer=fuzz.WRatio, limit=5, score_cutoff=70)
    if not found:
        found = process.extract(query, others, scorer=fuzz.WRatio, limit=5, score_cutoff=70)
    ids = [eid for _, _, eid in found]
    entities = {
        e.id: e for e in session.scalars(select(PeopleEntityRow).where(PeopleEntityRow.id.in_(ids)))
    }
    matches = [_match(entities[eid]) for eid in ids]
    key = fold(query)
    place = session.scalar(select(PeopleMentionRow.id).where(PeopleMentionRow.key == key).limit(1))
    if place is not None:
        message = f"“{query}” appears in the articles as a place, not a person or organisation."
    else:
        message = f"No one called “{query}” appears in the articles."
    if matches:
        message += " Did you mean: " + ", ".join(m.name for m in matches) + "?"
    return WhoAnswer("unknown", query, message, matches=matches)


def _mention_rows(session: Session, entity_id: int) -> list[Row[Any]]:
    m, al, s, a = PeopleMentionRow, PeopleAliasRow, PeopleSentenceRow, ArticleRow
    query = (
        select(
            m.sentence_id,
            m.label,
            m.surface,
            m.role,
            m.quote,
            s.text,
            s.position,
            a.id.label("article_id"),
            a.outlet,
            a.published,
            a.url,
            s.readable,
        )
        .join(al, (al.alias == m.key) & al.owns.is_(True))
        .join(s, s.id == m.sentence_id)
        .join(a, a.id == m.article_id)
        .where(al.entity_id == entity_id, a.deleted_at.is_(None))
        .order_by(a.published.desc(), a.id, s.position)
        .limit(RECENT_MENTIONS)
    )
    return list(session.execute(query))


def _found(session: Session, query: str, entity: PeopleEntityRow, now: datetime) -> WhoAnswer:
    rows = _mention_rows(session, entity.id)
    outlets = _outlets(session, entity.id)
    name_words = set(fold(entity.name).split()) | set(entity.name.lower().split())
    first, last = entity.first_seen, entity.last_seen
    span = ""
    if first and last:
        span = f", {first:%d %b %Y}" + (
            f" to {last:%d %b %Y}" if last.date() != first.date() else ""
        )
    person = entity.kind == "person"  # a "role" on an organisation is the model's slip
    headline = entity.role if person else None
    role = f" — {headline.rstrip('.')}" if headline else f" ({entity.kind})"
    plural = "s" if entity.articles != 1 else ""
    message = (
        f"{entity.name}{role}. Mentioned in {entity.articles} article{plural} "
        f"from {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}{span}."
    )
    article_ids = sorted({row.article_id for row in rows})
    return WhoAnswer(
        "found",
        query,
        message,
        name=entity.name,
        kind=entity.kind,
        role=headline,
        roles=_roles(rows) if person else [],
        facts=_facts(rows, name_words, last or now),
        quotes=_quotes(rows),
        articles=entity.articles,
        outlets=outlets,
        related=_related(session, entity.id, fold(entity.name)),
        first_seen=first,
        last_seen=last,
        stories=stories_of(session, article_ids),
    )


def _cited(text: str, row: Row[Any]) -> Cited:
    return Cited(text, row.outlet, row.article_id, row.published, row.url)


def _roles(rows: Iterable[Row[Any]]) -> list[Cited]:
    """Every distinct role, most often stated first, each with its newest article."""
    seen: dict[frozenset[str], Cited] = {}
    counts: Counter[frozenset[str]] = Counter()
    for row in rows:
        if row.role:
            key = role_key(row.role)[1]
            counts[key] += 1
            seen.setdefault(key, _cited(row.role, row))
    return [seen[key] for key, _ in counts.most_common(ROLES)]


def _quotes(rows: Iterable[Row[Any]]) -> list[Cited]:
    """Direct quotes, whole statements first, those beside the speaker's name before those
    inferred ("he said", a quotation's next paragraph), then newest; near-repeats dropped."""
    picked: list[Cited] = []
    quoted = [row for row in rows if row.quote]
    quoted.sort(key=lambda row: (not _whole(row.quote), row.label == "QUOTE"))  # stable
    for row in quoted:
        if any(fuzz.token_set_ratio(row.quote, q.text) >= 85 for q in picked):
            continue
        picked.append(_cited(row.quote, row))
        if len(picked) == QUOTES:
            break
    return picked


def _whole(quote: str) -> bool:
    """A quotation that is a whole statement, not a phrase quoted inside a sentence."""
    return quote[:1].isupper() and len(quote.split()) >= 6


def _words(text: str, name_words: set[str]) -> set[str]:
    return {
        w
        for w in re.findall(r"[a-z]+", text.lower())
        if len(w) > 3 and w not in _STOP and w not in name_words
    }


def _facts(rows: list[Row[Any]], name_words: set[str], newest: datetime) -> list[Cited]:
    """Sentences that name the entity and read on their own, by recency and centrality."""
    candidates: dict[int, Row[Any]] = {}
    for row in rows:
        if row.label != "QUOTE" and row.readable and row.sentence_id not in candidates:
            candidates[row.sentence_id] = row
    if not candidates:
        return []
    words = {sid: _words(row.text, name_words) for sid, row in candidates.items()}
    df: Counter[str] = Counter(w for ws in words.values() for w in ws)
    n = max(len(candidates) - 1, 1)
    central = {sid: sum((df[w] - 1) / n for w in ws) / (len(ws) or 1) for sid, ws in words.items()}
    top = max(central.values()) or 1.0
    quoted = {row.sentence_id for row in rows if row.quote}

    def score(sid: int) -> float:
        row = candidates[sid]
        age = max((newest - as_utc(row.published)).total_seconds() / 86400, 0.0)
        recency = 0.5 ** (age / HALF_LIFE_DAYS)
        penalty = 0.15 if sid in quoted else 0.0
        return (
            0.3 * central[sid] / top + 0.35 * recency + 0.35 * _actor(row.text, row.surface)
        ) - penalty

    base = {sid: score(sid) for sid in candidates}
    picked: list[Row[Any]] = []
    per_article: Counter[int] = Counter()
    remaining = set(candidates)
    while remaining and len(picked) < FACTS:
        best = max(
            remaining, key=lambda sid: (base[sid] - 0.5 * _overlap(words[sid], picked, words), -sid)
        )
        remaining.discard(best)
        row = candidates[best]
        if per_article[row.article_id] >= 2:
            continue
        if any(fuzz.token_sort_ratio(row.text, other.text) >= 75 for other in picked):
            continue
        picked.append(row)
        per_article[row.article_id] += 1
    return [_cited(row.text, row) for row in picked]


_ACTS = re.compile(r"^\s+(?!and\b|or\b|of\b|in\b|on\b|to\b|with\b)[a-z]+\b")


def _actor(text: str, surface: str) -> float:
    """How surely the sentence tells what the entity did or said: 1 for "Witkoff met ...",
    0.6 for a subject followed by a clause ("Witkoff, who ..."), 0.2 otherwise (an object,
    a possessive, a name inside a quotation)."""
    position = text.find(surface) if surface else -1
    if not 0 <= position <= 60:
        return 0.2
    before, after = text[:position], text[position + len(surface) :]
    inside = before.count("“") > before.count("”") or before.count('"') % 2 == 1
    if inside or after[:1] in "'’":
        return 0.2
    return 1.0 if _ACTS.match(after) else 0.6


def _overlap(mine: set[str], picked: list[Row[Any]], words: dict[int, set[str]]) -> float:
    """Largest word overlap (Jaccard) with an already picked sentence: keeps facts varied."""
    scores = [
        len(mine & words[row.sentence_id]) / (len(mine | words[row.sentence_id]) or 1)
        for row in picked
    ]
    return max(scores, default=0.0)


def _outlets(session: Session, entity_id: int) -> list[str]:
    m, al, a = PeopleMentionRow, PeopleAliasRow, ArticleRow
    query = (
        select(a.outlet, func.count(distinct(a.id)))
        .join(m, m.article_id == a.id)
        .join(al, (al.alias == m.key) & al.owns.is_(True))
        .where(al.entity_id == entity_id, a.outlet.is_not(None), a.deleted_at.is_(None))
        .group_by(a.outlet)
        .order_by(func.count(distinct(a.id)).desc(), a.outlet)
    )
    return [outlet for outlet, _ in session.execute(query)]


def _related(session: Session, entity_id: int, key: str) -> list[Related]:
    """People and organisations (news media left out) named in the same articles; a name
    made only of words of the entity's own name, or holding all of them ("Michelle" and
    Michelle Obama, "Labour" and the Labour Party), is the entity itself, named short or
    long, and left out."""
    m, al, e = PeopleMentionRow, PeopleAliasRow, PeopleEntityRow
    own = (
        select(m.article_id)
        .join(al, (al.alias == m.key) & al.owns.is_(True))
        .where(al.entity_id == entity_id)
        .distinct()
    )
    shared = func.count(distinct(m.article_id))
    query = (
        select(e.name, e.kind, shared)
        .join(al, al.entity_id == e.id)
        .join(m, (m.key == al.alias) & al.owns.is_(True))
        .where(m.article_id.in_(own), e.id != entity_id, e.media.is_(False))
        .group_by(e.id)
        .order_by(shared.desc(), func.count(m.id).desc(), e.name)
        .limit(2 * RELATED)
    )
    words = set(key.split())
    related = [
        Related(name, kind, count)
        for name, kind, count in session.execute(query)
        if not (set(fold(name).split()) <= words or words <= set(fold(name).split()))
        and not _nickname(name, key)
        and not (kind == "person" and _first_name(session, fold(name)))
    ]
    return related[:RELATED]


def _nickname(name: str, key: str) -> bool:
    """A nickname the articles give the entity ("Fred the Shred" for Fred Goodwin)."""
    words = fold(name).split()
    return len(words) > 2 and " the " in f" {name.lower()} " and words[0] == key.split()[0]


def _first_name(session: Session, key: str) -> bool:
    """Whether a one-word name is some full-named person's first name: "Julia" alone in
    several articles is seldom one person, so it is no one to be mentioned with."""
    e = PeopleEntityRow
    if " " in key:
        return False
    query = select(e.id).where(e.kind == "person", e.key >= key + " ", e.key < key + "!")
    return session.scalar(query.limit(1)) is not None


def people_in_articles(session: Session, article_ids: list[int], limit: int = 8) -> list[str]:
    """Names (people and organisations, news media left out) most mentioned in the articles."""
    if not article_ids:
        return []
    m, al, e = PeopleMentionRow, PeopleAliasRow, PeopleEntityRow
    articles = func.count(distinct(m.article_id))
    query = (
        select(e.name)
        .join(al, al.entity_id == e.id)
        .join(m, (m.key == al.alias) & al.owns.is_(True))
        .where(m.article_id.in_(article_ids), e.media.is_(False))
        .group_by(e.id)
        .order_by(articles.desc(), func.count(m.id).desc(), e.name)
        .limit(limit)
    )
    return list(session.scalars(query))
