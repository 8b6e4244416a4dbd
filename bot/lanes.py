"""Two lanes for commands: cheap answers never queue behind expensive ones.

``/digest``, ``/story`` and ``/search`` rank, load and embed; at most :data:`HEAVY_AT_ONCE`
of them run at a time, the rest wait their turn. Every other command (``/who``, ``/help``,
``/settings`` …) runs at once: a burst of digests leaves the worker threads to it, and the
adapters take many updates at a time (Telegram: ``UPDATES_AT_ONCE``), so a waiting digest
holds no place a cheap answer needs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection

from bot.adapters.base import CommandHandler
from bot.chat import Incoming
from bot.commands.parse import parse
from bot.document import Reply

HEAVY = frozenset({"digest", "story", "search"})
HEAVY_AT_ONCE = 2
"""Expensive commands running together: as many as a small machine has cores; the default
thread pool (cores + 4) keeps threads free for the cheap lane."""


class Lanes:
    """Wraps a command handler: heavy commands through a gate, the rest straight through."""

    def __init__(self, heavy: Collection[str] = HEAVY, *, at_once: int = HEAVY_AT_ONCE) -> None:
        self.heavy = frozenset(heavy)
        self._gate = asyncio.Semaphore(at_once)

    def is_heavy(self, incoming: Incoming) -> bool:
        parsed = parse(incoming.text)
        return parsed is not None and parsed.name in self.heavy

    def wrap(self, handler: CommandHandler) -> CommandHandler:
        async def on_command(incoming: Incoming) -> Reply:
            if not self.is_heavy(incoming):
                return await handler(incoming)
            async with self._gate:
                return await handler(incoming)

        return on_command
