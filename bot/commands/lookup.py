"""/who, /search and /sources: questions answered from the articles."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.commands.context import Context
from bot.commands.guide import usage
from bot.commands.words import cited, day, plural, still_reading
from bot.document import (
    Block,
    Bullets,
    Inline,
    Reply,
    Span,
    bold,
    heading,
    italic,
    link,
    paragraph,
    reply,
)

SEARCH_LIMIT = 5


async def who(ctx: Context) -> Reply:
    prefix = ctx.prefix
    answer = await ctx.call(ctx.service.who, ctx.args)
    if answer.status == "usage":
        problem = f"Give a name in letters (at most 80 characters), e.g. {prefix}who Witkoff."
        return usage(ctx.command, problem, prefix=prefix)
    matches = tuple((Span(_match_line(match)),) for match in answer.matches)
    if answer.status == "unknown":
        unread = (await ctx.call(ctx.service.backlog)).people
        if unread:  # never "nothing" about articles not read yet
            return reply(
                paragraph("Nothing about ", bold(ctx.args), " in what I have read so far."),
                paragraph(still_reading(unread)),
            )
        blocks: list[Block] = [
            paragraph("I found nothing about ", bold(ctx.args), " in the articles.")
        ]
        if matches:
            blocks += [paragraph("Did you mean:"), Bullets(matches)]
        blocks.append(paragraph(f"Check the spelling, or try {prefix}search ", Span(ctx.args), "."))
        return Reply(tuple(blocks))
    if answer.status == "ambiguous":
        return reply(
            paragraph("Several names match ", bold(ctx.args), ". Which one?"),
            Bullets(matches),
            paragraph(
                f"Ask again with the full name, e.g. {prefix}who ",
                Span(answer.matches[0].name),
                ".",
            ),
        )
    return render_who(answer, zone=await ctx.zone())


def render_who(answer: Any, *, zone: ZoneInfo) -> Reply:
    """A found person or organisation: role, facts, quotes and who else is mentioned."""
    title = [bold(answer.name)]
    if answer.role:
        title.append(Span(f" — {answer.role}"))
    blocks: list[Block] = [heading(*title)]
    seen = f"In {plural(answer.articles, 'article')} from {plural(len(answer.outlets), 'outlet')}"
    if answer.first_seen and answer.last_seen:
        seen += f", {day(answer.first_seen, zone)} to {day(answer.last_seen, zone)}"
    blocks.append(paragraph(italic(seen + ".")))
    if len(answer.roles) > 1:
        blocks.append(heading("Roles"))
        blocks.append(Bullets(tuple(_cited(role) for role in answer.roles)))
    if answer.facts:
        blocks.append(heading("Lately"))
        blocks.append(Bullets(tuple(_cited(fact) for fact in answer.facts)))
    if answer.quotes:
        blocks.append(heading("Quotes"))
        blocks.append(Bullets(tuple(_cited(quote, quoted=True) for quote in answer.quotes)))
    if answer.related:
        names = ", ".join(related.name for related in answer.related)
        blocks.append(paragraph(bold("Mentioned with: "), names))
    return Reply(tuple(blocks))


async def search(ctx: Context) -> Reply:
    try:
        hits = await ctx.call(ctx.service.search, ctx.args, limit=SEARCH_LIMIT)
    except ValueError as error:  # no searchable words in the query, e.g. "/search ???"
        return usage(ctx.command, f"{str(error).capitalize()}.", prefix=ctx.prefix)
    if not hits:
        return reply(paragraph("No articles match ", bold(ctx.args), "."))
    zone = await ctx.zone()
    blocks: list[Block] = [heading("Articles about ", Span(ctx.args))]
    for hit in hits:
        article = await ctx.call(ctx.service.article, hit.article_id)
        outlet = hit.outlet or "unknown outlet"
        line = (
            link(hit.headline or "(untitled)", getattr(article, "url", None)),
            Span(" — "),
            italic(f"{outlet}, {day(hit.published, zone)}"),
        )
        blocks.append(paragraph(*line))
        if hit.snippet:
            blocks.append(paragraph(hit.snippet))
    return Reply(tuple(blocks))


async def sources(ctx: Context) -> Reply:
    counts = await ctx.call(ctx.service.sources)
    if not counts:
        return reply(paragraph("No articles yet: put news files in the corpus folder."))
    zone = await ctx.zone()
    total = sum(source.articles for source in counts)
    lines = tuple(
        (
            bold(source.outlet),
            Span(f": {plural(source.articles, 'article')}, latest "),
            Span(day(source.last_published, zone)),
        )
        for source in counts
    )
    return reply(
        heading(f"{plural(len(counts), 'outlet')}, {plural(total, 'article')}"), Bullets(lines)
    )


def _cited(item: Any, *, quoted: bool = False) -> Inline:
    """A verbatim role, fact or quote, cited to its outlet and linked to its article."""
    text = f"“{item.text}”" if quoted else item.text
    return cited(text, item.outlet, item.url)


def _match_line(match: Any) -> str:
    role = f", {match.role}" if match.role else ""
    return f"{match.name} ({match.kind}{role}; {plural(match.articles, 'article')})"
