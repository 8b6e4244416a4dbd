"""Telegram updates as chat-neutral :class:`~bot.chat.Incoming` commands."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType

from bot.chat import ChatRef, Incoming


def chat_ref(message: Message) -> ChatRef:
    """The chat (and forum topic) a message came from; replies go back there."""
    thread = message.message_thread_id if message.is_topic_message else None
    return ChatRef("telegram", str(message.chat.id), str(thread) if thread else None)


def to_incoming(update: Update, bot_username: str | None) -> Incoming | None:
    """The command in an update, ``@BotName`` removed; None when it is for another bot, or was
    not typed here: a forwarded message, or a channel post Telegram copies into the channel's
    discussion group (the channel itself is answered)."""
    message = update.effective_message
    if message is None or message.text is None:
        return None
    if message.forward_origin is not None or message.is_automatic_forward:
        return None
    text = message.text.strip()
    private = message.chat.type == ChatType.PRIVATE
    explicit = private
    if text.startswith("/"):
        word, *more = text.split(maxsplit=1)
        rest = more[0] if more else ""
        name, _, addressee = word.partition("@")
        if addressee and (bot_username is None or addressee.lower() != bot_username.lower()):
            return None
        explicit = explicit or bool(addressee)
        text = f"{name} {rest}".strip()
    if message.from_user is not None:
        user_id, user_name = str(message.from_user.id), message.from_user.first_name
    elif message.sender_chat is not None:  # a channel post or an anonymous administrator
        user_id, user_name = f"chat:{message.sender_chat.id}", message.sender_chat.title
    else:
        user_id, user_name = "", None
    return Incoming(
        chat=chat_ref(message),
        user_id=user_id,
        text=text,
        is_private=private,
        user_name=user_name,
        explicit=explicit,
    )
