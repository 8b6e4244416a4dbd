"""What a command handler gets: the message, its arguments, and the services."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

from bot.chat import ChatRef, Incoming
from bot.document import Reply
from summarizer.clock import Clock

P = ParamSpec("P")
T = TypeVar("T")

IsAdmin = Callable[[], Awaitable[bool]]


@dataclass(frozen=True)
class Command:
    """One command: its name, usage line, one-line summary and handler."""

    name: str
    usage: str
    """e.g. ``/who NAME``; shown with each platform's command prefix in place of the ``/``."""
    summary: str
    run: Callable[[Context], Awaitable[Reply]]
    needs_args: bool = False
    max_args: int = 200
    """Longer argument text is refused with the usage line."""

    def usage_for(self, prefix: str) -> str:
        """The usage line as typed on a platform: ``/who NAME`` or ``/brief who NAME``."""
        return prefix + self.usage.removeprefix("/")


@dataclass
class Context:
    """One command invocation."""

    incoming: Incoming
    command: Command
    args: str
    service: Any
    """``summarizer.service.Briefbot`` (or a test double with the same methods)."""
    book: Any
    """``bot.subscriptions.SubscriptionBook``."""
    clock: Clock
    commands: tuple[Command, ...]
    is_admin: IsAdmin

    @property
    def chat(self) -> ChatRef:
        return self.incoming.chat

    @property
    def prefix(self) -> str:
        """How commands are typed on the asking platform (``/``, ``/brief ``)."""
        return self.incoming.command_prefix

    async def call(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a blocking call (model inference, database) in a worker thread."""
        return await asyncio.to_thread(function, *args, **kwargs)

    async def may_change(self) -> bool:
        """Private chats may always change their settings; groups need an administrator."""
        return self.incoming.is_private or await self.is_admin()

    async def zone(self) -> ZoneInfo:
        """The chat's time zone."""
        return ZoneInfo(await self.call(self.book.timezone, self.chat))

    def now(self) -> datetime:
        return self.clock()

    async def articles(self, items: Iterable[Any]) -> dict[int, Any]:
        """Articles by id for a mix of article ids and article objects (missing ids left out)."""
        wanted = list(items)

        def load() -> dict[int, Any]:
            found: dict[int, Any] = {}
            for item in wanted:
                if isinstance(item, int):
                    article = found.get(item) or self.service.article(item)
                    if article is not None:
                        found[item] = article
                else:
                    found[item.id] = item
            return found

        return await self.call(load)
