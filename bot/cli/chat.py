"""``briefbot chat``: try every bot command at a prompt, against the configured store."""

from __future__ import annotations

import sys
from typing import Annotated, Any, TextIO

import typer

from bot.cli.app import (
    LOCK_WAIT_SECONDS,
    CorpusOption,
    app,
    errors,
    service,
    settings_from,
    tell_waiting,
)

BANNER = "Briefbot console: type /help for the commands, /quit or Ctrl-D to leave.\n"
EMPTY = "No articles yet: start with `briefbot chat --refresh` or `briefbot ingest`.\n"


@app.command()
def chat(
    ctx: typer.Context,
    chat_id: Annotated[
        str, typer.Option("--chat-id", help="Console chat id (keeps its own subscription).")
    ] = "local",
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Read new and changed corpus files first.")
    ] = False,
    corpus: CorpusOption = None,
) -> None:
    """Talk to the bot in the terminal (plain text); also reads commands piped on stdin."""
    import asyncio

    from bot.subscriptions import SubscriptionBook

    settings = settings_from(ctx, corpus_dir=corpus)
    interactive = sys.stdin.isatty()
    with service(settings) as briefbot:
        if refresh:
            report = briefbot.refresh(wait=LOCK_WAIT_SECONDS, on_wait=tell_waiting)
            found = len(report.ingested)
            errors.print(f"{settings.corpus_dir}: {found} new or changed files read.", markup=False)
        book = SubscriptionBook(
            briefbot.store, clock=briefbot.clock, default_timezone=settings.default_timezone
        )
        asyncio.run(
            converse(
                briefbot,
                book,
                sys.stdin,
                sys.stdout,
                chat_id=chat_id,
                interactive=interactive,
                allowed_chats=settings.allowed_chats,
            )
        )


async def converse(
    briefbot: Any,
    book: Any,
    lines: TextIO,
    output: TextIO,
    *,
    chat_id: str = "local",
    interactive: bool = False,
    allowed_chats: list[str] | None = None,
) -> None:
    """Answer every line of ``lines`` on ``output`` until it ends."""
    import asyncio

    from bot.adapters.console import ConsoleAdapter
    from bot.commands import CommandCore

    console = ConsoleAdapter(output, lines, chat_id=chat_id, prompt="> " if interactive else "")
    core = CommandCore(briefbot, book, allowed_chats=allowed_chats or (), clock=briefbot.clock)
    if interactive:
        output.write(BANNER)
        if not await asyncio.to_thread(briefbot.sources):
            output.write(EMPTY)
    await console.start(core.handler_for(console))
    await console.wait_closed()
    await console.stop()
