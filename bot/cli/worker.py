"""``briefbot worker``: embed new articles for the writer, on a shared PostgreSQL database."""

from __future__ import annotations

import typer

from bot.cli.app import app, console, fail, service, settings_from


@app.command()
def worker(ctx: typer.Context) -> None:
    """Take embedding jobs from the database's queue until stopped (BRIEFBOT_WORKERS=queue)."""
    from bot.logs import configure_logging
    from summarizer.store.url import is_postgres

    settings = settings_from(ctx)
    configure_logging(settings)
    if not is_postgres(settings.database_url):
        raise fail(
            "briefbot worker needs a PostgreSQL database (BRIEFBOT_DATABASE_URL=postgresql://…); "
            "on SQLite the one writer embeds everything itself",
            code=2,
        )
    try:
        import procrastinate  # noqa: F401
    except ModuleNotFoundError:
        raise fail(
            "briefbot worker needs procrastinate: pip install 'briefbot[postgres]'"
        ) from None
    from summarizer.workqueue import run_worker

    with service(settings) as bot:
        console.print("worker: taking embedding jobs (Ctrl-C stops)", markup=False)
        run_worker(bot.store, bot.config)
