"""``briefbot run``: the bot in one process (adapters, scheduler, delivery)."""

from __future__ import annotations

import contextlib
import logging
import sys
from typing import Annotated

import typer

from bot.cli.app import CorpusOption, app, console, fail, settings_from

SERVING = (
    "is already running the bot on this database (briefbot run): one bot per database, "
    "or every digest would be sent twice; stop it first"
)


@app.command()
def run(
    ctx: typer.Context,
    corpus: CorpusOption = None,
    once: Annotated[
        bool,
        typer.Option(
            "--once",
            help="Refresh once, deliver due digests (print a digest on the console), then exit.",
        ),
    ] = False,
) -> None:
    """Run the bot: watch the corpus, answer commands, deliver digests and alerts."""
    from bot.logs import configure_logging

    settings = settings_from(ctx, corpus_dir=corpus)
    configure_logging(settings)  # secrets redacted from every log line
    if not settings.corpus_dir.is_dir():
        console.print(
            f"[yellow]note:[/yellow] corpus folder {settings.corpus_dir} does not exist yet; "
            "it is watched once created.",
            soft_wrap=True,
        )
    import asyncio

    from bot.adapters.base import Unreachable
    from bot.leader import Leadership
    from bot.runtime import Runtime, build_adapters
    from bot.settings import ConfigError
    from summarizer.store.errors import StoreError
    from summarizer.store.lock import Busy, PipelineLock
    from summarizer.store.url import is_postgres

    interactive = sys.stdin.isatty() and not once
    # Several machines on one PostgreSQL database elect a leader (the others stand by);
    # otherwise, and for --once, a second bot on the database is refused.
    leader = None
    one_bot: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if is_postgres(settings.database_url) and not once:
        leader = Leadership.for_database(settings.database_url)
    else:
        one_bot = PipelineLock(settings.database_url, suffix=".bot.lock", doing=SERVING).hold()
    try:
        with one_bot:
            adapters = build_adapters(settings, input=sys.stdin if interactive else None)
            runtime = Runtime(settings, adapters=adapters)
            if once:
                counts = asyncio.run(runtime.run_once())
                logging.getLogger("briefbot").info(
                    "run --once: %(planned)d digests planned, %(sent)d parts sent", counts
                )
                return
            asyncio.run(runtime.run(leader=leader))
    except ConfigError as error:  # a token refused, a mode missing its secret, a clash
        raise fail(str(error), code=2) from None
    except Unreachable as error:  # a chat platform's API is down or mistyped
        raise fail(str(error)) from None
    except (StoreError, Busy) as error:  # the database cannot be opened, or is being migrated
        raise fail(str(error)) from None
    if leader is not None and leader.lost:  # exit 1: a supervisor restarts it as a standby
        raise fail(
            "lost the leadership (the database connection holding it ended); stopped so that "
            "another machine leads. Start this one again: it stands by"
        )
