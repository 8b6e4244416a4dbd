"""The chat-neutral command core: parse, check permissions, dispatch, never crash."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from bot.access import AllowList, allow_key
from bot.adapters.base import ChatAdapter, CommandHandler
from bot.chat import Incoming
from bot.commands.context import Command, Context, IsAdmin
from bot.commands.guide import unknown, usage
from bot.commands.parse import first_word, parse
from bot.commands.table import COMMANDS
from bot.document import Reply, paragraph, reply
from summarizer.clock import Clock, utcnow

log = logging.getLogger(__name__)

NOT_ALLOWED = (
    "Sorry, this bot only serves the chats it was set up for. "
    "Ask its operator to add this chat: {key}"
)
FAILED = "Something went wrong while answering {command}. It has been logged; please try later."


class CommandCore:
    """Turns an :class:`~bot.chat.Incoming` command into a :class:`~bot.document.Reply`."""

    def __init__(
        self,
        service: Any,
        subscriptions: Any,
        *,
        bot_names: Iterable[str] = (),
        allowed_chats: Iterable[str] = (),
        clock: Clock = utcnow,
        commands: tuple[Command, ...] = COMMANDS,
    ) -> None:
        self.service = service
        self.subscriptions = subscriptions
        self.bot_names = set(bot_names)
        self.allow_list = AllowList(allowed_chats)
        self.clock = clock
        self.commands = commands
        self._by_name = {command.name: command for command in commands}

    async def handle(self, incoming: Incoming, *, is_admin: IsAdmin) -> Reply:
        """The reply to one message; an empty reply means "say nothing"."""
        incoming = replace(incoming, text=whole_characters(incoming.text))
        parsed = parse(incoming.text)
        if parsed is not None and not parsed.for_us(self.bot_names):
            return Reply()
        if not self.allow_list.admits(incoming.chat, parsed.name if parsed else None):
            return reply(paragraph(NOT_ALLOWED.format(key=allow_key(incoming.chat))))
        prefix = incoming.command_prefix
        if parsed is None or parsed.name not in self._by_name:
            if not incoming.is_private and not incoming.explicit:
                return Reply()  # another bot's command in a shared group
            if parsed is None and not incoming.is_private and not incoming.text.startswith("/"):
                return Reply()  # group chatter, not meant for us
            return unknown(first_word(incoming.text), self.commands, prefix)
        command = self._by_name[parsed.name]
        if command.needs_args and not parsed.args:
            return usage(command, "This command needs an argument.", prefix=prefix)
        if len(parsed.args) > command.max_args:
            too_long = f"That is too long (at most {command.max_args} characters)."
            return usage(command, too_long, prefix=prefix)
        context = Context(
            incoming=incoming,
            command=command,
            args=parsed.args,
            service=self.service,
            book=self.subscriptions,
            clock=self.clock,
            commands=self.commands,
            is_admin=is_admin,
        )
        try:
            return await command.run(context)
        except Exception:
            log.exception("command /%s failed in %s", command.name, incoming.chat.key)
            return reply(paragraph(FAILED.format(command=prefix + command.name)))

    def handler_for(self, adapter: ChatAdapter) -> CommandHandler:
        """The ``on_command`` callback for an adapter, asking it who is an administrator."""

        async def on_command(incoming: Incoming) -> Reply:
            async def is_admin() -> bool:
                return await adapter.is_admin(incoming.chat, incoming.user_id)

            return await self.handle(incoming, is_admin=is_admin)

        return on_command


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def whole_characters(text: str) -> str:
    """The text with each lone surrogate as U+FFFD: bytes a terminal could not decode arrive
    so (byte FF as U+DCFF), and could be neither stored, searched nor sent."""
    return _LONE_SURROGATE.sub("\ufffd", text)
