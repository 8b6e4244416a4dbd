"""The Telegram adapter: python-telegram-bot's ``Application``, kept thin.

Long polling by default; webhook mode when a public URL is configured.
Commands become :class:`~bot.chat.Incoming`, replies are rendered to Telegram
HTML (split under the length limit) and sent back to the same chat and forum topic.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ChatMemberStatus, ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.adapters.base import (
    CommandHandler,
    DeliveryError,
    Payload,
    TransientError,
    Unreachable,
    send_answer,
)
from bot.adapters.listener import HttpListener
from bot.adapters.telegram.errors import MessageRefused, delivery_error
from bot.adapters.telegram.updates import ANONYMOUS_ADMIN, to_incoming
from bot.adapters.telegram.webhook import WebhookServer
from bot.chat import ChatRef
from bot.commands import COMMANDS, Command
from bot.document import Reply
from bot.render import telegram as telegram_html
from bot.settings import ConfigError

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "channel_post"]
UPDATES_AT_ONCE = 256
"""Updates handled together: a cheap answer never waits for a place behind slow ones (the
runtime's lanes bound the expensive commands instead, bot/lanes.py)."""

Sleep = Callable[[float], Awaitable[None]]


class TelegramAdapter:
    """A Telegram bot connection implementing :class:`bot.adapters.base.ChatAdapter`."""

    platform = "telegram"
    command_prefix = "/"
    """How commands are typed here, for replies made without a command (scheduled digests)."""

    def __init__(
        self,
        token: str,
        *,
        api_url: str = "https://api.telegram.org/bot",
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        listen_host: str = "127.0.0.1",
        listen_port: int = 8080,
        listener: HttpListener | None = None,
        poll_timeout: float = 10.0,
        commands: Sequence[Command] = COMMANDS,
        sleep: Sleep = asyncio.sleep,
        updates_at_once: int = UPDATES_AT_ONCE,
    ) -> None:
        builder = Application.builder().token(token).base_url(api_url)
        builder = builder.base_file_url(api_url.replace("/bot", "/file/bot"))
        builder = builder.concurrent_updates(updates_at_once)
        if webhook_url:
            builder = builder.updater(None)
        self.application: Application = builder.build()
        self.webhook: WebhookServer | None = None
        if webhook_url:
            self.webhook = WebhookServer(
                self.application,
                url=webhook_url,
                secret=webhook_secret,
                listener=listener or HttpListener(listen_host, listen_port),
            )
        self.api_url = api_url
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        self.poll_timeout = poll_timeout
        self.commands = tuple(commands)
        self.sleep = sleep
        self._on_command: CommandHandler | None = None

    @classmethod
    def from_settings(cls, settings: Any, **options: Any) -> TelegramAdapter:
        """An adapter from :class:`bot.settings.Settings` (which must have a token).

        Pass ``listener=`` to share one :class:`HttpListener` with other adapters.
        """
        if settings.telegram_token is None:
            raise ValueError("BRIEFBOT_TELEGRAM_TOKEN is not set")
        secret = settings.telegram_webhook_secret
        return cls(
            settings.telegram_token.get_secret_value(),
            api_url=settings.telegram_api_url,
            webhook_url=settings.telegram_webhook_url,
            webhook_secret=secret.get_secret_value() if secret else None,
            listen_host=settings.http_host,
            listen_port=settings.http_port,
            **options,
        )

    @property
    def username(self) -> str | None:
        """The bot's @username, known after :meth:`start` (from getMe)."""
        try:
            return self.application.bot.username
        except RuntimeError:  # not logged in yet
            return None

    async def start(self, on_command: CommandHandler) -> None:
        """Log in (getMe), register the command menu, and start polling or the webhook."""
        self._on_command = on_command
        messages = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
        private_text = filters.ChatType.PRIVATE & filters.TEXT
        self.application.add_handler(
            MessageHandler(messages & (filters.COMMAND | private_text), self._on_update)
        )
        self.application.add_error_handler(self._on_error)
        await self._log_in()
        menu = [BotCommand(command.name, command.summary) for command in self.commands]
        try:
            await self.application.bot.set_my_commands(menu)
        except TelegramError as error:  # the menu is a convenience; commands work without it
            log.warning("could not register the Telegram command menu: %s", error)
        await self.application.start()
        if self.webhook is not None:
            await self.webhook.start()  # listen before Telegram is told where to post
            await self.application.bot.set_webhook(
                self.webhook_url,  # type: ignore[arg-type]
                secret_token=self.webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            assert self.application.updater is not None
            await self.application.updater.start_polling(
                timeout=int(self.poll_timeout), allowed_updates=ALLOWED_UPDATES
            )
        log.info("Telegram bot @%s started", self.username)

    async def _log_in(self) -> None:
        """getMe; a refused token or an unreachable API is one line naming the setting."""
        try:
            await self.application.initialize()
        except InvalidToken:
            await self.application.shutdown()
            raise ConfigError("BRIEFBOT_TELEGRAM_TOKEN: Telegram refused the token") from None
        except NetworkError as error:  # TimedOut included
            await self.application.shutdown()
            raise Unreachable(
                f"cannot reach the Telegram Bot API at {self.api_url} "
                f"(BRIEFBOT_TELEGRAM_API_URL): {error.message}"
            ) from None

    async def stop(self) -> None:
        """Stop polling or the webhook server, then the application."""
        if self.webhook is not None:
            await self.webhook.stop()
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    def render(self, reply: Reply) -> list[Payload]:
        """Telegram HTML messages, each within 4,096 UTF-16 units."""
        return [
            {"text": text, "parse_mode": ParseMode.HTML} for text in telegram_html.render(reply)
        ]

    async def send(self, chat: ChatRef, payload: Payload) -> str:
        """Send one message to the chat (and its forum topic); return the message id.

        A formatted message Telegram refuses (its HTML, say: "can't parse entities") goes
        once more as plain text, so neither a scheduled digest nor an answer is lost to it.
        """
        try:
            return await self._send_message(chat, payload)
        except MessageRefused as error:
            if not payload.get("parse_mode"):
                raise
            log.warning(
                "Telegram refused a message to %s (%s); sending it as plain text", chat.key, error
            )
            return await self._send_message(chat, {"text": telegram_html.visible(payload["text"])})

    async def _send_message(self, chat: ChatRef, payload: Payload) -> str:
        await self.application.initialize()
        try:
            message = await self.application.bot.send_message(
                chat_id=_chat_id(chat.chat_id),
                text=payload["text"],
                parse_mode=payload.get("parse_mode"),
                message_thread_id=int(chat.thread_id) if chat.thread_id else None,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        except TelegramError as error:
            raise delivery_error(error) from error
        return str(message.message_id)

    async def is_admin(self, chat: ChatRef, user_id: str) -> bool:
        """Whether the user is the chat's creator or an administrator (getChatMember).

        A channel's own post is its administrators'; a message on behalf of a group counts
        when the group has an anonymous administrator (getChatAdministrators); any other
        chat speaking (a channel in a group) or a sender we cannot name never does.
        """
        if user_id == f"chat:{chat.chat_id}":
            return True  # only produced for a channel's own post (updates.sender)
        if user_id == ANONYMOUS_ADMIN:
            return await self._has_anonymous_admin(chat)
        if not user_id.isdecimal():
            return False
        try:
            member = await self.application.bot.get_chat_member(
                _chat_id(chat.chat_id), int(user_id)
            )
        except TelegramError as error:
            log.warning("could not check administrators of %s: %s", chat.key, error)
            return False
        return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)

    async def _has_anonymous_admin(self, chat: ChatRef) -> bool:
        try:
            admins = await self.application.bot.get_chat_administrators(_chat_id(chat.chat_id))
        except TelegramError as error:
            log.warning("could not check administrators of %s: %s", chat.key, error)
            return False
        return any(getattr(member, "is_anonymous", False) for member in admins)

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        incoming = to_incoming(update, self.username)
        if incoming is None or self._on_command is None:
            return
        reply = await self._on_command(incoming)
        payloads = self.render(reply)
        for index, payload in enumerate(payloads):
            if not await self._reply(incoming.chat, payload):
                log.warning(
                    "reply to %s stopped: %d of its %d messages not sent",
                    incoming.chat.key,
                    len(payloads) - index,
                    len(payloads),
                )
                return  # the rest would arrive with a gap in it

    async def _reply(self, chat: ChatRef, payload: Payload) -> bool:
        """Send one message of an interactive reply; whether it was delivered."""
        try:
            await send_answer(self.send, chat, payload, sleep=self.sleep, refused=_refused)
        except DeliveryError as error:
            log.warning("reply to %s not delivered: %s", chat.key, error)
            return False
        return True

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("Telegram update failed: %s", context.error, exc_info=context.error)


def _refused(error: TransientError) -> bool:
    """Whether Telegram surely did not take the message (anything but a timeout)."""
    return not isinstance(error.__cause__, TimedOut)


def _chat_id(chat_id: str) -> int | str:
    """Numeric chat ids as int; ``@channelname`` stays a string."""
    try:
        return int(chat_id)
    except ValueError:
        return chat_id
