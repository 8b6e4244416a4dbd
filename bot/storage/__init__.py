"""The chat side's tables (subscriptions, outbox, chat state) and their migrations."""

from pathlib import Path

BOT_MIGRATIONS = Path(__file__).parent / "migrations" / "versions"
"""Alembic version folder for the ``bot`` branch; passed to ``summarizer.store.Store``."""
