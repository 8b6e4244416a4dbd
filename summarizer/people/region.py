"""The region of names whose entities can change when some names' statistics change.

Resolution decides each entity from a few names only: its spellings (multi-word names
sharing a first word that are close enough to merge), the bare surnames it may own (and
the other people with that surname, whose coverage decides ownership) and a plural or
singular form ("Lib Dems"). Starting from the touched names, the region grows by those
relations, in the stored entities (as the last resolution wrote them) and in the ones a
rebuild would make, until nothing new joins. Rebuilding the region alone then gives
exactly the entities a full rebuild would give for it; every other entity stays as stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import select, union
from sqlalchemy.orm import Session

from summarizer.people.names import surnames
from summarizer.people.stats import KeyStats
from summarizer.store.people import PeopleAliasRow, PeopleEntityRow

CHUNK = 500
"""Names per ``IN (...)`` query."""


def same_spelling(a: str, b: str) -> bool:
    """Whether two person keys with the same first word are one name spelled two ways."""
    same_length = a.count(" ") == b.count(" ")
    return same_length and min(len(a), len(b)) >= 8 and fuzz.ratio(a, b) >= 92


@dataclass
class Region:
    """The names to rebuild, and the ids of the stored entities that own or find them."""

    keys: set[str] = field(default_factory=set)
    entity_ids: set[int] = field(default_factory=set)


def _chunks(items: Iterable[str] | Iterable[int]) -> Iterable[list]:
    ordered = sorted(items)  # type: ignore[type-var]
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def _is_person(stats: dict[str, KeyStats], key: str) -> bool:
    entry = stats.get(key)
    return entry is not None and entry.kind() == "person"


def _spelling_neighbours(
    session: Session, stats: dict[str, KeyStats], touched: Collection[str]
) -> set[str]:
    """Person keys that a touched multi-word person key would now merge with.

    Merges happen only within one first word, so only the stored names with that first
    word (an index range on the aliases) and the other touched names are compared. The
    merges the stored entities already reflect come with those entities' keys.
    """
    by_first: dict[str, set[str]] = defaultdict(set)
    for key in touched:
        if " " in key and _is_person(stats, key):
            by_first[key.split(" ", 1)[0]].add(key)
    found: set[str] = set()
    al = PeopleAliasRow
    for first, keys in by_first.items():
        query = select(al.alias).where(al.alias >= first + " ", al.alias < first + "!").distinct()
        group = set(session.scalars(query)) | {k for k in touched if k.startswith(first + " ")}
        group = {k for k in group if _is_person(stats, k)}
        for key in keys:
            found |= {other for other in group if other != key and same_spelling(key, other)}
    return found


def _related(key: str, stats: dict[str, KeyStats], touched: Collection[str]) -> set[str]:
    """Names whose fate this one's shares: its surname (for a person's full name, or for
    any name that changed) and its singular and plural forms."""
    related = {key + "s"} if key + "s" in stats else set()
    if key.endswith("s") and key[:-1] in stats:
        related.add(key[:-1])
    if " " in key and (key in touched or key not in stats or _is_person(stats, key)):
        related |= surnames(key)
    return related


def _stored(session: Session, keys: set[str]) -> set[int]:
    """Ids of the stored entities with one of these keys, or an alias among them."""
    al, e = PeopleAliasRow, PeopleEntityRow
    ids: set[int] = set()
    for chunk in _chunks(keys):
        by_alias = select(al.entity_id).where(al.alias.in_(chunk))
        ids.update(session.scalars(union(by_alias, select(e.id).where(e.key.in_(chunk)))))
    return ids


def _names_of(session: Session, ids: set[int]) -> set[str]:
    """Every alias and key of these stored entities."""
    al, e = PeopleAliasRow, PeopleEntityRow
    names: set[str] = set()
    for chunk in _chunks(ids):
        aliases = select(al.alias).where(al.entity_id.in_(chunk))
        names.update(session.scalars(union(aliases, select(e.key).where(e.id.in_(chunk)))))
    return names


def find_region(
    session: Session, stats: dict[str, KeyStats], touched: Collection[str], limit: int
) -> Region | None:
    """The names whose entities can change with the ``touched`` names' statistics (already
    in ``stats``), with the stored entities concerned; None past ``limit`` names."""
    region = Region()
    pending = set(touched) | _spelling_neighbours(session, stats, touched)
    while pending:
        region.keys |= pending
        if len(region.keys) > limit:
            return None
        grown: set[str] = set()
        for key in pending:
            grown |= _related(key, stats, touched)
        ids = _stored(session, pending) - region.entity_ids
        region.entity_ids |= ids
        grown |= _names_of(session, ids)
        pending = grown - region.keys
    return region
