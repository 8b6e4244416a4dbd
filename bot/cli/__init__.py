"""``briefbot`` command line. Each module registers its commands on :data:`app`."""

from __future__ import annotations

import importlib

from bot.cli.app import app

_COMMAND_MODULES = (
    "corpus",
    "briefs",
    "people",
    "chat",
    "run",
    "subscriptions",
    "health",
    "worker",
)

for _name in _COMMAND_MODULES:
    importlib.import_module(f"bot.cli.{_name}")


def main() -> None:
    """Entry point of the ``briefbot`` script."""
    app()


__all__ = ["app", "main"]
