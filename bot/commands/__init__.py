"""Chat-neutral commands: ``/who Witkoff`` in, a :class:`bot.document.Reply` out.

No platform imports here: adapters translate their updates into
:class:`bot.chat.Incoming` and render the reply themselves.
"""

from bot.commands.context import Command
from bot.commands.core import CommandCore
from bot.commands.table import COMMANDS

__all__ = ["COMMANDS", "Command", "CommandCore"]
