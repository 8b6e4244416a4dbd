"""``briefbot who NAME [--json]``: what the articles say about a person or organisation."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.app import app, console, errors, print_json, service, settings_from, tell_waiting

EXIT_CODES = {"found": 0, "ambiguous": 0, "unknown": 1, "usage": 2}
STILL_READING = 75
"""Exit code when the name is not in the index yet but articles wait to be indexed
(EX_TEMPFAIL: ask again later)."""
INDEX_WAIT_SECONDS = 60.0
"""How long ``who`` waits to index new articles while another process updates the database;
after that it answers from the index as it is."""


@app.command("who")
def who_command(
    ctx: typer.Context,
    name: Annotated[
        list[str] | None, typer.Argument(help="A name, e.g. Witkoff or Kremlin.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
) -> None:
    """What the articles say about a person or organisation (indexes new articles first)."""
    from bot.commands.words import still_reading
    from summarizer.people import behind, unindexed, update_people, who
    from summarizer.store.lock import Busy

    settings = settings_from(ctx)
    with service(settings) as bot:
        if name and behind(bot.store):
            try:  # new articles only: re-indexing after an upgrade is process()'s job (minutes)
                waiting = lambda: tell_waiting(INDEX_WAIT_SECONDS)  # noqa: E731
                with bot.store.lock.hold(wait=INDEX_WAIT_SECONDS, on_wait=waiting):
                    update_people(bot.store, bot.config, reindex=False)
            except Busy as error:
                errors.print(f"note: {error}; answering from the index as it is", markup=False)
        answer = who(bot.store, " ".join(name or []), now=bot.clock())
        unread = unindexed(bot.store) if answer.status == "unknown" else 0
    if unread:  # never "no one" about articles another process is still indexing
        if as_json:
            print_json({"status": "reading", "query": answer.query, "unread": unread})
        else:
            said = f"Nothing about “{answer.query}” in what is indexed so far."
            console.print(said, still_reading(unread), sep="\n", markup=False, soft_wrap=True)
        raise typer.Exit(STILL_READING)
    if as_json:
        print_json(answer.to_json())
    else:
        for line in answer.lines():
            console.print(line, markup=False, soft_wrap=True)
    raise typer.Exit(EXIT_CODES[answer.status])
