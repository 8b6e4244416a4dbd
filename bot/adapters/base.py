"""The contract every chat adapter fulfils, the delivery errors it raises, and how an answer
waits for a rate limit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from bot.chat import ChatRef, Incoming
from bot.document import Reply

Payload = dict[str, Any]
"""One platform message, ready to send (e.g. Telegram HTML text, Slack blocks)."""

CommandHandler = Callable[[Incoming], Awaitable[Reply]]
Send = Callable[[ChatRef, Payload], Awaitable[str]]
Sleep = Callable[[float], Awaitable[None]]

MAX_REPLY_WAIT = 60.0
"""The longest rate-limit wait an answer to a command makes (once) before giving up."""
SERVER_ERROR_PAUSE = 1.0
"""Seconds an answer waits before its one more try after a server error."""


class Unreachable(Exception):
    """The platform's API could not be reached at start-up; the message names the setting."""


class DeliveryError(Exception):
    """Sending failed; subclasses say whether and when to try again."""


class RetryLater(DeliveryError):
    """The platform asked us to wait (Telegram RetryAfter, Slack 429 Retry-After)."""

    def __init__(self, retry_after: float, message: str = "rate limited") -> None:
        super().__init__(f"{message}; retry after {retry_after:g}s")
        self.retry_after = retry_after


class TransientError(DeliveryError):
    """Network trouble or a 5xx: retry with backoff."""


class PermanentError(DeliveryError):
    """The chat is gone or closed to us (bot removed, chat not found, archived)."""


class ChatAdapter(Protocol):
    """A platform connection: receives commands, renders replies, sends payloads."""

    platform: str
    command_prefix: str
    """How commands are typed on this platform (``/``; Slack: ``/brief ``), for the hints in
    messages sent without a command to answer (scheduled digests)."""

    async def start(self, on_command: CommandHandler) -> None:
        """Connect and begin passing incoming commands to ``on_command``."""

    async def stop(self) -> None:
        """Disconnect cleanly."""

    def render(self, reply: Reply) -> list[Payload]:
        """Turn a reply into one or more platform messages within the platform's limits."""

    async def send(self, chat: ChatRef, payload: Payload) -> str:
        """Send one rendered message; return the platform's message id.

        Raises :class:`RetryLater`, :class:`TransientError` or :class:`PermanentError`.
        """

    async def is_admin(self, chat: ChatRef, user_id: str) -> bool:
        """Whether the user may change this chat's subscription."""


async def send_waiting_once(
    send: Send, chat: ChatRef, payload: Payload, *, sleep: Sleep, max_wait: float = MAX_REPLY_WAIT
) -> str:
    """Send an answer; when the platform asks for a wait of at most ``max_wait`` seconds,
    wait once and send again. A longer wait, or a second refusal, raises :class:`RetryLater`
    (the person asking is not kept waiting; scheduled messages go through the outbox instead).
    """
    try:
        return await send(chat, payload)
    except RetryLater as error:
        if error.retry_after > max_wait:
            raise
        await sleep(error.retry_after)
        return await send(chat, payload)


async def send_answer(
    send: Send,
    chat: ChatRef,
    payload: Payload,
    *,
    sleep: Sleep,
    refused: Callable[[TransientError], bool],
) -> str:
    """Send an answer to a command (:func:`send_waiting_once`); after a server error that
    ``refused`` confirms (a 5xx answer: nothing was posted), try once more after
    :data:`SERVER_ERROR_PAUSE`. After a timeout or a lost connection, never: that message may
    have arrived, and nothing is sent twice."""
    try:
        return await send_waiting_once(send, chat, payload, sleep=sleep)
    except TransientError as error:
        if not refused(error):
            raise
        await sleep(SERVER_ERROR_PAUSE)
        return await send_waiting_once(send, chat, payload, sleep=sleep)
