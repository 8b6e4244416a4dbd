"""Per-name statistics for resolution: how each folded name is labelled, spelled and used.

Read from the stored mentions, in full or for a few names only (after an update).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from summarizer.store.people import PeopleMentionRow

PLACE_LABELS = ("GPE", "LOC", "FAC")


@dataclass
class KeyStats:
    """Votes and spellings of one folded name across the corpus."""

    labels: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    contexts: Counter[str] = field(default_factory=Counter)
    articles: int = 0

    def votes(self) -> tuple[int, int, int]:
        """(person, organisation, place) votes."""
        place = sum(self.labels[label] for label in PLACE_LABELS)
        return self.labels["PERSON"], self.labels["ORG"], place

    def kind(self) -> str:
        person, org, place = self.votes()
        said = self.contexts
        if " " not in commonest(self.names) and person >= max(org, place):
            # the small model calls "Kyiv" and "Yukos" people; "in Kyiv" and
            # "shares in Yukos" say otherwise
            if said["org"] > max(said["person"], said["place"]):
                return "organisation"
            if said["place"] > said["person"]:
                return "place"
        if person >= org and person >= place:
            if " " in commonest(self.names) and said["org"] >= max(3, said["person"] + 1):
                return "organisation"  # "Lib Dem" before others' titles: "Lib Dem leader ..."
            return "person"
        return "organisation" if org >= place else "place"


def commonest(names: Counter[str]) -> str:
    """The most frequent name; among equals, the first in alphabetical order (so the
    answer never depends on the order the counts were read in)."""
    return min(names.items(), key=lambda item: (-item[1], item[0]))[0]


def key_stats(session: Session, keys: Collection[str] | None = None) -> dict[str, KeyStats]:
    """Votes and spellings of every folded name, or only of ``keys``."""
    m = PeopleMentionRow
    query = (
        select(
            m.key,
            m.name,
            m.label,
            func.count(m.id),
            func.count(distinct(m.article_id)),
            m.context,
        )
        .where(m.label != "QUOTE")
        .group_by(m.key, m.name, m.label, m.context)
    )
    ordered = sorted(keys) if keys is not None else None
    queries = (
        [query]
        if ordered is None
        else [query.where(m.key.in_(ordered[i : i + 500])) for i in range(0, len(ordered), 500)]
    )
    stats: dict[str, KeyStats] = defaultdict(KeyStats)
    for part in queries:
        for key, name, label, count, articles, context in session.execute(part):
            entry = stats[key]
            entry.labels[label] += count
            entry.names[name] += count
            if context:
                entry.contexts[context] += count
            entry.articles = max(entry.articles, articles)
    return stats


def refreshed_stats(
    session: Session, cached: dict[str, KeyStats], touched: Collection[str]
) -> dict[str, KeyStats] | None:
    """``cached`` with the ``touched`` keys read again; None when it no longer adds up to
    the stored mentions (another process changed them), so a full read is needed."""
    stats = dict(cached)
    for key in touched:
        stats.pop(key, None)
    stats.update(key_stats(session, touched))
    m = PeopleMentionRow
    stored = session.scalar(select(func.count(m.id)).where(m.label != "QUOTE")) or 0
    counted = sum(sum(entry.labels.values()) for entry in stats.values())
    return stats if counted == stored else None
