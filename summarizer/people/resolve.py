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

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from summarizer.people.names import fold, is_full, short_keys, surnames
from summarizer.people.region import Region, find_region, same_spelling
from summarizer.people.stats import KeyStats, commonest, key_stats
from summarizer.people.writes import Wanted, figures, stored_rows, write_entities
from summarizer.store.articles import ArticleRow
from summarizer.store.people import PeopleAliasRow, PeopleEntityRow

DOMINANCE = 5
"""A bare surname goes to the full name seen in this many times more articles than the next."""
REGION_SHARE = 0.2
"""An update whose region passes this share of all names (and ``MIN_REGION`` names) is
resolved by a full rebuild, quicker then than growing the region query by query."""
MIN_REGION = 200
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
                if same_spelling(a, b):
                    parent[root(b)] = root(a)
    return {key: root(key) for key in keys}


def build_entities(stats: dict[str, KeyStats]) -> tuple[list[Entity], dict[str, list[Entity]]]:
    """Entities from key statistics, plus ambiguous surnames and their candidates."""
    kinds = {key: entry.kind() for key, entry in stats.items()}
    for key, kind in kinds.items():  # "Lib Dems" when "Lib Dem" is a party
        plural = " " in key and key.endswith("s")
        if plural and kind == "person" and kinds.get(key[:-1]) == "organisation":
            kinds[key] = "organisation"
    multi = [k for k, kind in kinds.items() if kind == "person" and is_full(k)]
    parent = _merge_spellings(multi)
    people: dict[str, Entity] = {}
    for key in multi:
        root = parent[key]
        entity = people.setdefault(root, Entity(root, "person"))
        entity.keys.add(key)
        entity.lookups |= {key} | short_keys(key)
        entity.names.update(stats[key].names)
        entity.articles += stats[key].articles
    by_surname: dict[str, list[Entity]] = defaultdict(list)
    for entity in people.values():
        for last in {short for k in entity.keys for short in surnames(k)}:
            by_surname[last].append(entity)
            entity.lookups.add(last)
    entities = list(people.values())
    ambiguous: dict[str, list[Entity]] = {}
    others: dict[str, Entity] = {}
    for key, entry in stats.items():
        if is_full(key) and kinds[key] == "person":
            continue
        owners = by_surname.get(key, []) if not is_full(key) else []
        person, org, place = entry.votes()
        said = entry.contexts
        if (
            owners
            and person + org + said["person"] + said["org"] >= place + said["place"]
            and not _organisation_of_its_own(kinds[key], entry.articles, owners)
        ):
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


def _organisation_of_its_own(kind: str, articles: int, owners: list[Entity]) -> bool:
    """Whether a one-word organisation is not the surname of the people who end with it:
    "Labour" in 200 articles is the party, not the surname of a "Tory-Labour" in 2.

    A surname alone is seldom in more articles than the full name it stands for, since
    inside an article it already points at the full name."""
    return kind == "organisation" and articles > max(owner.articles for owner in owners)


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
    whole: bool = False,
) -> int:
    """Bring entities and aliases in line with every stored mention; returns the entity count.

    ``touched`` are the folded names whose mentions were added or removed since the last
    resolution (``None``: all of them). Only their region (see :mod:`region`) is rebuilt,
    read and rewritten, with exactly the entities a full rebuild would give; a region too
    large for that, or ``touched=None``, rebuilds everything. Either way only what changed
    is written: an entity whose row and aliases come out the same keeps its id, and its
    figures (counts, dates, headline role) are recomputed only when it owns a touched name.
    ``stats`` (from :func:`key_stats` or :func:`refreshed_stats`) saves reading them again;
    ``whole`` rebuilds everything however few names were touched (the former way, kept as
    the baseline of ``bench/resolve.py``).
    """
    stats = stats if stats is not None else key_stats(session)
    outlets = Outlets.of(
        {fold(o) for o in session.scalars(select(ArticleRow.outlet).distinct()) if o}
    )
    if touched is not None and not whole:
        limit = max(MIN_REGION, int(REGION_SHARE * len(stats)))
        region = find_region(session, stats, touched, limit)
        if region is not None:
            return _resolve_region(session, stats, touched, region, outlets)
    entities, ambiguous = build_entities(stats)
    wanted = _wanted(entities, ambiguous, outlets)
    existing, old_aliases = stored_rows(session, None)
    next_id = max((row.id for row in existing.values()), default=0) + 1
    dirty = write_entities(session, wanted, existing, old_aliases, touched, next_id)
    if dirty:  # past a few thousand, one pass over everything is quicker than a long IN list
        figures(session, None if touched is None or len(dirty) > 2_000 else dirty)
    return len(wanted)


def _resolve_region(
    session: Session,
    stats: dict[str, KeyStats],
    touched: set[str],
    region: Region,
    outlets: Outlets,
) -> int:
    """Rebuild, diff and rewrite the region's entities only; returns the entity count."""
    entities, ambiguous = build_entities({k: stats[k] for k in sorted(region.keys) if k in stats})
    wanted = _wanted(entities, ambiguous, outlets)
    e = PeopleEntityRow
    ids = set(region.entity_ids)
    for start in range(0, len(wanted), 500):
        chunk = sorted(wanted)[start : start + 500]
        ids.update(session.scalars(select(e.id).where(e.key.in_(chunk))))
    next_id = (session.scalar(select(func.max(e.id))) or 0) + 1
    dirty = _media_elsewhere(session, outlets, ids)
    existing, old_aliases = stored_rows(session, ids)
    dirty |= write_entities(session, wanted, existing, old_aliases, touched, next_id)
    if dirty:
        figures(session, None if len(dirty) > 2_000 else dirty)
    return session.scalar(select(func.count(e.id))) or 0


def _media_elsewhere(session: Session, outlets: Outlets, skip: set[int]) -> set[int]:
    """Outside the region, only the media flag can change (when the outlets do): check the
    entities flagged and those whose names are outlets; returns the ids changed."""
    e, al = PeopleEntityRow, PeopleAliasRow
    ids = set(session.scalars(select(e.id).where(e.media.is_(True))))
    names = sorted(outlets.names | outlets.short)
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        query = select(al.entity_id).where(al.owns.is_(True), al.alias.in_(chunk))
        ids.update(session.scalars(query))
    ids -= skip
    changed = []
    for chunk in (sorted(ids)[i : i + 500] for i in range(0, len(ids), 500)):
        for entity_id, name, kind, media in session.execute(
            select(e.id, e.name, e.kind, e.media).where(e.id.in_(chunk))
        ):
            if _is_media(name, kind, outlets) != bool(media):
                changed.append({"id": entity_id, "media": not media})
    if changed:
        session.execute(update(PeopleEntityRow), changed)
    return {row["id"] for row in changed}


def _wanted(entities: list[Entity], ambiguous: dict[str, list[Entity]], outlets: Outlets) -> Wanted:
    """Entity key → (row without id, {(alias, owns)}), as a full rebuild would write them.

    An entity owns its keys; its other lookups (a surname, an ambiguous surname it is a
    candidate for) only find it.
    """
    candidate_for: dict[int, set[str]] = defaultdict(set)
    for key, owners in ambiguous.items():
        for owner in owners:
            candidate_for[id(owner)].add(key)
    wanted: Wanted = {}
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
    return commonest(names)
