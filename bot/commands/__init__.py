"""Chat-neutral commands: ``/who Witkoff`` in, a :class:`bot.document.Reply` out.

No platform imports here: adapters translate their updates into
:class:`bot.chat.Incoming` and render the reply themselves. The names below load on first
use, so that the CLI can use :mod:`bot.commands.words` without the whole command table.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.commands.context import Command
    from bot.commands.core import CommandCore
    from bot.commands.table import COMMANDS

_HOMES = {"Command": "context", "CommandCore": "core", "COMMANDS": "table"}

__all__ = ["COMMANDS", "Command", "CommandCore"]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'bot.commands' has no attribute {name!r}")
    return getattr(import_module(f"bot.commands.{_HOMES[name]}"), name)
