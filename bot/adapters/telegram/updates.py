"""Telegram updates as chat-neutral :class:`~bot.chat.Incoming` commands."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType

from bot.chat import ChatRef, Incoming

ANONYMOUS_ADMIN = "anonymous-admin"
"""The ``user_id`` of a message an anonymous administrator sent on behalf of its group."""


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
    user_id, user_name = sender(message)
    return Incoming(
        chat=chat_ref(message),
        user_id=user_id,
        text=text,
        is_private=private,
        user_name=user_name,
        explicit=explicit,
    )


def sender(message: Message) -> tuple[str, str | None]:
    """Who sent the message, as ``(user_id, name)``, by Telegram's rules for ``sender_chat``.

    - A person: their user id.
    - A channel's own post (in the channel): ``chat:<channel id>``; only its administrators
      can post there.
    - On behalf of the group itself: :data:`ANONYMOUS_ADMIN` (the adapter checks that the
      group has an anonymous administrator). Telegram then always sets ``from`` to a
      placeholder user (GroupAnonymousBot); without one the update is forged: ``""``.
    - On behalf of another chat (a channel speaking in a group, or its automatic forward into
      its discussion group): ``chat:<that chat's id>``, never an administrator of the group.
    """
    chat, on_behalf, person = message.chat, message.sender_chat, message.from_user
    if on_behalf is None:
        return (str(person.id), person.first_name) if person is not None else ("", None)
    if chat.type == ChatType.CHANNEL:
        return (f"chat:{on_behalf.id}" if on_behalf.id == chat.id else ""), on_behalf.title
    if person is None:
        return "", on_behalf.title  # outside channels Telegram always names a sender
    if on_behalf.id == chat.id:
        return ANONYMOUS_ADMIN, on_behalf.title
    return f"chat:{on_behalf.id}", on_behalf.title
