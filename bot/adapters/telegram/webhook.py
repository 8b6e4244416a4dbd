"""Telegram webhook updates received on an :class:`HttpListener` route (checks the secret token)."""

from __future__ import annotations

import hmac
import logging
import re
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.adapters.listener import HttpListener
from bot.settings import ConfigError

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
URL_SETTING = "BRIEFBOT_TELEGRAM_WEBHOOK_URL"
SECRET_SETTING = "BRIEFBOT_TELEGRAM_WEBHOOK_SECRET"
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
"""What Telegram accepts as ``secret_token`` (setWebhook)."""


def check_secret(secret: str | None) -> str:
    """The webhook's secret token; a :class:`ConfigError` naming the setting when it is
    missing (anyone who finds the URL could post updates as any user) or not one Telegram
    accepts."""
    if not secret:
        raise ConfigError(
            f"{SECRET_SETTING} is required in webhook mode ({URL_SETTING} is set): without it "
            "anyone who finds the URL can post updates as any user"
        )
    if _SECRET.fullmatch(secret) is None:
        raise ConfigError(f"{SECRET_SETTING}: use 1-256 characters of A-Z, a-z, 0-9, _ and -")
    return secret


class WebhookServer:
    """Serves the path of the public webhook URL on ``listener`` (shared with other adapters);
    refuses to be built without a secret token (:func:`check_secret`)."""

    def __init__(
        self,
        application: Application,
        *,
        url: str,
        secret: str | None,
        listener: HttpListener,
    ) -> None:
        self.application = application
        self.path = urlsplit(url).path or "/"
        self.listener = listener
        self._receiving = False
        listener.add_route(self.path, self._receive, label="Telegram webhook", setting=URL_SETTING)
        self.secret = check_secret(secret)  # after the path: a clash is named first

    async def start(self) -> None:
        """Accept updates (the listener binds its port if no other adapter has yet)."""
        await self.listener.start()
        self._receiving = True

    async def stop(self) -> None:
        if self._receiving:
            self._receiving = False
            await self.listener.stop()

    async def _receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook request with a wrong secret token refused")
            return web.Response(status=403, text="wrong secret token")
        if not self._receiving:  # Telegram retries later; nothing is lost
            return web.Response(status=503, text="the Telegram adapter is not running")
        try:
            update = Update.de_json(await request.json(), self.application.bot)
        except Exception:
            return web.Response(status=400, text="not a Telegram update")
        await self.application.update_queue.put(update)
        return web.Response(text="ok")
