"""Slack Web API failures → delivery errors the outbox understands."""

from __future__ import annotations

import asyncio

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.adapters.base import DeliveryError, PermanentError, RetryLater, TransientError

PERMANENT = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "account_inactive",
        "invalid_auth",
        "token_revoked",
        "not_authed",
        "restricted_action",
    }
)
"""Errors that trying again cannot fix: the chat is gone or closed to the bot."""

TRANSIENT = frozenset({"internal_error", "fatal_error", "service_unavailable", "request_timeout"})

NETWORK_ERRORS = (aiohttp.ClientError, asyncio.TimeoutError, OSError)

UNREADABLE = "Slack's answer was unreadable (not JSON); the message may have been posted"
"""Such a message is not sent again: that could post it twice."""

DEFAULT_RETRY_AFTER = 30.0
"""Slack sends ``Retry-After`` with every 429; this is only a fallback."""


def retry_after(headers: object) -> float:
    """Seconds from a ``Retry-After`` header, found case-insensitively."""
    items = headers.items() if hasattr(headers, "items") else []
    for name, value in items:
        if str(name).lower() == "retry-after":
            text = value[0] if isinstance(value, list) else value
            try:
                return max(0.0, float(text))
            except ValueError:
                break
    return DEFAULT_RETRY_AFTER


def error_code(error: SlackApiError) -> str | None:
    """Slack's error code (``channel_not_found``), or None when the body had none."""
    data = getattr(error.response, "data", None)
    code = data.get("error") if isinstance(data, dict) else None
    return str(code) if code else None


def delivery_error(error: SlackApiError) -> DeliveryError:
    """The delivery error for a failed API call, naming Slack's error code."""
    response = error.response
    status = int(getattr(response, "status_code", None) or getattr(response, "status", 0))
    code = error_code(error)
    if status == 429 or code == "ratelimited":
        return RetryLater(retry_after(getattr(response, "headers", {})), "Slack rate limit")
    if status >= 500 or code in TRANSIENT:
        return TransientError(f"Slack answered HTTP {status} ({code or 'no error code'})")
    if code in PERMANENT:
        return PermanentError(f"Slack refused the message: {code}")
    if code is None and status < 400:
        return DeliveryError(f"{UNREADABLE} (HTTP {status})")
    return DeliveryError(f"Slack refused the message: {code or f'HTTP {status}'}")
