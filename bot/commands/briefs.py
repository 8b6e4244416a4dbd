"""/digest and /story: the chat's top stories now, and one story in full."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.commands.context import Context
from bot.commands.guide import usage
from bot.commands.words import cited, plural, source_line, still_reading, when
from bot.digest_scope import digest_since, digest_stories
from bot.document import (
    Block,
    Bullets,
    Inline,
    Reply,
    Span,
    bold,
    heading,
    italic,
    paragraph,
    reply,
)
from summarizer.briefing.models import shown_points


async def digest(ctx: Context) -> Reply:
    """The top stories since this chat's last digest (or the last 24 hours)."""
    subscription = await ctx.call(ctx.book.get, ctx.chat)
    since = digest_since(subscription, ctx.now())
    topics = tuple(subscription.topics) if subscription else ()
    limit = subscription.max_stories if subscription else None
    points = subscription.points if subscription else None
    stories = await ctx.call(digest_stories, ctx.service, since=since, topics=topics, limit=limit)
    if not stories:  # never "no new stories" about articles not read yet
        unread = (await ctx.call(ctx.service.backlog)).stories
        if unread:
            return reply(
                paragraph(still_reading(unread)),
                paragraph(f"Try {ctx.prefix}sources to see what I have read."),
            )
    await ctx.call(ctx.book.remember_digest, ctx.chat, [story.id for story in stories])
    articles = await ctx.articles(p.article_id for s in stories for p in s.points)
    zone = await ctx.zone()
    return render_digest(
        stories, articles, since=since, zone=zone, topics=topics, prefix=ctx.prefix, points=points
    )


def render_digest(
    stories: Sequence[Any],
    articles: Mapping[int, Any],
    *,
    since: datetime,
    zone: ZoneInfo,
    topics: Sequence[str] = (),
    prefix: str = "/",
    points: int | None = None,
) -> Reply:
    """A digest as a reply: numbered stories, each with its strongest cited points (one or
    two, within about 300 words, unless the chat asked for ``points`` per story), and
    ``/story N`` hints written with the platform's command ``prefix``."""
    about = f" about {', '.join(topics)}" if topics else ""
    if not stories:
        return reply(
            paragraph(f"No new stories{about} since {when(since, zone)}."),
            paragraph(f"Try {prefix}search QUERY, or {prefix}sources to see what I have read."),
        )
    blocks: list[Block] = [heading(f"Top stories{about} since {when(since, zone)}")]
    shown = shown_points(stories, points)
    for position, (story, count) in enumerate(zip(stories, shown, strict=True), start=1):
        mark = " (new)" if story.is_new else " (updated)" if story.updated else ""
        blocks.append(heading(f"{position}. {story.headline}", italic(mark)))
        if count:
            blocks.append(Bullets(tuple(_point(p, articles) for p in story.points[:count])))
        outlets = list(story.outlets)
        more = f"more: {prefix}story {position}"
        if outlets:  # a story of unattributed articles has none: no "0 outlets:"
            named = italic(f"{plural(len(outlets), 'outlet')}: {', '.join(outlets)}")
            blocks.append(paragraph(named, Span(f" · {more}")))
        else:
            blocks.append(paragraph(more))
    return Reply(tuple(blocks))


async def story(ctx: Context) -> Reply:
    """Story N of this chat's last digest in full: every point, outlet, article and person."""
    prefix = ctx.prefix
    if not ctx.args.isdecimal() or int(ctx.args) < 1:  # not isdigit: int('²') fails
        return usage(ctx.command, "Give the story's number from the last digest.", prefix=prefix)
    position = int(ctx.args)
    story_id = await ctx.call(ctx.book.story_at, ctx.chat, position)
    if story_id is None:
        return reply(
            paragraph(f"There is no story {position} in this chat's last digest."),
            paragraph(f"Send {prefix}digest first, then {prefix}story with a number from it."),
        )
    briefing = await ctx.call(ctx.service.story, story_id)
    if briefing is None:
        return reply(
            paragraph(f"Story {position} is no longer available. Send {prefix}digest again.")
        )
    ids = [*briefing.articles, *(p.article_id for p in briefing.points)]
    articles = await ctx.articles(ids)
    return render_story(briefing, articles, zone=await ctx.zone(), prefix=prefix)


def render_story(
    briefing: Any, articles: Mapping[int, Any], *, zone: ZoneInfo, prefix: str = "/"
) -> Reply:
    """One story in full."""
    blocks: list[Block] = [heading(briefing.headline)]
    if briefing.summary:
        blocks.append(paragraph(" ".join(briefing.summary)))
    if briefing.points:
        blocks.append(Bullets(tuple(_point(p, articles) for p in briefing.points)))
    coverage = [articles[i] for i in briefing.articles if i in articles]
    if coverage:
        blocks.append(heading(f"Coverage ({plural(len(coverage), 'article')})"))
        blocks.append(Bullets(tuple(source_line(a, zone) for a in coverage)))
    if briefing.people:
        blocks.append(paragraph(bold("People: "), ", ".join(briefing.people)))
    organisations = list(getattr(briefing, "organisations", ()))
    if organisations:
        blocks.append(paragraph(bold("Organisations: "), ", ".join(organisations)))
    if briefing.people or organisations:
        blocks.append(paragraph(italic(f"Ask about anyone with {prefix}who NAME.")))
    if briefing.last_published is not None:
        blocks.append(paragraph(italic(f"Latest article {when(briefing.last_published, zone)}")))
    return Reply(tuple(blocks))


def _point(point: Any, articles: Mapping[int, Any]) -> Inline:
    """A key point cited to its outlet (linked to the article) and any outlets agreeing."""
    article = articles.get(point.article_id)
    spans = cited(point.text, point.outlet, getattr(article, "url", None), article)
    if point.also:
        spans += (italic(f" (also {', '.join(point.also)})"),)
    return spans
