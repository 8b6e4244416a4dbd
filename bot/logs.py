"""Logging set-up for ``briefbot run``: one stderr handler, and no secret in any log line.

Libraries log the URLs they call: httpx writes ``POST …/bot123456:ABC…/sendMessage`` at INFO
for every Telegram call, slack_sdk writes its request headers at DEBUG. A
:class:`SecretFilter` on every handler of the root logger (where every library's records
end up) replaces each configured secret with its setting's name, in the message, its
arguments, a traceback and a stack, at every level.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import Any, TextIO
from urllib.parse import quote

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
SECRET_SETTINGS = (
    "telegram_token",
    "telegram_webhook_secret",
    "slack_bot_token",
    "slack_app_token",
    "slack_signing_secret",
)
"""The settings whose values never reach a log (``Settings`` fields, all ``SecretStr``)."""


class SecretFilter(logging.Filter):
    """Replaces each secret in a record with ``<SETTING_NAME>``; never drops a record."""

    def __init__(self, secrets: Iterable[tuple[str, str]]) -> None:
        super().__init__()
        spellings: dict[str, str] = {}
        for name, value in secrets:
            for spelling in _spellings(value):
                spellings.setdefault(spelling, f"<{name}>")
        # Longest first: a token is replaced whole before its secret half is looked for.
        self._replacements = sorted(spellings.items(), key=lambda item: -len(item[0]))

    def redact(self, text: str) -> str:
        for secret, name in self._replacements:
            if secret in text:
                text = text.replace(secret, name)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._replacements:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: the handler reports it, with the raw args
            message = f"{record.msg} {record.args}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def secrets_of(settings: Any) -> list[tuple[str, str]]:
    """``(BRIEFBOT_NAME, value)`` for every secret that is set."""
    found = []
    for field in SECRET_SETTINGS:
        value = getattr(settings, field, None)
        if value is not None and value.get_secret_value():
            found.append((f"BRIEFBOT_{field.upper()}", value.get_secret_value()))
    return found


def configure_logging(settings: Any, *, stream: TextIO | None = None) -> logging.Handler:
    """Log to ``stream`` (stderr) at ``BRIEFBOT_LOG_LEVEL``, secrets redacted from every
    root handler (this one and any already there); returns the handler added."""
    root = logging.getLogger()
    remove_handlers(root)  # a second call (tests, an embedding program) replaces the first
    handler = _OurHandler(stream)
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # httpx logs every Bot API call at INFO (a line per message sent): only when debugging.
    debugging = root.getEffectiveLevel() <= logging.DEBUG
    logging.getLogger("httpx").setLevel(logging.NOTSET if debugging else logging.WARNING)
    guard = SecretFilter(secrets_of(settings))
    for each in root.handlers:
        _drop_secret_filters(each)  # an earlier call's secrets give way to these
        each.addFilter(guard)
    return handler


def remove_handlers(logger: logging.Logger) -> None:
    """Take off the handlers and filters :func:`configure_logging` added."""
    for handler in list(logger.handlers):
        _drop_secret_filters(handler)
        if isinstance(handler, _OurHandler):
            logger.removeHandler(handler)


def _drop_secret_filters(handler: logging.Handler) -> None:
    for each in [f for f in handler.filters if isinstance(f, SecretFilter)]:
        handler.removeFilter(each)


class _OurHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to ``stream``, or to whatever ``sys.stderr`` is at the time of each record, so a
    replaced or closed stderr (a test runner's) never breaks logging."""

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__(stream)
        self._fixed = stream

    @property  # type: ignore[override]
    def stream(self) -> TextIO:
        return self._fixed or sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        self._fixed = value if value is not sys.stderr else None


def _spellings(secret: str) -> set[str]:
    """How a secret may be written in a log: as is, URL-quoted, and a Telegram token's
    secret half (after ``123456:``) on its own."""
    found = {secret, quote(secret, safe="")}
    bot_id, colon, rest = secret.partition(":")
    if colon and bot_id.isdigit() and len(rest) >= 8:
        found |= {rest, quote(rest, safe="")}
    return {spelling for spelling in found if spelling}
