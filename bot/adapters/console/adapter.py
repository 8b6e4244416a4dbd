"""A :class:`~bot.adapters.base.ChatAdapter` over text streams (a terminal or a pipe).

Each input line is one message from the local user; replies are printed as
plain text. ``send`` prints too, so digests can be delivered to the console.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import TextIO

from bot.adapters.base import CommandHandler, Payload
from bot.chat import ChatRef, Incoming
from bot.document import Reply
from bot.render.plain import render as render_plain

QUIT_WORDS = {"/quit", "/exit"}


class ConsoleAdapter:
    """Reads commands from ``input`` (when given) and writes replies to ``output``."""

    platform = "console"
    command_prefix = "/"
    """How commands are typed here, for replies made without a command (scheduled digests)."""

    def __init__(
        self,
        output: TextIO,
        input: TextIO | None = None,
        *,
        chat_id: str = "local",
        user_id: str = "you",
        user_name: str | None = None,
        prompt: str = "",
    ) -> None:
        self.output = output
        self.input = input
        self.chat = ChatRef("console", chat_id)
        self.user_id = user_id
        self.user_name = user_name
        self.prompt = prompt
        self._ids = itertools.count(1)
        self._reader: asyncio.Task[None] | None = None

    async def start(self, on_command: CommandHandler) -> None:
        """Start reading lines in the background (no-op without an input stream)."""
        if self.input is not None:
            self._reader = asyncio.create_task(self._read(on_command))

    async def wait_closed(self) -> None:
        """Wait until the input ends (end of file, ``/quit``)."""
        if self._reader is not None:
            await self._reader

    async def stop(self) -> None:
        if self._reader is not None and not self._reader.done():
            self._reader.cancel()

    def render(self, reply: Reply) -> list[Payload]:
        text = render_plain(reply)
        return [{"text": text}] if text else []

    async def send(self, chat: ChatRef, payload: Payload) -> str:
        """Print one message; a chat other than ours is named before it."""
        if chat != self.chat:
            self.output.write(f"[to {chat.key}]\n")
        self.output.write(payload["text"] + "\n\n")
        self.output.flush()
        return str(next(self._ids))

    async def is_admin(self, chat: ChatRef, user_id: str) -> bool:
        """The person at the console owns it."""
        return True

    async def _read(self, on_command: CommandHandler) -> None:
        assert self.input is not None
        while True:
            if self.prompt:
                self.output.write(self.prompt)
                self.output.flush()
            line = await asyncio.to_thread(self.input.readline)
            if not line:
                return
            text = line.strip()
            if not text:
                continue
            if text.lower() in QUIT_WORDS:
                return
            incoming = Incoming(
                self.chat, self.user_id, text, is_private=True, user_name=self.user_name
            )
            for payload in self.render(await on_command(incoming)):
                await self.send(self.chat, payload)
