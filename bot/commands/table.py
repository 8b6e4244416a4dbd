"""Every command, in the order /help lists them."""

from __future__ import annotations

from bot.commands import briefs, guide, lookup, subscribe
from bot.commands.context import Command

COMMANDS: tuple[Command, ...] = (
    Command("digest", "/digest", "today's top stories, with your topics", briefs.digest),
    Command("story", "/story N", "story N of the last digest in full", briefs.story, True, 4),
    Command("who", "/who NAME", "who someone is, from the articles", lookup.who, True, 100),
    Command("search", "/search QUERY", "articles about something", lookup.search, True),
    Command("sources", "/sources", "outlets and how many articles each", lookup.sources),
    Command(
        "subscribe",
        "/subscribe [HH:MM] [topic words]",
        "a daily briefing here at that time",
        subscribe.subscribe,
    ),
    Command("unsubscribe", "/unsubscribe", "stop the daily briefing", subscribe.unsubscribe),
    Command("settings", "/settings", "this chat's briefing settings", subscribe.settings),
    Command(
        "timezone",
        "/timezone Area/City",
        "set the time zone, e.g. Europe/Berlin",
        subscribe.timezone,
        max_args=64,
    ),
    Command("help", "/help [command]", "this list", guide.help_),
    Command("start", "/start", "welcome and the command list", guide.start),
)
