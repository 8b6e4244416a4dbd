"""Rule-based cleaning of one document's units: boilerplate out, real sentences kept verbatim.

Order matters: pieces of one sentence that the scraper cut apart are joined first; widgets
repeated in the page and a trailing appeal block go next (the appeal's parts look like
prose), then single units of page furniture, sign-offs (used for attribution), outlet
taglines, the headline, short fragments, and finally runs of teaser headlines (items of a
content list excepted).
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
    notices: list[str] = field(default_factory=list)
    """What was ignored and why (a date line out of range), for the ingest report."""


def clean_units(
    units: list[str], *, title: str | None = None, outlet: str | None = None
) -> Cleaned:
    """Apply every rule to a document's units (in page order).

    ``outlet`` (from metadata) helps to spot the outlet's own tagline at the end.
    """
    removed: Counter[str] = Counter()
    owners: list[str] = []
    published: datetime | None = None
    notices: list[str] = []

    if units and (kicker := _KICKER.match(units[0])):
        units = [kicker.group(1), *units[1:]]  # "SECTION | Headline": the headline
    units = _rejoin(units, removed)
    units = _drop_repeated(units, removed)
    cut = _appeal_tail(units)
    if cut is not None:
        owners += [name for unit in units[cut:] if (name := owner_in(unit))]
        removed["appeal block"] += len(units) - cut
        units = units[:cut]

    kept: list[str] = []
    for unit in units:
        dated = date_line(unit)
        if dated is not None:
            published = published or dated.when
            notices += [dated.problem] if dated.problem else []
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
    return Cleaned(
        headline,
        kept,
        outlet=signed or owner,
        published=published,
        removed=removed,
        notices=notices,
    )


def _counted(flag: bool, kind: str, removed: Counter[str]) -> bool:
    if flag:
        removed[kind] += 1
    return flag


_KICKER = re.compile(
    r"^(?!(?:WATCH|LISTEN|VIDEO|READ|COMMENT|LIVE|PODCAST|GALLERY|PHOTOS?)\b)"
    r"[A-Z][A-Z0-9 &'’.-]{2,40}\s*[|•]\s*(\S.*)$"
)
"""A capitalised section label before the first line's headline ("SCHOOLS | Pupils …");
media labels ("WATCH | …") head a teaser instead."""
_OPEN_END = re.compile(r"(?:[^\W\d_]|[,–—-])$")
"""Ends mid-sentence: a letter or a comma (a number may end a dateline: "5 March, 2014")."""
_CARRIES_ON = re.compile(r"(?![b-z]\b)[a-z]+\b(?![’'-]?[A-Z])")
"""A lower-case first word; not one stray letter (a drop cap's leftover: "n the …")."""


def _rejoin(units: list[str], removed: Counter[str]) -> list[str]:
    """Put back together a sentence the scraper cut into units at an inline element.

    Italics, links or a caption break become unit breaks ("… like an" / "agent
    provocateur" / "and perhaps …"): a unit that starts with a lower-case word carries
    on the one before it when that one ends mid-sentence (a word or a comma). The first
    unit (a possible headline) is left alone; "iPhone" or "eBay" do not carry on.
    """
    joined: list[str] = []
    for i, unit in enumerate(units):
        if i > 1 and _CARRIES_ON.match(unit) and _OPEN_END.search(joined[-1]):
            joined[-1] = f"{joined[-1]} {unit}"
            removed["rejoined piece"] += 1
        else:
            joined.append(unit)
    return joined


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
        return title, _drop_echo(units, title, removed)
    if units and len(units) > 1 and rules.is_heading(units[0], min_words=2, max_words=30, top=True):
        return units[0], _drop_echo(units[1:], units[0], removed)
    return None, units


def _drop_echo(units: list[str], headline: str, removed: Counter[str]) -> list[str]:
    """The headline repeated just below it (a lower-case slug, a share widget's copy)."""
    kept = [u for i, u in enumerate(units) if i >= 3 or not _same(u, headline)]
    removed["headline repeated"] += len(units) - len(kept)
    return kept


def _same(a: str, b: str) -> bool:
    squash = re.compile(r"\W+")
    return squash.sub("", a.lower()) == squash.sub("", b.lower())


def _drop_teasers(units: list[str], removed: Counter[str]) -> list[str]:
    """In a run of headline-shaped units only the last one, if text follows, is a sub-heading.

    Items of a content list (:func:`_list_items`) are not teasers and stay.
    """
    heads = [rules.is_heading(unit) for unit in units]
    listed = _list_items(units, heads)
    keep: list[str] = []
    for i, unit in enumerate(units):
        if heads[i] and i not in listed:
            followed_by_text = i + 1 < len(units) and not heads[i + 1]
            if not followed_by_text:
                removed["teaser headline"] += 1
                continue
        keep.append(unit)
    return keep


_NUMBER_WORD = (
    r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|dozens?"
)
_LIST_SHAPES = {
    "dash": re.compile(r"\S\s[-–—]\s\S"),
    "bracket": re.compile(r"\S\s?\([^)]{2,}\)"),
    "count": re.compile(rf"^(?i:{_NUMBER_WORD})\b\s+\S"),
    "label": re.compile(r"^([\w’'.&]+(?: [\w’'.&]+){0,2}):\s+\S"),
}
"""How the items of a content list are built: "Name, 26 - role", "Title (Channel)", "153
Chinese including …", "Monday: met …"."""


def _list_items(units: list[str], heads: list[bool]) -> set[int]:
    """Indexes of headline-shaped units that are items of a content list, not teasers.

    Related-headline lists are free-form; the items of a content list (nominees, victims,
    places, a timetable) share one build (:data:`_LIST_SHAPES`). In a run of headline-shaped
    units, when three or more share one build and they make three quarters of the run
    besides its first unit (the list's own title), those items are content.
    A shared "Label:" counts only with different labels ("Paris attacks: …" repeated is a
    teaser list).
    """
    items: set[int] = set()
    i = 0
    while i < len(units):
        if not heads[i]:
            i += 1
            continue
        end = i
        while end < len(units) and heads[end]:
            end += 1
        run = range(i, end)
        if len(run) >= 3:
            for shape, pattern in _LIST_SHAPES.items():
                hits = [k for k in run if pattern.search(units[k])]
                if shape == "label":
                    labels = {pattern.match(units[k]).group(1).lower() for k in hits}  # type: ignore[union-attr]
                    hits = hits if len(labels) >= 0.75 * len(hits) else []
                if len(hits) >= 3 and len(hits) >= 0.75 * (len(run) - 1):
                    items.update(hits)
                    break
        i = end
    return items
