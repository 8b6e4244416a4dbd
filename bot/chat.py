"""Chat-neutral identities of chats and incoming commands."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChatRef:
    """Where a message goes: a platform, a chat, and optionally a thread (forum topic)."""

    platform: str
    """``telegram``, ``slack`` or ``console``."""
    chat_id: str
    thread_id: str | None = None

    @property
    def key(self) -> str:
        """A stable string for storage: ``platform:chat[:thread]``."""
        base = f"{self.platform}:{self.chat_id}"
        return f"{base}:{self.thread_id}" if self.thread_id else base


@dataclass(frozen=True)
class Incoming:
    """One command as a user typed it, already stripped of platform details."""

    chat: ChatRef
    user_id: str
    text: str
    """The command text, e.g. ``/who Witkoff`` (any ``@BotName`` suffix removed)."""
    is_private: bool = True
    user_name: str | None = None
    command_prefix: str = "/"
    """How commands are typed where this came from: ``/`` on Telegram and the console,
    ``/brief `` on Slack. Help, usage lines and hints in the reply are written with it."""
    explicit: bool = True
    """Whether the message was surely meant for this bot. False for a bare ``/command`` in a
    Telegram group, where it may be another bot's: an unknown one is then left unanswered."""
