"""``briefbot health``: the container healthcheck (database usable, corpus folder readable)."""

from __future__ import annotations

import os

import typer

from bot.cli.app import app, console, fail, settings_from


@app.command()
def health(ctx: typer.Context) -> None:
    """Exit 0 when the database is a Briefbot database this release can use and the corpus
    folder is readable. Changes nothing."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError

    from bot.storage import BOT_MIGRATIONS
    from summarizer.store.errors import explain, where
    from summarizer.store.migrate import unknown_revisions

    settings = settings_from(ctx)
    if not settings.corpus_dir.is_dir() or not os.access(settings.corpus_dir, os.R_OK):
        raise fail(f"corpus folder {settings.corpus_dir} is missing or unreadable")
    url = settings.database_url
    engine = create_engine(url)
    try:
        unknown = unknown_revisions(engine, [BOT_MIGRATIONS])  # reads the schema: a real query
    except SQLAlchemyError as error:  # any driver error means unhealthy
        raise fail(explain(error, url) or f"{where(url)}: {error}") from None
    finally:
        engine.dispose()
    if unknown:
        revisions = ", ".join(repr(r) for r in unknown)
        raise fail(
            f"{where(url)} was written by a newer Briefbot (schema revision {revisions} is "
            "unknown to this version): upgrade Briefbot or restore a backup"
        )
    console.print("ok")
