"""Slack payloads → :class:`~bot.chat.Incoming`: slash commands, app mentions, direct messages.

Pure functions over the JSON Slack sends, so each translation is tested on its own.
``/brief who Witkoff``, ``@Briefbot who Witkoff`` and a DM saying ``who Witkoff``
all become ``Incoming(text="/who Witkoff", …, command_prefix="/brief ")``: answers name
commands the way Slack users type them. An empty command asks for help.

No ``user_name`` is set: only slash commands carry one, and it is the deprecated handle
("alice.smith"), not a display name, so ``start`` greets every Slack user with a plain
"Hello!" whichever way they asked (a real name would need a ``users.info`` call).
"""

from __future__ import annotations

import re
from typing import Any

from bot.chat import ChatRef, Incoming

PLATFORM = "slack"
SLASH_COMMAND = "/brief"
"""The app's slash command (``config/slack-manifest.yaml``)."""
COMMAND_PREFIX = f"{SLASH_COMMAND} "
"""How answers write commands: ``/brief who NAME`` works in every channel and DM."""

_LEADING_MENTION = re.compile(r"^\s*(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s:,]*)+")
_MARKUP = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


def unformat(text: str) -> str:
    """Slack's message markup back to what the user typed: links, mentions, entities."""

    def plain(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if target.startswith("@"):
            return f"@{label or target[1:]}"
        if target.startswith("#"):
            return f"#{label or target[1:]}"
        if target.startswith("!"):
            return label or f"@{target[1:].split('^')[0]}"
        return label if label is not None else target.removeprefix("mailto:")

    text = _MARKUP.sub(plain, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def command_text(typed: str) -> str:
    """``who Witkoff`` → ``/who Witkoff``; a leading slash is kept; nothing → ``/help``."""
    words = unformat(typed).strip()
    if not words:
        return "/help"
    return words if words.startswith("/") else f"/{words}"


def is_direct(channel_id: str) -> bool:
    """Whether a channel id is a one-to-one direct message (``D…``)."""
    return channel_id.startswith("D")


def from_slash_command(body: dict[str, Any]) -> Incoming:
    """A slash command body (``/brief who Witkoff``)."""
    channel = str(body["channel_id"])
    return Incoming(
        chat=ChatRef(PLATFORM, channel),
        user_id=str(body["user_id"]),
        text=command_text(str(body.get("text", ""))),
        is_private=is_direct(channel) or body.get("channel_name") == "directmessage",
        command_prefix=f"{body.get('command') or SLASH_COMMAND} ",  # a renamed command too
    )


def from_mention(event: dict[str, Any]) -> Incoming:
    """An ``app_mention`` event; a mention inside a thread is answered in that thread."""
    channel = str(event["channel"])
    text = _LEADING_MENTION.sub("", str(event.get("text", "")), count=1)
    return Incoming(
        chat=ChatRef(PLATFORM, channel, event.get("thread_ts")),
        user_id=str(event["user"]),
        text=command_text(text),
        is_private=is_direct(channel),
        command_prefix=COMMAND_PREFIX,
    )


def from_direct_message(event: dict[str, Any]) -> Incoming | None:
    """A ``message.im`` event from a person; None for edits, bots and other channels."""
    if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
        return None
    if "user" not in event:
        return None
    text = _LEADING_MENTION.sub("", str(event.get("text", "")), count=1)
    return Incoming(
        chat=ChatRef(PLATFORM, str(event["channel"]), event.get("thread_ts")),
        user_id=str(event["user"]),
        text=command_text(text),
        is_private=True,
        command_prefix=COMMAND_PREFIX,
    )
