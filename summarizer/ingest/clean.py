"""Rule-based cleaning of one document's units: boilerplate out, real sentences kept verbatim.

Order matters: widgets repeated in the page and a trailing appeal block go first (the
appeal's parts look like prose), then single units of page furniture, sign-offs (used for
attribution), outlet taglines, the headline, short fragments, and finally runs of teaser
headlines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from summarizer.ingest import boilerplate as rules
from summarizer.ingest.attribution import date_line, owner_in, split_sign_off


@dataclass
class Cleaned:
    """One document after the rules: headline, body paragraphs, and what the furniture said."""

    headline: str | None
    paragraphs: list[str]
    outlet: str | None = None
    """Named by a sign-off or by the outlet's own furniture (appeals, copyright lines)."""
    published: datetime | None = None
    """From a ``Published: …`` line, when the text has one."""
    removed: Counter[str] = field(default_factory=Counter)
    """How many units each rule removed."""


def clean_units(
    units: list[str], *, title: str | None = None, outlet: str | None = None
) -> Cleaned:
    """Apply every rule to a document's units (in page order).

    ``outlet`` (from metadata) helps to spot the outlet's own tagline at the end.
    """
    removed: Counter[str] = Counter()
    owners: list[str] = []
    published: datetime | None = None

    units = _drop_repeated(units, removed)
    cut = _appeal_tail(units)
    if cut is not None:
        owners += [name for unit in units[cut:] if (name := owner_in(unit))]
        removed["appeal block"] += len(units) - cut
        units = units[:cut]

    kept: list[str] = []
    for unit in units:
        when = date_line(unit)
        if when is not None:
            published = published or when
            removed["date line"] += 1
            continue
        kind = rules.junk_kind(unit)
        if kind is None:
            kept.append(unit)
            continue
        removed[kind] += 1
        if name := owner_in(unit):
            owners.append(name)

    kept, signed = _sign_offs(kept, removed)
    owner = Counter(owners).most_common(1)[0][0] if owners else None
    kept = _drop_taglines(kept, {n for n in (outlet, signed, owner) if n}, removed)
    headline, kept = _headline(kept, title, removed)
    kept = [unit for unit in kept if not _counted(rules.is_fragment(unit), "fragment", removed)]
    kept = _drop_teasers(kept, removed)
    removed = +removed
    return Cleaned(headline, kept, outlet=signed or owner, published=published, removed=removed)


def _counted(flag: bool, kind: str, removed: Counter[str]) -> bool:
    if flag:
        removed[kind] += 1
    return flag


def _drop_repeated(units: list[str], removed: Counter[str]) -> list[str]:
    """Non-sentences that occur twice in one page are widgets (share bars, credits).

    A first line is kept: pages repeat their headline in share widgets.
    """
    counts = Counter(units)
    keep = [
        u
        for i, u in enumerate(units)
        if counts[u] < 2 or rules.TERMINAL.search(u) or (i == 0 and u)
    ]
    removed["repeated in page"] += len(units) - len(keep)
    return keep


def _appeal_tail(units: list[str]) -> int | None:
    """Where a closing block of appeals/promotions starts (everything after it fits one)."""
    first_fit = len(units)
    while first_fit > 0 and rules.appeal_like(units[first_fit - 1]):
        first_fit -= 1
    for i in range(max(first_fit - 1, 1), len(units)):
        if rules.opens_appeal(units[i]):
            return i
    return None


def _sign_offs(units: list[str], removed: Counter[str]) -> tuple[list[str], str | None]:
    """Strip sign-offs from the end (``– France24.``, ``Source: x.co.uk``), keeping the name."""
    outlet = None
    for _ in range(2):
        if not units:
            break
        rest, name = split_sign_off(units[-1])
        if name is None:
            break
        outlet = outlet or name
        removed["sign-off"] += 1
        units = [*units[:-1], rest] if rest else units[:-1]
    return units, outlet


def _drop_taglines(units: list[str], names: set[str], removed: Counter[str]) -> list[str]:
    """Closing lines about the outlet itself ("The X is an independent newsroom…")."""
    if not names:
        return units
    starts = tuple(form.casefold() for name in names for form in (name, name.removeprefix("The ")))
    while len(units) > 1 and len(rules.words(units[-1])) <= 20:
        if not units[-1].casefold().startswith(starts):
            break
        units = units[:-1]
        removed["outlet tagline"] += 1
    return units


def _headline(
    units: list[str], title: str | None, removed: Counter[str]
) -> tuple[str | None, list[str]]:
    """The metadata title (dropping its repeat in the text) or a headline-shaped first unit."""
    while units and rules.is_fragment(units[0], limit=2):
        units = units[1:]
        removed["fragment"] += 1
    if title:
        title = " ".join(title.split())
        if units and _same(units[0], title):
            units = units[1:]
        return title, units
    if units and len(units) > 1 and rules.is_heading(units[0], min_words=2, max_words=30, top=True):
        return units[0], units[1:]
    return None, units


def _same(a: str, b: str) -> bool:
    squash = re.compile(r"\W+")
    return squash.sub("", a.lower()) == squash.sub("", b.lower())


def _drop_teasers(units: list[str], removed: Counter[str]) -> list[str]:
    """In a run of headline-shaped units only the last one, if text follows, is a sub-heading."""
    heads = [rules.is_heading(unit) for unit in units]
    keep: list[str] = []
    for i, unit in enumerate(units):
        if heads[i]:
            followed_by_text = i + 1 < len(units) and not heads[i + 1]
            if not followed_by_text:
                removed["teaser headline"] += 1
                continue
        keep.append(unit)
    return keep
