"""The Typer application object and the options every command shares."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

if TYPE_CHECKING:  # the settings machinery (pydantic) loads only when a command runs
    from bot.settings import Settings

app = typer.Typer(
    name="briefbot",
    help="News briefings from a corpus folder, delivered to Telegram, Slack or the console.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich's help layout cost ~0.1-0.3 s on every --help
)
console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)


CorpusOption = Annotated[
    Path | None, typer.Option("--corpus", help="Corpus folder (overrides BRIEFBOT_CORPUS_DIR).")
]
"""The ``--corpus`` option of every command that reads the corpus folder."""


@dataclass
class GlobalOptions:
    """Options given before the command name; each overrides its setting."""

    database_url: str | None = None


@app.callback()
def main_options(
    ctx: typer.Context,
    config: Annotated[
        Path | None, typer.Option("--config", help="TOML settings file (BRIEFBOT_CONFIG).")
    ] = None,
    database_url: Annotated[
        str | None, typer.Option("--database-url", help="Overrides BRIEFBOT_DATABASE_URL.")
    ] = None,
) -> None:
    """Briefbot: cross-outlet stories, cited key points, and /who from the articles."""
    if config is not None:
        os.environ["BRIEFBOT_CONFIG"] = str(config)
    ctx.obj = GlobalOptions(database_url=database_url)


def settings_from(ctx: typer.Context, **overrides: Any) -> Settings:
    """Load settings with the global and per-command overrides; exit 2 on a config error."""
    from bot.settings import ConfigError, load_settings

    options: GlobalOptions = ctx.obj or GlobalOptions()
    try:
        return load_settings(database_url=options.database_url, **overrides)
    except ConfigError as error:
        errors.print(f"[red]error:[/red] {error}", markup=True, soft_wrap=True)
        raise typer.Exit(2) from None


LOCK_WAIT_SECONDS = 600.0
"""How long a command waits while another process updates the database."""


def tell_waiting(seconds: float = LOCK_WAIT_SECONDS) -> None:
    """Say why a command seems to hang: another process holds the database's pipeline lock."""
    errors.print(
        f"waiting: another Briefbot process is updating this database (up to {seconds:.0f} s)…",
        markup=False,
        soft_wrap=True,
    )


@contextmanager
def service(settings: Settings) -> Iterator[Any]:
    """Open the summarizer service (and its store) for one command.

    A database the command cannot use (not SQLite, from a newer release, read-only, full,
    held by another process past the wait) ends it with one ``error:`` line and exit 1.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from bot.storage import BOT_MIGRATIONS
    from summarizer.service import Briefbot
    from summarizer.store.errors import StoreError, explain
    from summarizer.store.lock import Busy

    bot = None
    try:
        bot = Briefbot(settings.pipeline(), extra_migrations=[BOT_MIGRATIONS])
        yield bot
    except (StoreError, Busy) as error:
        raise fail(str(error)) from None
    except SQLAlchemyError as error:
        message = explain(error, settings.database_url)
        if message is None:
            raise
        raise fail(message) from None
    finally:
        if bot is not None:
            bot.close()


MAX_ROW_ID = 2**63 - 1
"""The largest id a stored row can have (SQLite and PostgreSQL 64-bit integers)."""


def storable_id(value: int) -> bool:
    """Whether ``value`` can be a stored row's id: a larger one is no id (and would overflow
    the database driver), so it is simply not found."""
    return 0 < value <= MAX_ROW_ID


def print_json(document: Any) -> None:
    """Print a JSON document (the stable contract of every read command)."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print an error line for the user and return the exit to raise."""
    from rich.markup import escape

    errors.print(f"[red]error:[/red] {escape(message)}", markup=True, soft_wrap=True)
    return typer.Exit(code)
