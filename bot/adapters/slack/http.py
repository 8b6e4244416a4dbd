"""HTTP mode: an aiohttp server on ``/slack/events`` that checks Slack's signature first.

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

EVENTS_PATH = "/slack/events"


class SlackHttpServer:
    """Serves Bolt's request dispatch on ``host:port`` (port 0 picks a free one)."""

    def __init__(
        self,
        app: AsyncApp,
        *,
        signing_secret: str,
        host: str,
        port: int,
        clock: Clock | None = None,
    ) -> None:
        self._app = app
        self._verifier = SignatureVerifier(signing_secret, clock or Clock())
        self._host, self._port = host, port
        self._runner: web.AppRunner | None = None

    def web_app(self) -> web.Application:
        """The aiohttp application, for mounting beside other routes."""
        application = web.Application()
        application.router.add_post(EVENTS_PATH, self.handle)
        return application

    async def start(self) -> None:
        self._runner = web.AppRunner(self.web_app(), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self._host, self._port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        """The events URL actually listened on (with the chosen port)."""
        if self._runner is None:
            raise RuntimeError("the Slack HTTP server is not running")
        host, port = self._runner.addresses[0][:2]
        return f"http://{host}:{port}{EVENTS_PATH}"

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
        bolt_request = AsyncBoltRequest(
            body=body.decode("utf-8", errors="replace"),
            query=request.query_string,
            headers=dict(request.headers),
        )
        return await to_aiohttp_response(await self._app.async_dispatch(bolt_request))
