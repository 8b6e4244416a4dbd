"""``briefbot run``: the bot in one process (adapters, scheduler, delivery)."""

from __future__ import annotations

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
    settings = settings_from(ctx, corpus_dir=corpus)
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if not settings.corpus_dir.is_dir():
        console.print(
            f"[yellow]note:[/yellow] corpus folder {settings.corpus_dir} does not exist yet; "
            "it is watched once created.",
            soft_wrap=True,
        )
    import asyncio

    from bot.runtime import Runtime, build_adapters
    from bot.settings import ConfigError
    from summarizer.store.errors import StoreError
    from summarizer.store.lock import Busy, PipelineLock

    interactive = sys.stdin.isatty() and not once
    one_bot = PipelineLock(settings.database_url, suffix=".bot.lock", doing=SERVING)
    try:
        with one_bot.hold():
            adapters = build_adapters(settings, input=sys.stdin if interactive else None)
            runtime = Runtime(settings, adapters=adapters)
            if once:
                counts = asyncio.run(runtime.run_once())
                logging.getLogger("briefbot").info(
                    "run --once: %(planned)d digests planned, %(sent)d parts sent", counts
                )
                return
            asyncio.run(runtime.run())
    except ConfigError as error:  # a token refused, a mode missing its secret, a clash
        raise fail(str(error), code=2) from None
    except (StoreError, Busy) as error:  # the database cannot be opened, or is being migrated
        raise fail(str(error)) from None
