"""``briefbot subscriptions``: every chat's digest settings, from the database."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from bot.access import SETTING, AllowList, Allows, allow_all
from bot.cli.app import app, console, print_json, service, settings_from

if TYPE_CHECKING:
    from bot.subscriptions import Subscription


@app.command()
def subscriptions(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Include chats that unsubscribed.")] = False,
) -> None:
    """List subscriptions: chat, local time and zone, topics, limits, alerts, state."""
    from rich.table import Table

    from bot.subscriptions import SubscriptionBook

    settings = settings_from(ctx)
    with service(settings) as bot:
        book = SubscriptionBook(bot.store, default_timezone=settings.default_timezone)
        found = book.all() if all_ else book.active()
    allowed = AllowList(settings.allowed_chats)
    if as_json:
        print_json({"subscriptions": [as_document(sub, allowed) for sub in found]})
        return
    if not found:
        console.print("No subscriptions yet. In a chat, send /subscribe (e.g. /subscribe 08:00).")
        return
    table = Table(
        "chat", "time", "zone", "topics", "max", "points", "alerts", "quiet days", "state"
    )
    for sub in found:
        table.add_row(
            sub.chat.key,
            sub.send_at.strftime("%H:%M"),
            sub.timezone,
            ", ".join(sub.topics) or "(all)",
            str(sub.max_stories or settings.digest_max_stories),
            str(sub.points or "1-2"),
            "on" if sub.alerts else "off",
            sub.quiet_days,
            _state(sub, allowed),
        )
    console.print(table)


def _state(sub: Subscription, allowed: Allows = allow_all) -> str:
    if not sub.active:
        return "unsubscribed"
    if not allowed(sub.chat):
        return f"not allowed: not in {SETTING}, nothing is sent"
    if sub.paused_reason:
        return f"paused: {sub.paused_reason}"
    return "active"


def as_document(sub: Subscription, allowed: Allows = allow_all) -> dict[str, Any]:
    """A subscription as the stable JSON of ``briefbot subscriptions --json``."""
    return {
        "chat": sub.chat.key,
        "platform": sub.chat.platform,
        "chat_id": sub.chat.chat_id,
        "thread_id": sub.chat.thread_id,
        "send_at": sub.send_at.strftime("%H:%M"),
        "timezone": sub.timezone,
        "topics": list(sub.topics),
        "max_stories": sub.max_stories,
        "points": sub.points,
        "alerts": sub.alerts,
        "quiet_days": sub.quiet_days,
        "active": sub.active,
        "paused_reason": sub.paused_reason,
        "allowed": allowed(sub.chat),
        "last_digest_at": sub.last_digest_at.isoformat() if sub.last_digest_at else None,
        "state": _state(sub, allowed),
    }
