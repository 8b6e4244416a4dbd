"""The Slack adapter: Bolt (async) in, Block Kit out, Web API errors as delivery errors."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Collection
from typing import Any, Literal, TypeVar

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import Clock
from slack_sdk.web.async_client import AsyncWebClient

from bot.access import AllowList
from bot.adapters.base import (
    CommandHandler,
    DeliveryError,
    Payload,
    PermanentError,
    RetryLater,
    TransientError,
    Unreachable,
    send_answer,
)
from bot.adapters.listener import HttpListener
from bot.adapters.seen import RecentEvents, SeenEvents
from bot.adapters.slack import inbound
from bot.adapters.slack.errors import NETWORK_ERRORS, UNREADABLE, delivery_error, error_code
from bot.adapters.slack.http import SlackHttpServer
from bot.chat import ChatRef, Incoming
from bot.commands.parse import parse
from bot.document import Reply, paragraph
from bot.render import slack as slack_render
from bot.settings import ConfigError, Settings

log = logging.getLogger(__name__)

WORKING = "Working on it…"
FAILED = Reply((paragraph("Sorry, that command failed. The error has been logged."),))
NOT_SERVED = "Briefbot does not serve this channel (it is not in BRIEFBOT_ALLOWED_CHATS)."
SEEN_EVENTS = 1000
"""How many Events API ids are remembered in memory (without a shared store), so a
redelivered event is answered once."""
STOP_GRACE = 30.0
"""Seconds :meth:`SlackAdapter.stop` lets commands in progress finish."""

TOKEN_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}
)
T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]
Respond = Callable[..., Awaitable[Any]]


class SlackAdapter:
    """A Slack workspace connection in Socket Mode (default) or HTTP mode."""

    platform = "slack"
    command_prefix = inbound.COMMAND_PREFIX
    """How commands are typed here, for replies made without a command (scheduled digests)."""

    def __init__(
        self,
        *,
        bot_token: str,
        api_url: str = "https://slack.com/api/",
        mode: Literal["socket", "http"] = "socket",
        app_token: str | None = None,
        signing_secret: str | None = None,
        admins: Collection[str] = (),
        allowed_chats: Collection[str] = (),
        host: str = "127.0.0.1",
        port: int = 8080,
        listener: HttpListener | None = None,
        clock: Clock | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if mode == "socket" and not app_token:
            raise ConfigError("BRIEFBOT_SLACK_APP_TOKEN (xapp-…) is required in socket mode")
        if mode == "http" and not signing_secret:
            raise ConfigError("BRIEFBOT_SLACK_SIGNING_SECRET is required in http mode")
        self.mode = mode
        self.client = AsyncWebClient(
            token=bot_token,
            base_url=api_url if api_url.endswith("/") else api_url + "/",
            retry_handlers=[],  # the outbox retries; one seam decides when
        )
        self._app_token = app_token
        self._signing_secret = signing_secret or ""
        self._admins = frozenset(admins)
        self._allowed = AllowList(allowed_chats)
        self._sleep = sleep
        self._on_command: CommandHandler | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self.server: SlackHttpServer | None = None
        if mode == "http":
            self.server = SlackHttpServer(
                listener or HttpListener(host, port),
                signing_secret=self._signing_secret,
                clock=clock,
            )
        self._working: set[asyncio.Task[Any]] = set()
        self.seen: SeenEvents = RecentEvents(SEEN_EVENTS)
        """Event ids answered already; the runtime shares them through the store."""

    @classmethod
    def from_settings(cls, settings: Settings, **options: Any) -> SlackAdapter:
        """The adapter the settings describe; a missing token is a :class:`ConfigError`.

        Pass ``listener=`` to share one :class:`HttpListener` with other adapters.
        """
        if settings.slack_bot_token is None:
            raise ConfigError("BRIEFBOT_SLACK_BOT_TOKEN (xoxb-…) is not set")

        def secret(value: Any) -> str | None:
            return value.get_secret_value() if value is not None else None

        return cls(
            bot_token=secret(settings.slack_bot_token) or "",
            api_url=settings.slack_api_url,
            mode=settings.slack_mode,
            app_token=secret(settings.slack_app_token),
            signing_secret=secret(settings.slack_signing_secret),
            admins=settings.slack_admins,
            allowed_chats=settings.allowed_chats,
            host=settings.http_host,
            port=settings.http_port,
            **options,
        )

    # -- connection -----------------------------------------------------------------

    def build_app(self) -> AsyncApp:
        """The Bolt app with our listeners; signatures are checked by our HTTP server."""
        app = AsyncApp(
            client=self.client,
            signing_secret=self._signing_secret,
            request_verification_enabled=False,
            ssl_check_enabled=self.mode == "http",
            logger=log,
        )
        app.command(re.compile(r"^/"))(self._slash_command)
        app.event("app_mention")(self._mention)
        app.event("message")(self._message)
        return app

    def socket_handler(self, app: AsyncApp) -> AsyncSocketModeHandler:
        """The Socket Mode handler: opens a websocket with the app-level token."""
        return AsyncSocketModeHandler(app, self._app_token)

    async def start(self, on_command: CommandHandler) -> None:
        """Connect (socket mode) or start listening (HTTP mode); returns once ready."""
        self._on_command = on_command
        await self._check_token("BRIEFBOT_SLACK_BOT_TOKEN", self.client.auth_test())
        app = self.build_app()
        if self.server is None:
            self._socket = self.socket_handler(app)
            client = self._socket.client
            client.wss_uri = await self._check_token(
                "BRIEFBOT_SLACK_APP_TOKEN", client.issue_new_wss_url()
            )
            await self._socket.connect_async()
            log.info("Slack connected in socket mode")
        else:
            await self.server.start(app)
            log.info("Slack events served at %s", self.server.url)

    async def _check_token(self, name: str, call: Awaitable[T]) -> T:
        """Await a first API call; a refused token becomes a :class:`ConfigError` naming it,
        an API that cannot be reached :class:`Unreachable` naming its setting."""
        try:
            return await call
        except SlackApiError as error:
            code = error_code(error)
            if code in TOKEN_ERRORS:
                raise ConfigError(f"{name}: Slack refused the token ({code})") from None
            raise
        except NETWORK_ERRORS as error:
            raise Unreachable(
                f"cannot reach the Slack API at {self.client.base_url} (BRIEFBOT_SLACK_API_URL): "
                f"{type(error).__name__}: {error}"
            ) from None

    async def stop(self) -> None:
        """Stop receiving, then let answers already being worked on finish."""
        if self._socket is not None:
            await self._socket.close_async()
            self._socket = None
        if self.server is not None:
            await self.server.stop()
        if self._working:
            _, late = await asyncio.wait(self._working, timeout=STOP_GRACE)
            for task in late:
                log.warning("stopping: an answer was still being worked on; cancelled")
                task.cancel()

    # -- inbound ----------------------------------------------------------------------

    def _serves(self, incoming: Incoming) -> bool:
        """Whether the channel is allowed, or the command only stops messages (/unsubscribe)."""
        parsed = parse(incoming.text)
        return self._allowed.admits(incoming.chat, parsed.name if parsed else None)

    async def _slash_command(self, ack: Any, body: dict[str, Any], respond: Respond) -> None:
        incoming = inbound.from_slash_command(body)
        if not self._serves(incoming):
            await ack(NOT_SERVED)
            return
        await ack(WORKING)
        await self._answer(incoming, respond)

    async def _first_delivery(self, body: dict[str, Any]) -> bool:
        """False for an event Slack delivers again (a retry after a slow or lost ack)."""
        event_id = str(body.get("event_id") or "")
        if not event_id:
            return True
        if not await asyncio.to_thread(self.seen.first_time, f"slack:{event_id}"):
            log.info("ignoring redelivered event %s", event_id)
            return False
        return True

    async def _mention(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        incoming = inbound.from_mention(event)
        if inbound.is_direct(incoming.chat.chat_id):
            return  # the message.im event answers it
        if self._serves(incoming) and await self._first_delivery(body):
            await self._answer(incoming)

    async def _message(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        incoming = inbound.from_direct_message(event)
        if incoming is None or not self._serves(incoming):
            return
        if await self._first_delivery(body):
            await self._answer(incoming)

    async def _answer(self, incoming: Incoming, respond: Respond | None = None) -> None:
        """Run the command and post its reply (Bolt already acked the request)."""
        task = asyncio.current_task()
        if task is not None:
            self._working.add(task)
        try:
            assert self._on_command is not None, "start() was not called"
            try:
                reply = await self._on_command(incoming)
            except Exception:
                log.exception("command %r failed in %s", incoming.text, incoming.chat.key)
                reply = FAILED
            await self._post(incoming.chat, self.render(reply), respond)
        finally:
            if task is not None:
                self._working.discard(task)

    async def _post(self, chat: ChatRef, payloads: list[Payload], respond: Respond | None) -> None:
        """Post each payload; when the bot may not post there, or Slack refuses for now (a long
        rate limit, a server error), answer a slash command privately instead."""
        for index, payload in enumerate(payloads):
            try:
                await self._send_waiting(chat, payload)
            except (PermanentError, RetryLater, TransientError) as error:
                if respond is None or not _surely_not_posted(error):
                    log.warning("cannot answer in %s: %s", chat.key, error)
                    return
                log.info("answering privately in %s: %s", chat.key, error)
                await self._respond(respond, payloads[index:])
                return
            except Exception as error:
                log.warning("could not answer in %s: %s", chat.key, error)
                return

    @staticmethod
    async def _respond(respond: Respond, payloads: list[Payload]) -> None:
        """Answer through the command's ``response_url``, seen only by the person who asked."""
        try:
            for payload in payloads:
                await respond(response_type="ephemeral", replace_original=False, **payload)
        except Exception as error:
            log.warning("could not answer through response_url: %s", error)

    async def _send_waiting(self, chat: ChatRef, payload: Payload) -> str:
        """Send, waiting once for a short rate limit, trying once more after a server error."""
        return await send_answer(
            self.send, chat, payload, sleep=self._sleep, refused=_surely_not_posted
        )

    # -- outbound ---------------------------------------------------------------------

    def render(self, reply: Reply) -> list[Payload]:
        """Block Kit messages (≤ 50 blocks, ≤ 3,000 characters a section)."""
        return slack_render.render(reply)

    async def send(self, chat: ChatRef, payload: Payload) -> str:
        """``chat.postMessage``; returns the message ``ts``."""
        arguments = dict(payload, channel=chat.chat_id)
        if chat.thread_id:
            arguments["thread_ts"] = chat.thread_id
        try:
            response = await self.client.chat_postMessage(**arguments)
        except SlackApiError as error:
            raise delivery_error(error) from error
        except NETWORK_ERRORS as error:
            raise TransientError(f"cannot reach Slack: {error!r}") from error
        except (AttributeError, ValueError) as error:  # slack_sdk on a text/plain answer
            raise DeliveryError(UNREADABLE) from error  # not sent again: it may be posted
        return str(response["ts"])

    async def is_admin(self, chat: ChatRef, user_id: str) -> bool:
        """Anyone in their own DM; else ``BRIEFBOT_SLACK_ADMINS``, or workspace admins/owners."""
        if inbound.is_direct(chat.chat_id):
            return True
        if self._admins:
            return user_id in self._admins
        try:
            response = await self.client.users_info(user=user_id)
        except (SlackApiError, *NETWORK_ERRORS) as error:
            log.warning("users.info failed for %s: %s", user_id, error)
            return False
        user = response.get("user") or {}
        return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))


def _surely_not_posted(error: DeliveryError) -> bool:
    """Whether Slack answered that it did not post (not a lost connection, after which the
    message may be there already and a private copy would say it twice)."""
    return not isinstance(error, TransientError) or isinstance(error.__cause__, SlackApiError)
