"""HTTP mode: ``/slack/events`` on an :class:`HttpListener`, checking Slack's signature first.

Every request must carry ``X-Slack-Signature`` = ``v0=`` HMAC-SHA256 of
``v0:{timestamp}:{body}`` under the signing secret, with a timestamp at most five
minutes from now; anything else is answered 401 before Bolt sees it. The clock
is injected (``slack_sdk.signature.Clock``) so tests never depend on real time.
"""

from __future__ import annotations

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import Clock, SignatureVerifier

from bot.adapters.listener import HttpListener

EVENTS_PATH = "/slack/events"


class SlackHttpServer:
    """Serves Bolt's request dispatch at :data:`EVENTS_PATH` on ``listener``."""

    def __init__(
        self,
        listener: HttpListener,
        *,
        signing_secret: str,
        clock: Clock | None = None,
    ) -> None:
        self.listener = listener
        self._verifier = SignatureVerifier(signing_secret, clock or Clock())
        self._app: AsyncApp | None = None
        listener.add_route(EVENTS_PATH, self.handle, label="Slack")

    async def start(self, app: AsyncApp) -> None:
        """Dispatch to ``app`` (the listener binds its port if no other adapter has yet)."""
        await self.listener.start()
        self._app = app

    async def stop(self) -> None:
        if self._app is not None:
            self._app = None
            await self.listener.stop()

    @property
    def url(self) -> str:
        """The events URL actually listened on (with the chosen port)."""
        if not self.listener.running:
            raise RuntimeError("the Slack HTTP server is not running")
        return f"{self.listener.url}{EVENTS_PATH}"

    async def handle(self, request: web.Request) -> web.Response:
        """Verify the signature, then let Bolt dispatch (it acks within 3 seconds)."""
        body = await request.read()
        timestamp = request.headers.get("X-Slack-Request-Timestamp")
        signature = request.headers.get("X-Slack-Signature")
        try:
            valid = self._verifier.is_valid(body, timestamp, signature)
        except ValueError:  # a timestamp that is not a number
            valid = False
        if not valid:
            return web.json_response({"error": "invalid request signature"}, status=401)
        if self._app is None:  # Slack retries later; nothing is lost
            return web.json_response({"error": "the Slack adapter is not running"}, status=503)
        bolt_request = AsyncBoltRequest(
            body=body.decode("utf-8", errors="replace"),
            query=request.query_string,
            headers=dict(request.headers),
        )
        return await to_aiohttp_response(await self._app.async_dispatch(bolt_request))
