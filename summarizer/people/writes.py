"""Writing resolved entities: the difference from the stored rows, then their figures."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Row, delete, distinct, func, insert, select, update
from sqlalchemy.orm import Session

from summarizer.people.roles import RoleSeen, headline_role
from summarizer.store.articles import ArticleRow
from summarizer.store.people import PeopleAliasRow, PeopleEntityRow, PeopleMentionRow

Wanted = dict[str, tuple[dict[str, object], set[tuple[str, bool]]]]
"""Entity key → (row without id, {(alias, owns)}), as resolution decided them."""


def stored_rows(
    session: Session, ids: set[int] | None
) -> tuple[dict[str, Row], dict[int, set[tuple[str, bool]]]]:
    """Stored entity rows by key and their {(alias, owns)}: these ids, or all (None)."""
    e, al = PeopleEntityRow, PeopleAliasRow
    rows = select(e.id, e.key, e.name, e.kind, e.media)
    aliases = select(al.alias, al.entity_id, al.owns)
    parts = (
        [(rows, aliases)]
        if ids is None
        else [
            (rows.where(e.id.in_(chunk)), aliases.where(al.entity_id.in_(chunk)))
            for chunk in (sorted(ids)[i : i + 500] for i in range(0, len(ids), 500))
        ]
    )
    existing: dict[str, Row] = {}
    old_aliases: dict[int, set[tuple[str, bool]]] = defaultdict(set)
    for row_query, alias_query in parts:
        existing.update((row.key, row) for row in session.execute(row_query))
        for alias, entity_id, owns in session.execute(alias_query):
            old_aliases[entity_id].add((alias, bool(owns)))
    return existing, old_aliases


def write_entities(
    session: Session,
    wanted: Wanted,
    existing: dict[str, Row],
    old_aliases: dict[int, set[tuple[str, bool]]],
    touched: set[str] | None,
    next_id: int,
) -> set[int]:
    """Write the difference between ``wanted`` and the ``existing`` rows it replaces; new
    entities get ids from ``next_id`` in key order. Returns the ids needing new figures."""
    gone = [row.id for key, row in existing.items() if key not in wanted]
    if gone:
        session.execute(delete(PeopleAliasRow).where(PeopleAliasRow.entity_id.in_(gone)))
        session.execute(delete(PeopleEntityRow).where(PeopleEntityRow.id.in_(gone)))
    ids = {key: row.id for key, row in existing.items() if key in wanted}
    for key in sorted(set(wanted) - set(ids)):
        ids[key], next_id = next_id, next_id + 1
    new_rows, changed_rows, new_aliases, dirty = [], [], [], set()
    stale_aliases = []
    for key, (row, aliases) in wanted.items():
        entity_id, old = ids[key], existing.get(key)
        if old is None:
            new_rows.append({"id": entity_id, **row})
        elif (old.name, old.kind, bool(old.media)) != (row["name"], row["kind"], row["media"]):
            changed = {"id": entity_id, "name": row["name"], "kind": row["kind"]}
            changed_rows.append({**changed, "media": row["media"]})
            dirty.add(entity_id)
        if old is None or old_aliases.get(entity_id, set()) != aliases:
            if old is not None:
                stale_aliases.append(entity_id)
            new_aliases += [{"alias": a, "entity_id": entity_id, "owns": o} for a, o in aliases]
            dirty.add(entity_id)
        elif touched is None or any(o and a in touched for a, o in aliases):
            dirty.add(entity_id)
    if stale_aliases:
        session.execute(delete(PeopleAliasRow).where(PeopleAliasRow.entity_id.in_(stale_aliases)))
    if new_rows:
        session.execute(insert(PeopleEntityRow), new_rows)
    if changed_rows:
        session.execute(update(PeopleEntityRow), changed_rows)
    if new_aliases:
        session.execute(insert(PeopleAliasRow), new_aliases)
    return dirty


def figures(session: Session, ids: set[int] | None) -> None:
    """Counts, first/last seen and the headline role of these entities (None: all)."""
    m, al, a = PeopleMentionRow, PeopleAliasRow, ArticleRow
    owned = (
        select(al.entity_id, m.id, m.article_id, m.role, a.outlet, a.published)
        .join(m, m.key == al.alias)
        .join(a, a.id == m.article_id)
        .where(al.owns.is_(True))
    )
    if ids is not None:
        owned = owned.where(al.entity_id.in_(sorted(ids)))
    owned = owned.subquery()
    query = select(
        owned.c.entity_id,
        func.count(owned.c.id),
        func.count(distinct(owned.c.article_id)),
        func.count(distinct(owned.c.outlet)),
        func.min(owned.c.published),
        func.max(owned.c.published),
    ).group_by(owned.c.entity_id)
    updates = {
        entity: {
            "id": entity,
            "mentions": mentions,
            "articles": articles,
            "outlets": outlets,
            "first_seen": first,
            "last_seen": last,
            "role": None,
        }
        for entity, mentions, articles, outlets, first, last in session.execute(query)
    }
    for entity in ids or ():  # an entity left with no mention gets zeros, as when created
        updates.setdefault(
            entity,
            {
                "id": entity,
                "mentions": 0,
                "articles": 0,
                "outlets": 0,
                "first_seen": None,
                "last_seen": None,
                "role": None,
            },
        )
    roles: dict[int, list[RoleSeen]] = defaultdict(list)
    role_rows = (
        select(owned.c.entity_id, owned.c.role, owned.c.article_id, owned.c.outlet)
        .where(owned.c.role.is_not(None))
        .order_by(owned.c.article_id, owned.c.id)  # ties go the same way however it is read
    )
    for entity, role, article, outlet in session.execute(role_rows):
        roles[entity].append(RoleSeen(role, article, outlet))
    for entity, seen in roles.items():
        if entity in updates:
            updates[entity]["role"] = headline_role(seen)
    if updates:
        session.execute(update(PeopleEntityRow), list(updates.values()))
