"""Corpus-level resolution: which folded names are one person or organisation.

Inside an article, "Witkoff" already points at "Steve Witkoff" (see ``extract``). Here,
across the corpus: a bare surname joins the one full name it can belong to (or stays
ambiguous between several), spelling variants share a folded key, and the model's slips
are outvoted: every mention's label and its context ("in Kyiv", "Kyiv's forces",
"Mr Grushko", a quote) vote on whether a name is a person, an organisation or a place.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import delete, distinct, func, insert, select, update
from sqlalchemy.orm import Session

from summarizer.people.names import fold, surname
from summarizer.people.roles import RoleSeen, headline_role
from summarizer.people.stats import KeyStats, key_stats
from summarizer.store.articles import ArticleRow
from summarizer.store.people import PeopleAliasRow, PeopleEntityRow, PeopleMentionRow

DOMINANCE = 5
"""A bare surname goes to the full name seen in this many times more articles than the next."""
MEDIA = frozenset(
    fold(name)
    for name in (
        "AFP",
        "Agence France-Presse",
        "Reuters",
        "AP",
        "Associated Press",
        "CNN",
        "BBC",
        "BBC News",
        "Fox News",
        "TASS",
        "Interfax",
        "Interfax news agency",
        "RIA Novosti",
        "Izvestia",
        "Xinhua",
        "Bloomberg",
        "Al Jazeera",
        "NBC",
        "CBS",
        "ABC",
        "MSNBC",
        "Sky News",
        "LBC",
        "Guardian",
        "New York Times",
        "Washington Post",
        "Politico",
        "Wall Street Journal",
        "Financial Times",
        "Axios",
        "Kommersant",
        "Ukrinform",
        "Telegram",
        "X",
        "Twitter",
        "Facebook",
        "YouTube",
        "France24",
        "France 24",
        "Moscow Times",
        "Independent",
        "Kyiv Independent",
        "Ukrainska Pravda",
        "RT",
    )
)
_MEDIA_WORDS = frozenset({"news", "tv", "radio", "newspaper", "times", "post"})


@dataclass
class Entity:
    """An entity being assembled: its keys and the aliases that find it."""

    key: str
    kind: str
    keys: set[str] = field(default_factory=set)
    lookups: set[str] = field(default_factory=set)
    names: Counter[str] = field(default_factory=Counter)
    articles: int = 0


def _merge_spellings(keys: list[str]) -> dict[str, str]:
    """Map each multi-word person key to a representative; close surnames merge."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for key in sorted(keys):
        by_first[key.split(" ", 1)[0]].append(key)
    parent: dict[str, str] = {key: key for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    for group in by_first.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                same_length = a.count(" ") == b.count(" ")
                if same_length and min(len(a), len(b)) >= 8 and fuzz.ratio(a, b) >= 92:
                    parent[root(b)] = root(a)
    return {key: root(key) for key in keys}


def build_entities(stats: dict[str, KeyStats]) -> tuple[list[Entity], dict[str, list[Entity]]]:
    """Entities from key statistics, plus ambiguous surnames and their candidates."""
    kinds = {key: entry.kind() for key, entry in stats.items()}
    multi = [k for k, kind in kinds.items() if kind == "person" and " " in k]
    parent = _merge_spellings(multi)
    people: dict[str, Entity] = {}
    for key in multi:
        root = parent[key]
        entity = people.setdefault(root, Entity(root, "person"))
        entity.keys.add(key)
        entity.lookups.add(key)
        entity.names.update(stats[key].names)
        entity.articles += stats[key].articles
    by_surname: dict[str, list[Entity]] = defaultdict(list)
    for entity in people.values():
        for last in {surname(k) for k in entity.keys}:
            by_surname[last].append(entity)
            entity.lookups.add(last)
    entities = list(people.values())
    ambiguous: dict[str, list[Entity]] = {}
    others: dict[str, Entity] = {}
    for key, entry in stats.items():
        if " " in key and kinds[key] == "person":
            continue
        owners = by_surname.get(key, []) if " " not in key else []
        person, org, place = entry.votes()
        said = entry.contexts
        if owners and person + org + said["person"] + said["org"] >= place + said["place"]:
            ranked = sorted(owners, key=lambda e: -e.articles)
            if len(ranked) == 1 or ranked[0].articles >= DOMINANCE * ranked[1].articles:
                ranked[0].keys.add(key)
            else:
                ambiguous[key] = ranked
            continue
        if kinds[key] == "place":
            continue
        singular = key[:-1] if key.endswith("s") and kinds.get(key[:-1]) == kinds[key] else key
        entity = others.get(singular)  # "Lib Dems" and "Lib Dem" are one organisation
        if entity is None:
            entity = others[singular] = Entity(singular, kinds[key])
            entities.append(entity)
        entity.keys.add(key)
        entity.lookups.add(key)
        entity.names.update(entry.names)
        entity.articles += entry.articles
    return entities, ambiguous


@dataclass(frozen=True)
class Outlets:
    """The stored outlets (folded), and their short names ("gazette" for "northbridge gazette")."""

    names: frozenset[str]
    short: frozenset[str]

    @classmethod
    def of(cls, outlets: set[str]) -> Outlets:
        short = frozenset(outlet.split()[-1] for outlet in outlets if " " in outlet)
        return cls(frozenset(outlets), short)


def _is_media(name: str, kind: str, outlets: Outlets) -> bool:
    """A news outlet: known media or a stored outlet, or, whatever the model's label,
    an outlet's short name ("telling the Gazette" for the Northbridge Gazette)."""
    key = fold(name)
    if key in outlets.short:
        return True
    return kind == "organisation" and (
        key in MEDIA or key in outlets.names or bool(set(key.split()) & _MEDIA_WORDS)
    )


def resolve(
    session: Session,
    touched: set[str] | None = None,
    *,
    stats: dict[str, KeyStats] | None = None,
) -> int:
    """Bring entities and aliases in line with every stored mention; returns the entity count.

    Entities are decided from corpus-wide statistics every time; only what changed is
    written. An entity whose row and aliases come out the same keeps its id, and its
    figures (counts, dates, headline role) are recomputed only when it owns one of the
    ``touched`` keys (the folded names whose mentions were added or removed); ``None``
    means every key was touched. ``stats`` (from :func:`key_stats` or
    :func:`refreshed_stats`) saves reading them again.
    """
    stats = stats if stats is not None else key_stats(session)
    entities, ambiguous = build_entities(stats)
    outlets = {fold(o) for o in session.scalars(select(ArticleRow.outlet).distinct()) if o}
    wanted = _wanted(entities, ambiguous, Outlets.of(outlets))
    existing = {
        row.key: row
        for row in session.execute(
            select(PeopleEntityRow.id, PeopleEntityRow.key, PeopleEntityRow.name,
                   PeopleEntityRow.kind, PeopleEntityRow.media)
        )
    }  # fmt: skip
    old_aliases: dict[int, set[tuple[str, bool]]] = defaultdict(set)
    for alias, entity_id, owns in session.execute(
        select(PeopleAliasRow.alias, PeopleAliasRow.entity_id, PeopleAliasRow.owns)
    ):
        old_aliases[entity_id].add((alias, bool(owns)))
    gone = [row.id for key, row in existing.items() if key not in wanted]
    if gone:
        session.execute(delete(PeopleAliasRow).where(PeopleAliasRow.entity_id.in_(gone)))
        session.execute(delete(PeopleEntityRow).where(PeopleEntityRow.id.in_(gone)))
    next_id = max((row.id for row in existing.values()), default=0) + 1
    new_rows, changed_rows, new_aliases, dirty = [], [], [], set()
    stale_aliases = []
    for key, (row, aliases) in wanted.items():
        old = existing.get(key)
        if old is None:
            entity_id, next_id = next_id, next_id + 1
            new_rows.append({"id": entity_id, **row})
        else:
            entity_id = old.id
            if (old.name, old.kind, bool(old.media)) != (row["name"], row["kind"], row["media"]):
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
    if dirty:  # past a few thousand, one pass over everything is quicker than a long IN list
        _figures(session, None if touched is None or len(dirty) > 2_000 else dirty)
    return len(wanted)


def _wanted(
    entities: list[Entity], ambiguous: dict[str, list[Entity]], outlets: Outlets
) -> dict[str, tuple[dict[str, object], set[tuple[str, bool]]]]:
    """Entity key → (row without id, {(alias, owns)}), as a full rebuild would write them.

    An entity owns its keys; its other lookups (a surname, an ambiguous surname it is a
    candidate for) only find it.
    """
    candidate_for: dict[int, set[str]] = defaultdict(set)
    for key, owners in ambiguous.items():
        for owner in owners:
            candidate_for[id(owner)].add(key)
    wanted: dict[str, tuple[dict[str, object], set[tuple[str, bool]]]] = {}
    for entity in entities:
        name = _display_name(entity)
        row = {
            "key": entity.key,
            "name": name,
            "kind": entity.kind,
            "media": _is_media(name, entity.kind, outlets),
            "role": None,
        }
        finders = (entity.lookups | candidate_for[id(entity)]) - entity.keys
        aliases = {(alias, True) for alias in entity.keys} | {(a, False) for a in finders}
        if entity.key in wanted:
            aliases |= wanted[entity.key][1]
        wanted[entity.key] = (row, aliases)
    return wanted


def _display_name(entity: Entity) -> str:
    """The commonest spelling; for people, the commonest full name."""
    names = entity.names
    if entity.kind == "person":
        full = Counter({n: c for n, c in names.items() if " " in n})
        names = full or names
    return names.most_common(1)[0][0]


def _figures(session: Session, ids: set[int] | None) -> None:
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
    role_rows = select(owned.c.entity_id, owned.c.role, owned.c.article_id, owned.c.outlet).where(
        owned.c.role.is_not(None)
    )
    for entity, role, article, outlet in session.execute(role_rows):
        roles[entity].append(RoleSeen(role, article, outlet))
    for entity, seen in roles.items():
        if entity in updates:
            updates[entity]["role"] = headline_role(seen)
    if updates:
        session.execute(update(PeopleEntityRow), list(updates.values()))
