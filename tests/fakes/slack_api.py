"""A fake Slack on 127.0.0.1: the Web API the bot calls, and the signed requests Slack sends.

:class:`FakeSlackApi` is an aiohttp server that records every Web API call and
``response_url`` post, answers like Slack, and can be told to fail the next
call of a method (429 with ``Retry-After``, 500, or ``{"ok": false, "error": …}``);
a ``chat.postMessage`` the real API refuses (too many blocks, an empty or over-long
section) is refused the same way (:mod:`tests.fakes.slack_rules`).
:class:`SlackSender` plays Slack's side of HTTP mode: it signs slash commands and
Events API callbacks with ``v0:{timestamp}:{body}`` HMAC-SHA256, as Slack does.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

from tests.fakes.slack_rules import refusal

BOT_USER = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM = "T0TEAM01"


@dataclass
class Call:
    """One request the fake received."""

    method: str
    """Web API method (``chat.postMessage``) or ``response_url:<id>``."""
    params: dict[str, Any]
    token: str | None


@dataclass
class Failure:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    body: str | None = None
    """A raw (non-JSON) body to answer with, as a broken proxy would."""


@dataclass
class FakeSlackApi:
    """The Slack Web API, recording calls; start with ``await fake.start()``."""

    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    _failures: dict[str, list[Failure]] = field(default_factory=dict)
    _ts: itertools.count = field(default_factory=lambda: itertools.count(1))
    _changed: asyncio.Condition | None = None
    _runner: web.AppRunner | None = None
    _socket_session: web.WebSocketResponse | None = None
    port: int = 0

    async def start(self) -> FakeSlackApi:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{hook}", self._response_url)
        app.router.add_get("/socket", self._socket)
        self._changed = asyncio.Condition()
        self._runner = web.AppRunner(app, access_log=None)  # the fake logs nothing of its own
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """What ``BRIEFBOT_SLACK_API_URL`` points at."""
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, hook: str = "hook1") -> str:
        return f"http://127.0.0.1:{self.port}/response/{hook}"

    def fail_next(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        body: str | None = None,
    ) -> None:
        """Make the next call of ``method`` fail as described (queued, one per call)."""
        failure = Failure(status, error, retry_after, body)
        self._failures.setdefault(method, []).append(failure)

    def of(self, method: str) -> list[Call]:
        """Recorded calls of one method, in order."""
        return [call for call in self.calls if call.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until ``count`` calls of ``method`` arrived (a guard timeout, not a sleep)."""
        assert self._changed is not None

        async def arrived() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.of(method)) >= count)

        await asyncio.wait_for(arrived(), timeout)
        return self.of(method)

    async def _record(self, call: Call) -> None:
        assert self._changed is not None
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _params(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") or params.get("token")
        await self._record(Call(method, params, token))
        queued = self._failures.get(method)
        if queued:
            failure = queued.pop(0)
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
            if failure.body is not None:
                return web.Response(status=failure.status, text=failure.body)
            if failure.status >= 500:
                return web.Response(status=failure.status, text="upstream trouble")
            body = {"ok": False, "error": failure.error or "ratelimited"}
            return web.json_response(body, status=failure.status, headers=headers)
        refused = refusal(params) if method == "chat.postMessage" else None
        if refused is not None:  # what the real API refuses, the fake refuses too
            error, messages = refused
            metadata = {"messages": messages}
            return web.json_response({"ok": False, "error": error, "response_metadata": metadata})
        return web.json_response(self._answer(method, params))

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER, "bot_id": BOT_ID, "team_id": TEAM}
        if method == "chat.postMessage":
            ts = f"1700000000.{next(self._ts):06d}"
            return {"ok": True, "channel": params.get("channel"), "ts": ts}
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}
        if method == "users.info":
            user = self.users.get(str(params.get("user")))
            if user is None:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "user": {"id": params.get("user"), **user}}
        return {"ok": True}

    async def push(self, envelope: dict[str, Any]) -> None:
        """Socket Mode: send an envelope to the connected app (after ``socket_connect``)."""
        assert self._socket_session is not None, "no Socket Mode connection"
        await self._socket_session.send_json(envelope)

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        """Socket Mode: say hello, then record every message (acks) the app sends."""
        session = web.WebSocketResponse()
        await session.prepare(request)
        self._socket_session = session
        await session.send_json({"type": "hello", "num_connections": 1})
        await self._record(Call("socket_connect", {}, None))
        async for message in session:
            if message.type == aiohttp.WSMsgType.TEXT:
                await self._record(Call("socket_ack", json.loads(message.data), None))
        return session

    async def _response_url(self, request: web.Request) -> web.Response:
        await self._record(
            Call(f"response_url:{request.match_info['hook']}", await request.json(), None)
        )
        return web.Response(text="ok")


async def _params(request: web.Request) -> dict[str, Any]:
    if request.method == "GET":
        return dict(request.query)
    if request.content_type == "application/json":
        return dict(await request.json())
    return dict(await request.post())


Clock = Callable[[], float]


@dataclass
class SlackSender:
    """Slack's side of HTTP mode: posts signed requests to the bot's ``/slack/events``."""

    url: str
    signing_secret: str
    clock: Clock = time.time
    _events: int = 0
    _commands: int = 0

    def sign(self, body: str, timestamp: int) -> str:
        base = f"v0:{timestamp}:{body}".encode()
        digest = hmac.new(self.signing_secret.encode(), base, hashlib.sha256).hexdigest()
        return f"v0={digest}"

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        signed: bool = True,
        age: float = 0.0,
        retry: int | None = None,
    ) -> tuple[int, str]:
        """Post ``body``; ``age`` seconds back-dates the timestamp; ``retry`` marks it as
        Slack's retry number N (``X-Slack-Retry-Num``). Returns (status, text)."""
        headers = {"Content-Type": content_type}
        if retry is not None:
            headers["X-Slack-Retry-Num"] = str(retry)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        if signed:
            timestamp = int(self.clock() - age)
            headers["X-Slack-Request-Timestamp"] = str(timestamp)
            headers["X-Slack-Signature"] = self.sign(body, timestamp)
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.url, data=body.encode(), headers=headers) as response,
        ):
            return response.status, await response.text()

    async def slash_command(
        self,
        text: str,
        *,
        channel_id: str = "C0NEWS001",
        channel_name: str = "news",
        user_id: str = "U0ALICE01",
        response_url: str = "http://127.0.0.1:9/unused",
        command: str = "/brief",
        **options: Any,
    ) -> tuple[int, str]:
        """A slash command; each has its own ``trigger_id``, as Slack gives it."""
        self._commands += 1
        form = {
            "token": "legacy-unused",
            "team_id": TEAM,
            "channel_id": channel_id,
            "channel_name": channel_name,
            "user_id": user_id,
            "user_name": "alice",
            "command": command,
            "text": text,
            "response_url": response_url,
            "trigger_id": f"1.2.{self._commands}",
            "api_app_id": "A0APP0001",
        }
        body = urlencode(form)
        return await self.post(body, "application/x-www-form-urlencoded", **options)

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, **options: Any
    ) -> tuple[int, str]:
        """An Events API ``event_callback`` wrapping ``event`` (a fresh ``event_id`` each)."""
        self._events += 1
        envelope = {
            "token": "legacy-unused",
            "team_id": TEAM,
            "api_app_id": "A0APP0001",
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{self._events:07d}",
            "event_time": int(self.clock()),
            "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
        }
        return await self.post(json.dumps(envelope), "application/json", **options)
