"""/start, /help, and the answers to unknown commands and bad arguments.

Every command named in these answers is written the way the asking platform
types it (``/who NAME`` on Telegram, ``/brief who NAME`` on Slack).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.commands.context import Command, Context
from bot.commands.parse import first_word
from bot.document import Bullets, Inline, Paragraph, Reply, Span, bold, heading, paragraph, reply

WELCOME = (
    "I read the news folder I was given, group articles about the same event across "
    "outlets into stories, and brief you with key points cited to their outlet."
)
MAX_ECHO = 40
"""How much of an unknown command is repeated back (the rest becomes "…")."""


def command_line(command: Command, prefix: str) -> Inline:
    """A command's usage and summary: ``/who NAME — who someone is, …``."""
    return (Span(command.usage_for(prefix), code=True), Span(f" — {command.summary}"))


def command_list(commands: Sequence[Command], prefix: str) -> Bullets:
    """One line per command."""
    return Bullets(tuple(command_line(command, prefix) for command in commands))


async def start(ctx: Context) -> Reply:
    name = ctx.incoming.user_name
    hello = f"Hello, {name}!" if name else "Hello!"
    return reply(
        heading(hello),
        paragraph(WELCOME),
        paragraph("Try ", bold(f"{ctx.prefix}digest"), " for today's top stories. Commands:"),
        command_list(ctx.commands, ctx.prefix),
    )


async def help_(ctx: Context) -> Reply:
    if ctx.args:
        wanted = ctx.args.lstrip("/").split("@")[0].lower()
        for command in ctx.commands:
            if command.name == wanted:
                return reply(Paragraph(command_line(command, ctx.prefix)))
        return unknown("/" + first_word(ctx.args).lstrip("/"), ctx.commands, ctx.prefix)
    return reply(heading("Commands"), command_list(ctx.commands, ctx.prefix))


def unknown(word: str, commands: Sequence[Command], prefix: str) -> Reply:
    """Short help for a command we do not know (the user's word is echoed, escaped later)."""
    names = ", ".join(f"{prefix}{command.name}" for command in commands)
    if not word.startswith("/"):
        return reply(
            paragraph(f"Commands start with {prefix.strip()}. Try {prefix}help, or one of: ", names)
        )
    shown = prefix + word.removeprefix("/")
    if len(shown) > MAX_ECHO:
        shown = shown[: MAX_ECHO - 1] + "…"
    return reply(paragraph("I don't know ", Span(shown, code=True), ". Try one of: ", names))


def usage(command: Command, problem: str, *, prefix: str) -> Reply:
    """The usage line, after what was wrong."""
    return reply(paragraph(problem, " Usage: ", Span(command.usage_for(prefix), code=True)))
