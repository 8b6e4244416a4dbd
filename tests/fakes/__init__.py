"""Test doubles that ship with the tests: a fake Telegram Bot API, a small news service,
and an errbot-style :class:`~tests.fakes.testbot.TestBot`."""
