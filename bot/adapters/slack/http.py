"""HTTP mode: ``/slack/events`` on an :class:`HttpListener`, checking Slack's signature first.

Every request must carry ``X-Slack-Signature`` = ``v0=`` HMAC-SHA256 of
``v0:{timestamp}:{body}`` under the signing secret, with a timestamp at most five
minutes from now; anything else is answered 401 before Bolt sees it. A signed request
sent again while its timestamp is still accepted (a replay: same signature, timestamp and
body) is acknowledged and not run again. The clock is injected
(``slack_sdk.signature.Clock``) so tests never depend on real time.
"""

from __future__ import annotations

import heapq
import logging

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import Clock, SignatureVerifier

from bot.adapters.listener import HttpListener

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
ACCEPTED_AGE = 5 * 60
"""Seconds a request's timestamp is accepted either side of now (slack_sdk's window)."""


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
        self._clock = clock or Clock()
        self._verifier = SignatureVerifier(signing_secret, self._clock)
        self._signatures: set[str] = set()
        self._expiry: list[tuple[float, str]] = []
        """Signatures seen, each forgotten once its timestamp is no longer accepted."""
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
        if self._replayed(str(signature), float(str(timestamp))):
            log.warning("a replayed Slack request was acknowledged and not run again")
            return web.Response(status=200)
        if self._app is None:  # Slack retries later; nothing is lost
            return web.json_response({"error": "the Slack adapter is not running"}, status=503)
        bolt_request = AsyncBoltRequest(
            body=body.decode("utf-8", errors="replace"),
            query=request.query_string,
            headers=dict(request.headers),
        )
        return await to_aiohttp_response(await self._app.async_dispatch(bolt_request))

    def _replayed(self, signature: str, timestamp: float) -> bool:
        """Whether this signature was seen already; remembers it while it could come again."""
        now = self._clock.now()
        while self._expiry and self._expiry[0][0] < now:
            self._signatures.discard(heapq.heappop(self._expiry)[1])
        if signature in self._signatures:
            return True
        self._signatures.add(signature)
        heapq.heappush(self._expiry, (timestamp + ACCEPTED_AGE, signature))
        return False
