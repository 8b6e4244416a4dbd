"""One HTTP listener for every adapter that receives over HTTP (Telegram webhook, Slack HTTP mode).

Adapters add their POST route when they are built, then :meth:`HttpListener.start` and
:meth:`HttpListener.stop` it like a shared resource: the first start binds ``host:port``,
the last stop closes it. Two routes on one path are refused when the second is added, naming
the setting that chooses the path. ``GET /healthz`` answers ``ok`` for reverse proxies.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from bot.settings import ConfigError

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Route:
    """A POST route: who serves it, and the setting that chose its path (if any)."""

    path: str
    handler: Handler
    label: str
    setting: str | None = None


class HttpListener:
    """An aiohttp server on ``host:port`` (port 0 picks a free one) shared by the adapters."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.routes: dict[str, Route] = {}
        self._runner: web.AppRunner | None = None
        self._users = 0

    def add_route(
        self, path: str, handler: Handler, *, label: str, setting: str | None = None
    ) -> None:
        """Serve POST ``path`` with ``handler``; a path already taken is a :class:`ConfigError`."""
        if self._runner is not None:
            raise RuntimeError(f"the HTTP listener is already running; cannot add {path}")
        new = Route(path, handler, label, setting)
        taken = self.routes.get(path) or (
            Route(path, handler, "the health check") if path == HEALTH_PATH else None
        )
        if taken is not None:
            raise ConfigError(_clash(taken, new, f"{self.host}:{self.port}"))
        self.routes[path] = new

    async def start(self) -> None:
        """Listen (on the first call); every call must be matched by one :meth:`stop`."""
        if self._runner is None:
            runner = web.AppRunner(self._application(), access_log=None)
            await runner.setup()
            try:
                await web.TCPSite(runner, self.host, self.port).start()
            except OSError as error:
                await runner.cleanup()
                raise ConfigError(
                    f"cannot listen on {self.host}:{self.port} "
                    f"(BRIEFBOT_HTTP_HOST:BRIEFBOT_HTTP_PORT): {_reason(error)}"
                ) from error
            self._runner = runner
            log.info("HTTP listener on %s: %s", self.address, self.describe())
        self._users += 1

    async def stop(self) -> None:
        """Release one :meth:`start`; the last one closes the port."""
        if self._users == 0:
            return
        self._users -= 1
        if self._users == 0 and self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def running(self) -> bool:
        return self._runner is not None

    @property
    def address(self) -> str:
        """``host:port`` actually listened on (with the chosen port)."""
        if self._runner is None:
            raise RuntimeError("the HTTP listener is not running")
        host, port = self._runner.addresses[0][:2]
        return f"{host}:{port}"

    @property
    def url(self) -> str:
        """``http://host:port`` actually listened on; routes are paths under it."""
        return f"http://{self.address}"

    def describe(self) -> str:
        """The routes served, e.g. ``/tg (Telegram webhook), /slack/events (Slack)``."""
        return ", ".join(f"{route.path} ({route.label})" for route in self.routes.values())

    def _application(self) -> web.Application:
        application = web.Application()
        for route in self.routes.values():
            application.router.add_post(route.path, route.handler)
        application.router.add_get(HEALTH_PATH, _healthy)
        return application


async def _healthy(request: web.Request) -> web.Response:
    return web.Response(text="ok")


def _clash(taken: Route, new: Route, where: str) -> str:
    """What the user reads when two routes want one path (the one to change named first)."""
    first, second = (taken, new) if taken.setting and not new.setting else (new, taken)
    change = f"change the path of {first.setting}" if first.setting else "each needs its own path"
    return (
        f"{first.label} and {second.label} would both be served at {new.path} "
        f"on the HTTP listener ({where}); {change}"
    )


def _reason(error: OSError) -> str:
    """``address already in use`` rather than asyncio's long wording around it."""
    return os.strerror(error.errno).lower() if error.errno else str(error)
