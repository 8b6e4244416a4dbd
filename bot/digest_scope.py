"""What a chat's digest covers, its period and its stories: one rule for ``/digest`` and the
scheduled digest."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

FIRST_PERIOD = timedelta(hours=24)
"""What a chat's first digest covers."""

DEFAULT_MAX_STORIES = 5
"""``BRIEFBOT_DIGEST_MAX_STORIES``'s default, for a service that does not say its own."""


def digest_since(subscription: Any | None, until: datetime) -> datetime:
    """Where the digest's period starts: the chat's previous digest, else ``FIRST_PERIOD`` ago."""
    last = getattr(subscription, "last_digest_at", None)
    return last if last is not None else until - FIRST_PERIOD


def digest_stories(
    service: Any, *, since: datetime, topics: Sequence[str], limit: int | None
) -> list[Any]:
    """The top stories since ``since`` about any of ``topics`` (every story when none).

    Each topic word is asked for on its own (the summarizer matches it literally and
    by meaning) and the answers are merged: a story keeps its best rank over the
    words, ties go to the word given first. At most ``limit`` stories; None means the
    service's default. Blocking: call it in a worker thread.
    """
    if not topics:
        return list(service.digest(since=since, limit=limit).stories)
    best: dict[int, tuple[int, int, Any]] = {}
    order = 0
    for topic in topics:
        for story in service.digest(since=since, limit=limit, topic=topic).stories:
            order += 1
            rank = story.rank if story.rank is not None else order
            if story.id not in best or rank < best[story.id][0]:
                best[story.id] = (rank, order, story)
    ranked = [story for _, _, story in sorted(best.values(), key=lambda item: item[:2])]
    return ranked[: limit or _default_limit(service)]


def _default_limit(service: Any) -> int:
    """How many stories the service puts in a digest when not told."""
    config = getattr(service, "config", None)
    return int(getattr(config, "digest_max_stories", None) or DEFAULT_MAX_STORIES)
