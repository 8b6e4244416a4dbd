"""python-telegram-bot errors as Briefbot's delivery errors."""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.adapters.base import DeliveryError, PermanentError, RetryLater, TransientError

_CHAT_GONE = (
    "chat not found",
    "bot was kicked",
    "bot is not a member",
    "need administrator rights",
    "not enough rights",
    "have no rights",
    "message thread not found",
    "topic_closed",
    "topic was deleted",
    "user is deactivated",
    "group chat was deactivated",
)


class MessageRefused(DeliveryError):
    """Telegram refused this message (``400 Bad Request``, e.g. "can't parse entities"), not
    the chat: the same text without markup may still go through."""


def delivery_error(error: TelegramError) -> DeliveryError:
    """The delivery error for a PTB error: wait, retry, or give up on this chat.

    A ``BadRequest`` about the message itself (not the chat) becomes
    :class:`MessageRefused`: retrying would not help, but the chat is fine.
    """
    if isinstance(error, RetryAfter):
        with warnings.catch_warnings():  # PTB 22 warns that int will become timedelta
            warnings.simplefilter("ignore")
            wait = error.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        return RetryLater(seconds, f"Telegram: {error.message}")
    if isinstance(error, ChatMigrated):
        return PermanentError(f"Telegram: the group moved to chat {error.new_chat_id}")
    if isinstance(error, Forbidden):
        return PermanentError(f"Telegram: {error.message}")
    if isinstance(error, BadRequest):
        text = error.message.lower()
        if any(marker in text for marker in _CHAT_GONE):
            return PermanentError(f"Telegram: {error.message}")
        return MessageRefused(f"Telegram refused the message: {error.message}")
    if isinstance(error, NetworkError):  # includes TimedOut and 5xx answers
        return TransientError(f"Telegram: {error.message}")
    return DeliveryError(f"Telegram: {error.message}")
