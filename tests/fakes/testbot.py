"""An errbot-style test bot: ``TestBot(service, book).exec("/who Witkoff")`` returns plain text."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from bot.chat import ChatRef, Incoming
from bot.commands import CommandCore
from bot.render.plain import render
from bot.storage import BOT_MIGRATIONS
from bot.subscriptions import SubscriptionBook
from summarizer.store import Store

CHAT = ChatRef("console", "test")


def open_book(database_url: str, now: datetime) -> Iterator[SubscriptionBook]:
    """A subscription book on a fresh store whose clock says ``now``; for a fixture to
    ``yield from`` (the store is closed after the test)."""
    store = Store(database_url, extra_migrations=[BOT_MIGRATIONS])
    yield SubscriptionBook(store, clock=lambda: now)
    store.close()


class TestBot:
    """Runs commands through the real command core and renders them as plain text."""

    __test__ = False  # not a pytest test class

    def __init__(
        self,
        service: Any,
        book: Any,
        *,
        chat: ChatRef = CHAT,
        private: bool = True,
        admin: bool = True,
        prefix: str = "/",
        **core_options: Any,
    ) -> None:
        self.core = CommandCore(service, book, **core_options)
        self.chat = chat
        self.private = private
        self.admin = admin
        self.prefix = prefix

    async def ask(
        self,
        text: str,
        *,
        user_id: str = "42",
        user_name: str | None = None,
        explicit: bool = True,
    ) -> str:
        """The plain-text reply to one message (empty when the bot stays silent);
        ``explicit=False`` is a bare ``/command`` in a group, maybe for another bot."""
        incoming = Incoming(
            self.chat,
            user_id,
            text,
            is_private=self.private,
            user_name=user_name,
            command_prefix=self.prefix,
            explicit=explicit,
        )

        async def is_admin() -> bool:
            return self.admin

        return render(await self.core.handle(incoming, is_admin=is_admin))

    def exec(self, text: str, **options: Any) -> str:
        """:meth:`ask` from synchronous test code."""
        return asyncio.run(self.ask(text, **options))
