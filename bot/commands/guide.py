"""/start, /help, and the answers to unknown commands and bad arguments."""

from __future__ import annotations

from bot.commands.context import Command, Context
from bot.document import Bullets, Inline, Reply, Span, bold, heading, paragraph, reply

WELCOME = (
    "I read the news folder I was given, group articles about the same event across "
    "outlets into stories, and brief you with key points cited to their outlet."
)


def command_list(commands: tuple[Command, ...]) -> Bullets:
    """One line per command: usage and summary."""
    items: list[Inline] = [
        (Span(command.usage, code=True), Span(f" — {command.summary}")) for command in commands
    ]
    return Bullets(tuple(items))


async def start(ctx: Context) -> Reply:
    name = ctx.incoming.user_name
    hello = f"Hello, {name}!" if name else "Hello!"
    return reply(
        heading(hello),
        paragraph(WELCOME),
        paragraph("Try ", bold("/digest"), " for today's top stories. Commands:"),
        command_list(ctx.commands),
    )


async def help_(ctx: Context) -> Reply:
    if ctx.args:
        wanted = ctx.args.lstrip("/").split("@")[0].lower()
        for command in ctx.commands:
            if command.name == wanted:
                return reply(paragraph(Span(command.usage, code=True), f" — {command.summary}"))
        return unknown(ctx.args, ctx.commands)
    return reply(heading("Commands"), command_list(ctx.commands))


def unknown(word: str, commands: tuple[Command, ...]) -> Reply:
    """Short help for a command we do not know (the user's word is echoed, escaped later)."""
    names = ", ".join(f"/{command.name}" for command in commands)
    if not word.startswith("/"):
        return reply(paragraph("Commands start with /. Try /help, or one of: ", names))
    return reply(paragraph("I don't know ", Span(word, code=True), ". Try one of: ", names))


def usage(command: Command, problem: str) -> Reply:
    """The usage line, after what was wrong."""
    return reply(paragraph(problem, " Usage: ", Span(command.usage, code=True)))
