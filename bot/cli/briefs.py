"""``briefbot digest``, ``briefbot story ID`` and ``briefbot search QUERY``."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Annotated

import typer

from bot.cli.app import (
    LOCK_WAIT_SECONDS,
    app,
    console,
    errors,
    fail,
    print_json,
    service,
    settings_from,
    storable_id,
    tell_waiting,
)
from summarizer.clock import as_utc, utcnow

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(value: str, now: datetime) -> datetime:
    """``24h``, ``90m``, ``7d``, ``2w`` (ago) or an ISO date/time (UTC when no zone given)."""
    match = _DURATION.match(value)
    if match:
        amount, unit = float(match.group(1)), match.group(2).lower()
        return now - timedelta(**{_UNITS[unit]: amount})
    try:
        return as_utc(datetime.fromisoformat(value.strip()))
    except ValueError:
        raise ValueError(
            f"--since {value!r}: use a duration like 24h, 90m, 7d, 2w or a date like 2025-03-17"
        ) from None


@app.command()
def digest(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option(help="Only stories that changed since: 24h, 7d, or a date.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Number of stories.")] = None,
    topic: Annotated[str | None, typer.Option(help="Only stories about these words.")] = None,
    points: Annotated[
        int | None,
        typer.Option(min=1, max=4, help="Points per story (default: 1-2, about 300 words)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    update: Annotated[
        bool, typer.Option(help="First cluster whatever ingestion added (briefbot ingest).")
    ] = True,
) -> None:
    """The top stories as cited key points."""
    settings = settings_from(ctx)
    try:
        moment = parse_since(since, utcnow()) if since else None
    except ValueError as error:
        raise fail(str(error), 2) from None
    with service(settings) as bot:
        if update:
            processed = bot.process(wait=LOCK_WAIT_SECONDS, on_wait=tell_waiting)
            if line := processed.stories.left_out_line():
                errors.print(line, markup=False, soft_wrap=True)
            if (shared := processed.shared) is not None and shared.jobs:
                errors.print(
                    f"workers: {shared.done} of {shared.jobs} embedding jobs done "
                    f"({shared.articles} articles); the rest embedded here",
                    markup=False,
                )
        result = replace(bot.digest(since=moment, limit=limit, topic=topic), points=points)
    if as_json:
        print_json(result.to_json())
    else:
        console.print(result.to_text(), markup=False, soft_wrap=True)


@app.command()
def story(
    ctx: typer.Context,
    story_id: Annotated[int, typer.Argument(metavar="ID", help="Story id (from the digest).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """One story's full briefing."""
    with service(settings_from(ctx)) as bot:
        briefing = bot.story(story_id) if storable_id(story_id) else None
    if briefing is None:
        raise fail(f"no story {story_id}; `briefbot digest` lists the stories and their ids")
    if as_json:
        print_json(briefing.to_json())
    else:
        console.print(briefing.to_text(), markup=False, soft_wrap=True)


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words or a question.")],
    limit: Annotated[int, typer.Option(min=1, max=50, help="Number of articles.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Articles closest in meaning to the query."""
    if not query.strip():
        raise fail("the search query is empty; give some words, e.g. briefbot search ceasefire", 2)
    with service(settings_from(ctx)) as bot:
        hits = bot.search(query, limit=limit)
    if as_json:
        print_json({"query": query, "hits": [hit.to_json() for hit in hits]})
        return
    if not hits:
        console.print(f"No articles match {query!r}.", markup=False)
    for number, hit in enumerate(hits, start=1):
        title = hit.headline or hit.snippet
        outlet = hit.outlet or "unknown outlet"
        console.print(
            f"{number}. {title} ({outlet}, {hit.published:%Y-%m-%d}; article {hit.article_id})",
            markup=False,
            soft_wrap=True,
        )
        if hit.headline and hit.snippet:
            console.print(f"   {hit.snippet}", markup=False, soft_wrap=True)
