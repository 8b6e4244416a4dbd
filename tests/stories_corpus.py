"""A small invented news corpus for the stories and search tests (written for this project).

Three events, several outlets each: a bridge closure in the fictional port of Elwin, the
launch of a tablet by the fictional Marlow Devices, and a one-off item on a rare orchid.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from tests.article_rows import article_row

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

BRIDGE = [
    (
        "Elwin harbour bridge shut after cracks found in main span",
        "Harbour Gazette",
        "Engineers closed the Elwin harbour bridge on Monday after inspectors found cracks "
        "in the main steel span.\n\nMayor Tessa Quill said the crossing would stay shut until "
        "the Kestrel Engineering survey is complete. Ferries will run every ten minutes.",
    ),
    (
        "Cracked span closes Elwin's harbour crossing, ferries added",
        "Coastal Times",
        "The harbour bridge in Elwin was closed to all traffic after cracks were discovered "
        "in its main span, Mayor Tessa Quill announced.\n\nKestrel Engineering will survey the "
        "steelwork this week, and extra ferries will carry commuters across the harbour.",
    ),
    (
        "Commuters queue for ferries as Elwin bridge stays closed",
        "Northern Post",
        "Long queues formed at Elwin's ferry piers on Tuesday, a day after the harbour bridge "
        "was shut because of cracks in its main span.\n\nMayor Tessa Quill asked residents to "
        "be patient while Kestrel Engineering inspects the bridge.",
    ),
]
TABLET = [
    (
        "Marlow Devices unveils the Slate 7 tablet with a week-long battery",
        "Tech Ledger",
        "Marlow Devices launched its Slate 7 tablet on Tuesday, promising a battery that lasts "
        "a week on a single charge.\n\nChief executive Ravi Okonjo said the Slate 7 goes on "
        "sale in April at a lower price than its rivals.",
    ),
    (
        "Slate 7: Marlow bets on battery life in crowded tablet market",
        "Gadget Wire",
        "Ravi Okonjo, the head of Marlow Devices, showed off the Slate 7 tablet, whose battery "
        "he said lasts seven days.\n\nAnalysts said the Marlow Slate 7 could win buyers tired "
        "of charging their devices every night.",
    ),
]
ORCHID = [
    (
        "Botanists rediscover ghost orchid thought lost for a century",
        "Nature Desk",
        "A team of botanists has found a colony of ghost orchids in a remote valley, a flower "
        "last recorded more than a hundred years ago.\n\nThe plants grow on the roots of old "
        "beech trees and flower only in wet summers.",
    ),
]
EVENTS = {"bridge": BRIDGE, "tablet": TABLET, "orchid": ORCHID}


def add_article(
    session: Session,
    headline: str,
    outlet: str,
    text: str,
    *,
    published: datetime,
    language: str = "en",
    update_of: int | None = None,
    deleted: bool = False,
) -> int:
    """Insert one article row as ingestion would leave it; returns its id."""
    digest = hashlib.sha256(f"{headline}\n{text}".encode()).hexdigest()
    row = article_row(
        path=f"{outlet.lower().replace(' ', '-')}/{digest[:12]}.txt",
        text=text,
        published=published,
        outlet=outlet,
        headline=headline,
        language=language,
        content_hash=digest,
        update_of=update_of,
        file_mtime=published.timestamp(),
        deleted_at=published if deleted else None,
    )
    session.add(row)
    session.flush()
    return row.id


def add_events(session: Session, *, start: datetime = T0) -> dict[str, list[int]]:
    """Insert every event's articles, interleaved an hour apart; ids by event."""
    ids: dict[str, list[int]] = {name: [] for name in EVENTS}
    order = [(name, item) for name, items in EVENTS.items() for item in items]
    order.sort(key=lambda pair: EVENTS[pair[0]].index(pair[1]))
    for hour, (name, (headline, outlet, text)) in enumerate(order):
        published = start + timedelta(hours=hour)
        ids[name].append(add_article(session, headline, outlet, text, published=published))
    return ids
