"""The console: try every command at a prompt, or receive digests on a stream."""

from bot.adapters.console.adapter import ConsoleAdapter

__all__ = ["ConsoleAdapter"]
