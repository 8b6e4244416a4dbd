"""The Telegram adapter end to end: real python-telegram-bot against the fake Bot API."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.adapters.telegram import TelegramAdapter
from bot.chat import ChatRef
from bot.commands import COMMANDS, CommandCore
from bot.commands.briefs import render_digest
from bot.document import Reply
from bot.render import telegram as telegram_html
from bot.subscriptions import SubscriptionBook
from tests.fakes.service import NOW, FakeService
from tests.fakes.telegram_api import TOKEN, FakeTelegram, visible_text

# PTB itself warns, on building RetryAfter, that retry_after will become a timedelta.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

GROUP = -100123


@pytest.fixture
def adapter(polling_telegram: TelegramAdapter) -> TelegramAdapter:
    return polling_telegram


async def ask(telegram: FakeTelegram, text: str, **where: Any) -> dict[str, Any]:
    """Queue one message and return the single reply the bot sent."""
    before = len(telegram.calls("sendMessage"))
    telegram.queue_message(text, **where)
    sent = await telegram.wait_for("sendMessage", before + 1)
    return sent[before]


async def test_start_up_logs_in_registers_commands_and_polls(
    telegram: FakeTelegram, adapter: TelegramAdapter
) -> None:
    await telegram.wait_for("getUpdates")
    methods = [r.method for r in telegram.requests]
    assert methods[:4] == ["getMe", "setMyCommands", "deleteWebhook", "getUpdates"]
    [registered] = telegram.calls("setMyCommands")
    assert registered["commands"] == [
        {"command": c.name, "description": c.summary} for c in COMMANDS
    ]
    assert telegram.calls("getUpdates")[0]["allowed_updates"] == ["message", "channel_post"]
    assert adapter.username == "briefbot_test_bot"
    assert adapter.command_prefix == "/"


async def test_a_failing_command_menu_does_not_stop_the_bot(
    telegram: FakeTelegram, book: SubscriptionBook, service: FakeService
) -> None:
    telegram.fail_next("setMyCommands", status=500, description="Internal Server Error")
    bot = TelegramAdapter(TOKEN, api_url=telegram.base_url, poll_timeout=5)
    await bot.start(CommandCore(service, book, clock=lambda: NOW).handler_for(bot))
    try:
        sent = await ask(telegram, "/sources")
    finally:
        await bot.stop()
    assert sent["text"].startswith("<b>2 outlets")


PRIVATE_ANSWERS = {
    "/who Witkoff": (
        "<b>Steve Witkoff — US special envoy</b>\n"
        "<i>In 2 articles from 2 outlets, 02 Mar 2026 to 02 Mar 2026.</i>\n\n"
        "<b>Lately</b>\n"
        "• Witkoff landed in Cairo on Monday. — "
        '<a href="https://one.example/a1"><i>Wire One</i></a>\n\n'
        "<b>Quotes</b>\n"
        "• “We are here to get a deal done” — "
        '<a href="https://two.example/a2"><i>Daily Two</i></a>\n\n'
        "<b>Mentioned with: </b>Cairo"
    ),
    "/search rates": (
        "<b>Articles about rates</b>\n"
        '<a href="https://two.example/a3">Bank holds rates at 4%</a> — '
        "<i>Daily Two, 02 Mar 2026</i>\n\n"
        "…Bank holds rates at 4%…"
    ),
    "/sources": (
        "<b>2 outlets, 3 articles</b>\n"
        "• <b>Daily Two</b>: 2 articles, latest 02 Mar 2026\n"
        "• <b>Wire One</b>: 1 article, latest 02 Mar 2026"
    ),
    "/subscribe 06:45 <b>Gaza</b>": (
        "Subscribed: a daily briefing at <b>06:45 UTC</b> about &lt;b&gt;Gaza&lt;/b&gt;.\n\n"
        "Change the time zone with /timezone Area/City, see /settings, stop with /unsubscribe."
    ),
    "/unsubscribe": "This chat has no subscription. Start one with /subscribe.",
    "/timezone Europe/Paris": "Time zone set to <b>Europe/Paris</b>.",
    "/timezone Mars/Base": (
        "I don't know the time zone <code>Mars/Base</code>.\n\n"
        "Use an IANA name like Europe/Berlin, America/New_York, Asia/Tokyo or UTC."
    ),
    "/settings": (
        "No subscription here yet; time zone UTC.\n\n"
        "Start one with /subscribe [HH:MM] [topic words]."
    ),
    "/story 1": (
        "There is no story 1 in this chat's last digest.\n\n"
        "Send /digest first, then /story with a number from it."
    ),
    "/help story": "<code>/story N</code> — story N of the last digest in full",
    "/who": "This command needs an argument. Usage: <code>/who NAME</code>",
    "/frobnicate <now>": (
        "I don't know <code>/frobnicate</code>. Try one of: /digest, /story, /who, /search,"
        " /sources, /subscribe, /unsubscribe, /settings, /timezone, /help, /start"
    ),
    "/fr<o>b & co": (
        "I don't know <code>/fr&lt;o&gt;b</code>. Try one of: /digest, /story, /who, /search,"
        " /sources, /subscribe, /unsubscribe, /settings, /timezone, /help, /start"
    ),
    "/search " + "<x>&" * 60: (
        "That is too long (at most 200 characters). Usage: <code>/search QUERY</code>"
    ),
}


@pytest.mark.parametrize("command", list(PRIVATE_ANSWERS), ids=lambda text: text[:20])
async def test_each_command_in_a_private_chat(
    telegram: FakeTelegram, adapter: TelegramAdapter, command: str
) -> None:
    sent = await ask(telegram, command, chat_id=42)
    assert sent == {
        "chat_id": 42,
        "text": PRIVATE_ANSWERS[command],
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
    }


async def test_a_failing_service_gets_a_polite_answer(
    telegram: FakeTelegram, adapter: TelegramAdapter, service: FakeService
) -> None:
    def broken(name: str) -> None:
        raise RuntimeError("model <exploded> & burned")

    service.who = broken  # type: ignore[method-assign]
    sent = await ask(telegram, "/who Witkoff")
    assert sent["text"] == (
        "Something went wrong while answering /who. It has been logged; please try later."
    )


async def test_digest_then_story_and_start_and_help(
    telegram: FakeTelegram, adapter: TelegramAdapter
) -> None:
    digest = await ask(telegram, "/digest")
    assert digest["text"].startswith(
        "<b>Top stories since Sun 01 Mar, 09:00 UTC</b>\n\n"
        "<b>1. Envoy Witkoff arrives for truce talks</b><b><i> (new)</i></b>\n"
        "• Steve Witkoff landed in Cairo on Monday. — "
        '<a href="https://one.example/a1"><i>Wire One</i></a>\n'
    )
    assert digest["text"].endswith("<i>1 outlet: Daily Two</i> · more: /story 2")
    story = await ask(telegram, "/story 2")
    assert story["text"] == (
        "<b>Central bank holds rates</b>\n"
        "• The bank kept its rate at 4% &amp; signalled patience. — "
        '<a href="https://two.example/a3"><i>Daily Two</i></a>\n\n'
        "<b>Coverage (1 article)</b>\n"
        '• <i>Daily Two</i>: <a href="https://two.example/a3">Bank holds rates at 4%</a>,'
        " 02 Mar 2026\n\n"
        "<i>Latest article Mon 02 Mar, 07:00 UTC</i>"
    )
    start = await ask(telegram, "/start", first_name="Ann <3")
    assert start["text"].startswith("<b>Hello, Ann &lt;3!</b>\nI read the news folder")
    help_ = await ask(telegram, "/help")
    assert help_["text"].startswith(
        "<b>Commands</b>\n• <code>/digest</code> — today's top stories, with your topics\n"
    )
    assert help_["text"].count("\n• ") == len(COMMANDS)


async def test_group_commands_with_the_bot_name_reply_in_the_forum_topic(
    telegram: FakeTelegram, adapter: TelegramAdapter
) -> None:
    sent = await ask(
        telegram, "/sources@briefbot_test_bot", chat_id=GROUP, chat_type="supergroup", thread_id=7
    )
    assert (sent["chat_id"], sent["message_thread_id"]) == (GROUP, 7)
    assert sent["text"].startswith("<b>2 outlets, 3 articles</b>")
    who = await ask(telegram, "/who@briefbot_test_bot\nWitkoff", chat_id=GROUP, chat_type="group")
    assert who["text"].startswith("<b>Steve Witkoff — US special envoy</b>")


async def test_commands_for_another_bot_are_ignored(
    telegram: FakeTelegram, adapter: TelegramAdapter
) -> None:
    telegram.queue_message("/who@other_bot Witkoff", chat_id=GROUP, chat_type="supergroup")
    sent = await ask(telegram, "/unsubscribe@BriefBot_Test_Bot", chat_id=GROUP, chat_type="group")
    assert len(telegram.calls("sendMessage")) == 1
    assert sent["text"] == "Only this chat's administrators can change its subscription."


async def test_only_group_administrators_change_the_subscription(
    telegram: FakeTelegram, adapter: TelegramAdapter, book: SubscriptionBook
) -> None:
    group = {"chat_id": GROUP, "chat_type": "supergroup"}
    refused = await ask(telegram, "/subscribe 07:00", user_id=5, **group)
    assert refused["text"] == "Only this chat's administrators can change its subscription."
    assert telegram.calls("getChatMember") == [{"chat_id": GROUP, "user_id": 5}]
    telegram.members[(GROUP, 6)] = "administrator"
    telegram.members[(GROUP, 7)] = "creator"
    admin = await ask(telegram, "/subscribe 07:00", user_id=6, **group)
    assert admin["text"].startswith("Subscribed: a daily briefing at <b>07:00 UTC</b>")
    creator = await ask(telegram, "/timezone Asia/Tokyo", user_id=7, **group)
    assert creator["text"] == "Time zone set to <b>Asia/Tokyo</b>."
    sub = book.get(adapter_chat(GROUP))
    assert sub is not None and sub.timezone == "Asia/Tokyo"
    reading = await ask(telegram, "/settings", user_id=5, **group)
    assert "• <b>Time: </b>07:00 Asia/Tokyo" in reading["text"]


async def test_a_channel_post_speaks_for_the_channel(
    telegram: FakeTelegram, adapter: TelegramAdapter
) -> None:
    sent = await ask(
        telegram, "/subscribe 09:00", chat_id=-100777, chat_type="channel", user_id=None
    )
    assert sent["chat_id"] == -100777
    assert sent["text"].startswith("Subscribed: a daily briefing at <b>09:00 UTC</b>")
    assert telegram.calls("getChatMember") == []


async def test_a_long_hostile_digest_arrives_whole_in_several_messages(
    telegram: FakeTelegram, adapter: TelegramAdapter, service: FakeService
) -> None:
    hostile = "<script>x</script> & *bold* _it_ `c` 😀👍🏽🇩🇪 "
    story = service.stories[0]
    points = [
        replace(p, text=f"{i}: " + (p.text + hostile) * 30) for i, p in enumerate(story.points * 4)
    ]
    service.stories = tuple(replace(story, id=20 + n, points=points) for n in range(5))
    telegram.queue_message("/digest")
    await telegram.wait_for("sendMessage", 2)
    await adapter.stop()  # every reply of the update has been sent once stop returns
    sent = telegram.calls("sendMessage")
    assert len(sent) >= 5
    assert all(len(m["text"].encode("utf-16-le")) // 2 <= 4096 for m in sent)
    assert all(m["chat_id"] == 42 and m["parse_mode"] == "HTML" for m in sent)
    received = "".join(visible_text(m["text"]) for m in sent)
    [whole] = telegram_html.render(digest_reply(service), limit=10**9)
    assert received == visible_text(whole)
    # a digest shows each story's strongest point (these run past its 300 words alone)
    assert received.count("<script>x</script> & *bold* _it_ `c` 😀👍🏽🇩🇪") == 5 * 1 * 30


def digest_reply(service: FakeService) -> Reply:
    """What /digest answers, as one reply (to compare with what arrived in parts)."""
    articles = {i: service.article(i) for i in (1, 2, 3)}
    since = NOW - timedelta(hours=24)
    return render_digest(service.stories, articles, since=since, zone=ZoneInfo("UTC"))


async def test_a_rate_limited_reply_waits_as_told_then_is_sent(
    telegram: FakeTelegram, adapter: TelegramAdapter, sleeps: list[float]
) -> None:
    telegram.fail_next("sendMessage", status=429, description="Too Many Requests", retry_after=3)
    telegram.queue_message("/sources")
    sent = await telegram.wait_for("sendMessage", 2)
    assert sleeps == [3.0]
    assert sent[0] == sent[1]


def adapter_chat(chat_id: int, thread: str | None = None) -> ChatRef:
    return ChatRef("telegram", str(chat_id), thread)
