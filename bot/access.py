"""``BRIEFBOT_ALLOWED_CHATS``: which chats the bot serves, asked by everything that sends.

Commands, scheduled digests, alerts and the outbox's retries all ask one :class:`AllowList`,
so a chat taken off the list (and the bot restarted) gets nothing more. It may still
``/unsubscribe``: the one command that only stops messages (:data:`CLEAN_UP`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from bot.chat import ChatRef

SETTING = "BRIEFBOT_ALLOWED_CHATS"
CLEAN_UP = frozenset({"unsubscribe"})
"""Commands a chat outside the allow-list may still use: they only stop messages."""


class Allows(Protocol):
    """The seam delivery and the scheduler check before a chat is sent anything."""

    def __call__(self, chat: ChatRef) -> bool: ...


def allow_key(chat: ChatRef) -> str:
    """How ``BRIEFBOT_ALLOWED_CHATS`` names a chat: ``platform:chat_id`` (any thread)."""
    return f"{chat.platform}:{chat.chat_id}"


class AllowList:
    """The allow-list; empty means every chat is served."""

    def __init__(self, entries: Iterable[str] = ()) -> None:
        self.entries = frozenset(entry.strip() for entry in entries if entry.strip())

    def __call__(self, chat: ChatRef) -> bool:
        """Whether the bot may send to this chat (and its forum topics / threads)."""
        return not self.entries or allow_key(chat) in self.entries

    def admits(self, chat: ChatRef, command: str | None) -> bool:
        """Whether ``command`` (a name, no slash) from this chat is served."""
        return self(chat) or command in CLEAN_UP


def allow_all(chat: ChatRef) -> bool:
    """No allow-list: every chat is served (the default of the parts that take one)."""
    return True
