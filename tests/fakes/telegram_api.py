"""A fake Telegram Bot API: an aiohttp server on 127.0.0.1 with an ephemeral port.

Point python-telegram-bot at :attr:`FakeTelegram.base_url` (PTB appends the
token). Every request is recorded; updates queued with :meth:`queue_message`
are served by ``getUpdates`` (long polling wakes up as soon as one is queued);
:meth:`fail_next` injects the errors Telegram really returns. ``sendMessage`` text that
the real API refuses (broken HTML, blank, too long) is refused the same way
(:mod:`tests.fakes.telegram_rules`).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

from tests.fakes.telegram_rules import refusal

TOKEN = "123456:TEST-token"
BOT_ID = 999
BOT_USERNAME = "briefbot_test_bot"
ANONYMOUS_ADMIN_BOT = 1087968824
"""GroupAnonymousBot: Telegram's placeholder ``from`` of a message an anonymous administrator
sends on behalf of the group."""
CHANNEL_BOT = 136817688
"""Channel_Bot: the placeholder ``from`` of a message a channel sends into a group."""
DATE = 1_772_434_800  # 2026-03-02 07:00 UTC

_STRING_PARAMS = {"text", "parse_mode", "url", "secret_token", "description", "language_code"}


@dataclass(frozen=True)
class Recorded:
    """One request the bot made: the method, its decoded parameters, when it arrived."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    """``time.monotonic()`` on arrival (for benches; tests never compare times)."""


@dataclass
class _Failure:
    status: int
    description: str
    parameters: dict[str, Any] | None
    count: int
    skip: int = 0
    """Calls answered normally before this failure starts."""
    body: str | None = None
    """A raw (non-JSON) body to answer with instead of Telegram's error object."""


@dataclass
class FakeTelegram:
    """The fake server; use as ``async with FakeTelegram() as telegram:``."""

    token: str = TOKEN
    username: str = BOT_USERNAME
    requests: list[Recorded] = field(default_factory=list)
    members: dict[tuple[int, int], str] = field(default_factory=dict)
    """``(chat_id, user_id) -> status`` for getChatMember; "member" when absent."""
    anonymous: set[tuple[int, int]] = field(default_factory=set)
    """``(chat_id, user_id)`` of administrators who post anonymously (as the group)."""

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(100)
        self._failures: dict[str, list[_Failure]] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.port = 0

    async def __aenter__(self) -> FakeTelegram:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)  # the fake logs nothing of its own
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._closing = True  # pending long polls return at once
        await self._notify()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # ---- what tests set up

    def queue_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (``update_id`` is added); returns its id."""
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **update})
        asyncio.get_running_loop().create_task(self._notify())
        return update_id

    def queue_message(
        self,
        text: str,
        *,
        chat_id: int = 42,
        chat_type: str = "private",
        user_id: int | None = 42,
        thread_id: int | None = None,
        first_name: str = "Ann",
        sender_chat: dict[str, Any] | None = None,
    ) -> int:
        """Queue a text message (a command gets its ``bot_command`` entity) as Telegram would;
        ``sender_chat``: sent on behalf of that chat (with ``user_id`` as Telegram's placeholder
        sender, e.g. :data:`ANONYMOUS_ADMIN_BOT`, or None for none at all)."""
        return self.queue_update(
            {
                "channel_post" if chat_type == "channel" else "message": message_json(
                    text,
                    chat_id=chat_id,
                    chat_type=chat_type,
                    user_id=user_id,
                    thread_id=thread_id,
                    first_name=first_name,
                    sender_chat=sender_chat,
                )
            }
        )

    def fail_next(
        self,
        method: str,
        *,
        status: int,
        description: str,
        retry_after: int | None = None,
        count: int = 1,
        skip: int = 0,
        body: str | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` fail like Telegram does, after ``skip``
        calls that succeed; ``body`` answers with that raw text instead (a broken proxy)."""
        parameters = {"retry_after": retry_after} if retry_after is not None else None
        failure = _Failure(status, description, parameters, count, skip, body)
        self._failures.setdefault(method, []).append(failure)

    # ---- what tests read

    def calls(self, method: str) -> list[dict[str, Any]]:
        """The parameters of every recorded call of ``method``, in order."""
        return [r.params for r in self.requests if r.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict]:
        """Wait until ``method`` was called ``count`` times (a guard, not a sleep)."""

        async def enough() -> list[dict[str, Any]]:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.calls(method)) >= count)
            return self.calls(method)

        return await asyncio.wait_for(enough(), timeout)

    async def wait_fetched(self, timeout: float = 10.0) -> None:
        """Wait until the bot has confirmed every update queued so far (its next
        ``getUpdates`` offset is past them); they are then in its own queue."""
        last = max((u["update_id"] for u in self._updates), default=0)

        def confirmed() -> bool:
            return any(int(c.get("offset") or 0) > last for c in self.calls("getUpdates"))

        async def wait() -> None:
            async with self._changed:
                await self._changed.wait_for(confirmed)

        await asyncio.wait_for(wait(), timeout)

    # ---- the server

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _params(request)
        self.requests.append(Recorded(method, params))
        await self._notify()
        failures = self._failures.get(method)
        if failures and failures[0].skip > 0:
            failures[0].skip -= 1
        elif failures:
            failure = failures[0]
            failure.count -= 1
            if failure.count <= 0:
                failures.pop(0)
            if failure.body is not None:
                return web.Response(status=failure.status, text=failure.body)
            return _error(failure.status, failure.description, failure.parameters)
        if method == "getUpdates":
            return _ok(await self._get_updates(params))
        if method == "sendMessage":  # what the real API refuses, the fake refuses too
            refused = refusal(str(params.get("text", "")), params.get("parse_mode"))
            if refused is not None:
                return _error(400, refused)
        handler = getattr(self, f"_api_{method}", None)
        return _ok(handler(params) if handler else True)

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        timeout = float(params.get("timeout") or 0)
        if not self._updates and timeout > 0:
            async with self._changed:
                try:
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: bool(self._updates) or self._closing),
                        timeout,
                    )
                except TimeoutError:
                    return []
        return list(self._updates)

    def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Briefbot",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params["chat_id"]
        message = {
            "message_id": next(self._message_ids),
            "date": DATE,
            "chat": {"id": chat_id, "type": "private" if int(chat_id) > 0 else "supergroup"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Briefbot"},
            "text": params.get("text", ""),
        }
        if params.get("message_thread_id"):
            message["message_thread_id"] = params["message_thread_id"]
        return message

    def _api_getChatMember(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._member(int(params["chat_id"]), int(params["user_id"]))

    def _api_getChatAdministrators(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        chat_id = int(params["chat_id"])
        return [
            self._member(chat, user)
            for (chat, user), status in self.members.items()
            if chat == chat_id and status in ("creator", "administrator")
        ]

    def _member(self, chat_id: int, user_id: int) -> dict[str, Any]:
        user = {"id": user_id, "is_bot": False, "first_name": "Someone"}
        status = self.members.get((chat_id, user_id), "member")
        member: dict[str, Any] = {"status": status, "user": user}
        if status == "creator":
            member["is_anonymous"] = False
        if status == "administrator":
            member.update(dict.fromkeys(_ADMIN_RIGHTS, False))
        if status in ("creator", "administrator"):
            member["is_anonymous"] = (chat_id, user_id) in self.anonymous
        return member


_ADMIN_RIGHTS = (
    "can_be_edited",
    "is_anonymous",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)


def message_json(
    text: str,
    *,
    chat_id: int,
    chat_type: str,
    user_id: int | None,
    thread_id: int | None = None,
    first_name: str = "Ann",
    sender_chat: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A Telegram ``Message`` object as JSON (``user_id`` None: no ``from``, and sent on behalf
    of the chat itself unless ``sender_chat`` names another)."""
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = first_name
    else:
        chat["title"] = "News room"
    if thread_id is not None:
        chat["is_forum"] = True
    message: dict[str, Any] = {"message_id": 7, "date": DATE, "chat": chat, "text": text}
    if user_id is not None:
        message["from"] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if sender_chat is not None:
        message["sender_chat"] = sender_chat
    elif user_id is None:
        message["sender_chat"] = dict(chat)
    if thread_id is not None:
        message["message_thread_id"] = thread_id
        message["is_topic_message"] = True
    if text.startswith("/"):
        command = text.split()[0]
        length = len(command.encode("utf-16-le")) // 2
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return message


class _Visible(HTMLParser):
    """Collects the text of Telegram HTML and checks that its tags are balanced."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"unbalanced </{tag}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible_text(html: str) -> str:
    """What a Telegram user sees of one HTML message; asserts tags and entities are whole."""
    assert re.search(r"&(?![a-z]+;|#\d+;)", html) is None, "a raw & or a broken entity"
    parser = _Visible()
    parser.feed(html)
    parser.close()
    assert parser.open == [], f"unclosed tags {parser.open}"
    return "".join(parser.text)


async def _params(request: web.Request) -> dict[str, Any]:
    """Parameters as PTB sends them: form fields whose non-string values are JSON."""
    if request.content_type == "application/json":
        return dict(await request.json())
    form = await request.post()
    params: dict[str, Any] = {}
    for key, value in form.items():
        if key in _STRING_PARAMS or not isinstance(value, str):
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)
