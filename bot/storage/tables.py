"""The chat side's tables (subscriptions, outbox, chat state)."""
