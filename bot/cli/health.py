"""``briefbot health``: the container healthcheck (database reachable, corpus folder readable)."""

from __future__ import annotations

import os

import typer
from sqlalchemy import create_engine, text

from bot.cli.app import app, console, fail, settings_from


@app.command()
def health(ctx: typer.Context) -> None:
    """Exit 0 when the database answers and the corpus folder is readable."""
    settings = settings_from(ctx)
    if not settings.corpus_dir.is_dir() or not os.access(settings.corpus_dir, os.R_OK):
        raise fail(f"corpus folder {settings.corpus_dir} is missing or unreadable")
    engine = create_engine(settings.database_url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any driver error means unhealthy
        raise fail(f"database {engine.url.render_as_string(hide_password=True)}: {error}") from None
    finally:
        engine.dispose()
    console.print("ok")
