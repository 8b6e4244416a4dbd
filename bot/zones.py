"""Time zones by IANA name, from a name that may be anything a user typed."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def find_zone(name: str) -> ZoneInfo | None:
    """The zone called ``name``, or None when there is none by that name.

    ``ZoneInfo`` reads ``name`` as a path under the tz database: an area ("Europe") is a
    folder (IsADirectoryError), "../x" or "" a bad key (ValueError), an unrelated file
    there not a zone (ValueError); none of them is a zone.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
