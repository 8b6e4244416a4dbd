"""Chat-neutral replies for what the scheduler sends: digests, quiet-day notices, alerts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.commands.briefs import render_digest
from bot.commands.words import cited, plural, when
from bot.document import Block, Bullets, Reply, Span, bold, italic, paragraph, reply

ALERT_POINTS = 3


def _cited_articles(service: Any, stories: Sequence[Any]) -> dict[int, Any]:
    """The articles the stories' points cite, by id (blocking: call in a worker thread)."""
    found: dict[int, Any] = {}
    for story in stories:
        for point in story.points:
            if point.article_id not in found:
                article = service.article(point.article_id)
                if article is not None:
                    found[point.article_id] = article
    return found


def digest_reply(
    service: Any,
    stories: Sequence[Any],
    *,
    since: datetime,
    zone: ZoneInfo,
    topics: Sequence[str],
    prefix: str,
    points: int | None = None,
) -> Reply:
    """The scheduled digest, in the same shape as ``/digest``, its ``/story N`` hints written
    with the chat platform's command ``prefix`` (blocking: loads the cited articles)."""
    articles = _cited_articles(service, stories)
    return render_digest(
        stories, articles, since=since, zone=zone, topics=topics, prefix=prefix, points=points
    )


def quiet_reply(*, since: datetime, zone: ZoneInfo, topics: Sequence[str]) -> Reply:
    """The one line a "notice" subscription gets on a day without new stories."""
    about = f" about {', '.join(topics)}" if topics else ""
    return reply(paragraph(f"No new stories{about} since {when(since, zone)}."))


def alert_reply(service: Any, story: Any, *, reason: str) -> Reply:
    """A breaking-story alert: why it was sent, the headline, its first points and outlets
    (blocking: loads the cited articles)."""
    articles = _cited_articles(service, [story])
    blocks: list[Block] = [
        paragraph(bold("Alert: "), Span(reason)),
        paragraph(bold(str(story.headline))),
    ]
    points = [
        cited(
            p.text,
            p.outlet,
            getattr(articles.get(p.article_id), "url", None),
            articles.get(p.article_id),
        )
        for p in list(story.points)[:ALERT_POINTS]
    ]
    if points:
        blocks.append(Bullets(tuple(points)))
    outlets = list(story.outlets)
    if outlets:
        blocks.append(paragraph(italic(f"{plural(len(outlets), 'outlet')}: {', '.join(outlets)}")))
    return Reply(tuple(blocks))
