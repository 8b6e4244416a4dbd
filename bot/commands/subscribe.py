"""/subscribe, /unsubscribe, /settings and /timezone: this chat's daily digest."""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from bot.commands.context import Context
from bot.commands.guide import usage
from bot.document import Bullets, Reply, Span, bold, heading, paragraph, reply
from bot.subscriptions import parse_send_at

REFUSAL = "Only this chat's administrators can change its subscription."
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}$")
_HOUR = re.compile(r"^\d{1,2}$")
"""A bare hour: ``/subscribe 8`` means 08:00, not the topic "8"."""
_TWELVE_HOUR = re.compile(r"^\d{1,2}([:.]\d{2})?([ap]\.?m\.?)$", re.IGNORECASE)
"""``8am``, ``7:30pm``: refused with the 24-hour hint rather than taken as a topic."""
MAX_TOPICS = 10
MAX_TOPIC_CHARS = 40
_SWITCH = {"on": True, "off": False, "yes": True, "no": False}


async def subscribe(ctx: Context) -> Reply:
    if not await ctx.may_change():
        return reply(paragraph(REFUSAL))
    prefix = ctx.prefix
    words = ctx.args.split()
    send_at: time | None = None
    if words and _looks_like_time(words[0]):
        send_at = _parse_time(f"{words[0]}:00" if _HOUR.match(words[0]) else words[0])
        if send_at is None:
            problem = f"I can't read {words[0]} as a time: use 24-hour HH:MM, e.g. 07:30."
            return usage(ctx.command, problem, prefix=prefix)
        words = words[1:]
    if len(words) > MAX_TOPICS or any(len(word) > MAX_TOPIC_CHARS for word in words):
        problem = f"Give at most {MAX_TOPICS} short topic words."
        return usage(ctx.command, problem, prefix=prefix)
    wordless = [word for word in words if not any(char.isalnum() for char in word)]
    if wordless:  # "???" would match no story: every digest would be empty
        problem = f"A topic needs letters or digits; I can't use {' '.join(wordless)}."
        return usage(ctx.command, problem, prefix=prefix)
    subscription = await ctx.call(
        ctx.book.subscribe, ctx.chat, send_at=send_at, topics=words or None
    )
    return reply(
        paragraph(
            "Subscribed: a daily briefing at ",
            bold(f"{subscription.send_at:%H:%M} {subscription.timezone}"),
            _topics_text(subscription.topics),
            ".",
        ),
        paragraph(
            f"Change the time zone with {prefix}timezone Area/City, see {prefix}settings,"
            f" stop with {prefix}unsubscribe."
        ),
    )


async def unsubscribe(ctx: Context) -> Reply:
    if not await ctx.may_change():
        return reply(paragraph(REFUSAL))
    if await ctx.call(ctx.book.unsubscribe, ctx.chat):
        return reply(
            paragraph(f"Unsubscribed: no more daily briefings here. {ctx.prefix}subscribe resumes.")
        )
    return _no_subscription(ctx.prefix)


async def settings(ctx: Context) -> Reply:
    if ctx.args:
        return await _change(ctx)
    subscription = await ctx.call(ctx.book.get, ctx.chat)
    zone = await ctx.call(ctx.book.timezone, ctx.chat)
    if subscription is None:
        return reply(
            paragraph(f"No subscription here yet; time zone {zone}."),
            paragraph(f"Start one with {ctx.prefix}subscribe [HH:MM] [topic words]."),
        )
    return describe(subscription, ctx.prefix)


def describe(subscription: Any, prefix: str = "/") -> Reply:
    """A subscription's settings, one per line, with how to change each."""
    if not subscription.active:
        state = f"off ({prefix}subscribe to resume)"
    elif subscription.paused_reason:
        state = f"paused: {subscription.paused_reason} ({prefix}subscribe to resume)"
    else:
        state = "on"
    stories = subscription.max_stories or "default"
    points = subscription.points or "default"
    alerts = "on" if subscription.alerts else "off"
    lines = [
        ("Daily briefing", state),
        ("Time", f"{subscription.send_at:%H:%M} {subscription.timezone}"),
        ("Topics", ", ".join(subscription.topics) or "all stories"),
        ("Stories per digest", f"{stories} ({prefix}settings stories N)"),
        ("Points per story", f"{points} ({prefix}settings points N)"),
        ("Breaking-news alerts", f"{alerts} ({prefix}settings alerts on|off)"),
        ("Days without news", f"{subscription.quiet_days} ({prefix}settings quiet skip|notice)"),
    ]
    items = tuple((bold(f"{name}: "), Span(value)) for name, value in lines)
    return reply(heading("Settings"), Bullets(items))


async def _change(ctx: Context) -> Reply:
    """``/settings stories N``, ``/settings points N|default``, ``/settings alerts on|off``,
    ``/settings quiet skip|notice``."""
    if not await ctx.may_change():
        return reply(paragraph(REFUSAL))
    words = ctx.args.lower().split()
    change = _setting_change(words)
    if change is None:
        return usage(ctx.command, "I can't read that setting.", prefix=ctx.prefix)
    try:
        subscription = await ctx.call(ctx.book.update, ctx.chat, **change)
    except LookupError:
        return _no_subscription(ctx.prefix)
    except ValueError as error:
        return reply(paragraph(f"{str(error).capitalize()}."))
    return describe(subscription, ctx.prefix)


def _setting_change(words: list[str]) -> dict[str, Any] | None:
    if len(words) != 2:
        return None
    name, value = words
    if name in ("stories", "max", "max_stories"):
        return {"max_stories": int(value)} if value.isdecimal() else {"max_stories": -1}
    if name == "points":
        if value == "default":
            return {"points": None}
        return {"points": int(value)} if value.isdecimal() else {"points": -1}
    if name == "alerts" and value in _SWITCH:
        return {"alerts": _SWITCH[value]}
    if name in ("quiet", "quiet_days"):
        return {"quiet_days": value}
    return None


async def timezone(ctx: Context) -> Reply:
    if not ctx.args:
        zone = await ctx.call(ctx.book.timezone, ctx.chat)
        command = f"{ctx.prefix}timezone"
        return reply(
            paragraph(f"This chat's time zone is {zone}."),
            paragraph(f"Change it with {command} Area/City, e.g. {command} Europe/Berlin."),
        )
    if not await ctx.may_change():
        return reply(paragraph(REFUSAL))
    try:
        await ctx.call(ctx.book.set_timezone, ctx.chat, ctx.args)
    except ValueError:
        return reply(
            paragraph("I don't know the time zone ", Span(ctx.args, code=True), "."),
            paragraph("Use an IANA name like Europe/Berlin, America/New_York, Asia/Tokyo or UTC."),
        )
    zone = await ctx.call(ctx.book.timezone, ctx.chat)
    return reply(paragraph("Time zone set to ", bold(zone), "."))


def _no_subscription(prefix: str) -> Reply:
    return reply(paragraph(f"This chat has no subscription. Start one with {prefix}subscribe."))


def _looks_like_time(word: str) -> bool:
    return bool(_TIME.match(word) or _HOUR.match(word) or _TWELVE_HOUR.match(word)) or ":" in word


def _parse_time(word: str) -> time | None:
    try:
        return parse_send_at(word)
    except ValueError:
        return None


def _topics_text(topics: Any) -> str:
    return f" about {', '.join(topics)}" if topics else " with every story"
