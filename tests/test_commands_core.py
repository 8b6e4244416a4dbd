"""Every command through the real command core, as a user reads the answers (plain text)."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest

from bot.chat import ChatRef
from bot.render import telegram
from bot.subscriptions import SubscriptionBook
from summarizer.people.answer import WhoAnswer
from summarizer.service import Backlog
from tests.fakes.service import NOW, FakeService
from tests.fakes.testbot import TestBot

GROUP = ChatRef("telegram", "-100123")


def digests(service: FakeService) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    return [call for call in service.calls if call[0] == "digest"]


@pytest.fixture
def testbot(service: FakeService, book: SubscriptionBook) -> TestBot:
    return TestBot(service, book, clock=lambda: NOW, bot_names=["briefbot_test_bot"])


def test_start_greets_by_name_and_lists_the_commands(testbot: TestBot) -> None:
    answer = testbot.exec("/start", user_name="Ann")
    assert answer.startswith("Hello, Ann!\nI read the news folder")
    assert "• /who NAME — who someone is, from the articles" in answer


def test_help_lists_every_command_and_explains_one(testbot: TestBot) -> None:
    answer = testbot.exec("/help")
    for name in ("digest", "story", "who", "search", "sources", "subscribe", "unsubscribe"):
        assert f"• /{name}" in answer
    assert "/settings" in answer and "/timezone Area/City" in answer
    assert testbot.exec("/help who") == "/who NAME — who someone is, from the articles"
    assert testbot.exec("/help /story") == "/story N — story N of the last digest in full"


def test_digest_numbers_the_stories_and_cites_each_point(
    testbot: TestBot, service: FakeService
) -> None:
    answer = testbot.exec("/digest")
    assert answer == (
        "Top stories since Sun 01 Mar, 09:00 UTC\n\n"
        "1. Envoy Witkoff arrives for truce talks (new)\n"
        "• Steve Witkoff landed in Cairo on Monday. — Wire One (https://one.example/a1)\n"
        "• Talks are expected to last three days. — Daily Two (https://two.example/a2)"
        " (also Wire One)\n\n"
        "2 outlets: Wire One, Daily Two · more: /story 1\n\n"
        "2. Central bank holds rates\n"
        "• The bank kept its rate at 4% & signalled patience. — Daily Two"
        " (https://two.example/a3)\n\n"
        "1 outlet: Daily Two · more: /story 2"
    )
    assert digests(service) == [
        ("digest", (), {"since": NOW - timedelta(hours=24), "limit": None, "topic": None})
    ]


def test_digest_follows_the_subscription(
    testbot: TestBot, service: FakeService, book: SubscriptionBook
) -> None:
    testbot.exec("/subscribe 07:30 truce Gaza")
    testbot.exec("/settings stories 1")
    sub = book.get(testbot.chat)
    assert sub is not None
    book.mark_digest(sub.id, NOW - timedelta(hours=2))
    answer = testbot.exec("/digest")
    assert answer.startswith(
        "Top stories about truce, Gaza since Mon 02 Mar, 07:00 UTC\n\n1. Envoy"
    )
    assert "2. Central bank" not in answer
    # Each topic word is asked for on its own and the stories merged, as scheduled digests do.
    assert digests(service)[-2:] == [
        ("digest", (), {"since": NOW - timedelta(hours=2), "limit": 1, "topic": "truce"}),
        ("digest", (), {"since": NOW - timedelta(hours=2), "limit": 1, "topic": "Gaza"}),
    ]


def test_digest_with_nothing_new_says_so(testbot: TestBot, service: FakeService) -> None:
    service.stories = ()
    assert testbot.exec("/digest") == (
        "No new stories since Sun 01 Mar, 09:00 UTC.\n\n"
        "Try /search QUERY, or /sources to see what I have read."
    )


def test_digest_while_articles_wait_to_be_read_says_so_not_nothing(
    testbot: TestBot, service: FakeService
) -> None:
    """Right after start-up the stored articles are not in stories yet."""
    service.stories = ()
    service.unread = Backlog(people=5, stories=5)
    assert testbot.exec("/digest") == (
        "Still reading 5 new articles; ask again in a minute.\n\n"
        "Try /sources to see what I have read."
    )


def test_story_expands_a_story_of_the_last_digest(testbot: TestBot) -> None:
    assert testbot.exec("/story 1").startswith("There is no story 1 in this chat's last digest.")
    testbot.exec("/digest")
    answer = testbot.exec("/story 1")
    assert answer == (
        "Envoy Witkoff arrives for truce talks\n"
        "• Steve Witkoff landed in Cairo on Monday. — Wire One (https://one.example/a1)\n"
        "• Talks are expected to last three days. — Daily Two (https://two.example/a2)"
        " (also Wire One)\n\n"
        "Coverage (2 articles)\n"
        "• Wire One: Envoy lands in Cairo for truce talks (https://one.example/a1), 02 Mar 2026\n"
        "• Daily Two: Talks resume as envoy arrives (https://two.example/a2), 02 Mar 2026\n\n"
        "People: Steve Witkoff\n\n"
        "Ask about anyone with /who NAME.\n\n"
        "Latest article Mon 02 Mar, 07:00 UTC"
    )
    assert testbot.exec("/story 3").startswith("There is no story 3")
    assert testbot.exec("/story two") == (
        "Give the story's number from the last digest. Usage: /story N"
    )


def test_story_that_disappeared_asks_for_a_new_digest(
    testbot: TestBot, service: FakeService
) -> None:
    testbot.exec("/digest")
    service.stories = ()
    assert testbot.exec("/story 2") == "Story 2 is no longer available. Send /digest again."


def test_who_answers_from_the_articles(testbot: TestBot) -> None:
    assert testbot.exec("/who Witkoff") == (
        "Steve Witkoff — US special envoy\n"
        "In 2 articles from 2 outlets, 02 Mar 2026 to 02 Mar 2026.\n\n"
        "Lately\n"
        "• Witkoff landed in Cairo on Monday. — Wire One (https://one.example/a1)\n\n"
        "Quotes\n"
        "• “We are here to get a deal done” — Daily Two (https://two.example/a2)\n\n"
        "Mentioned with: Cairo"
    )


def test_who_unknown_ambiguous_and_missing_name(testbot: TestBot, service: FakeService) -> None:
    assert testbot.exec("/who Nobody") == (
        "I found nothing about Nobody in the articles.\n\n"
        "Check the spelling, or try /search Nobody."
    )
    service.people.append(
        WhoAnswer("found", "Jobs", name="Steve Jobs", kind="person", role="inventor", articles=1)
    )
    assert testbot.exec("/who steve") == (
        "Several names match steve. Which one?\n\n"
        "• Steve Witkoff (person, US special envoy; 2 articles)\n"
        "• Steve Jobs (person, inventor; 1 article)\n\n"
        "Ask again with the full name, e.g. /who Steve Witkoff."
    )
    assert testbot.exec("/who") == "This command needs an argument. Usage: /who NAME"


def test_who_while_articles_wait_to_be_indexed_says_so_not_nothing(
    testbot: TestBot, service: FakeService
) -> None:
    service.unread = Backlog(people=1, stories=0)
    assert testbot.exec("/who Nobody") == (
        "Nothing about Nobody in what I have read so far.\n\n"
        "Still reading 1 new article; ask again in a minute."
    )
    assert testbot.exec("/who Witkoff").startswith("Steve Witkoff — US special envoy\n")


def test_search_shows_outlet_and_date(testbot: TestBot) -> None:
    assert testbot.exec("/search envoy").startswith(
        "Articles about envoy\n"
        "Envoy lands in Cairo for truce talks (https://one.example/a1) — Wire One, 02 Mar 2026\n\n"
        "…Envoy lands in Cairo for truce talks…"
    )
    assert testbot.exec("/search volcano") == "No articles match volcano."


def test_sources_counts_articles_per_outlet(testbot: TestBot, service: FakeService) -> None:
    assert testbot.exec("/sources") == (
        "2 outlets, 3 articles\n"
        "• Daily Two: 2 articles, latest 02 Mar 2026\n"
        "• Wire One: 1 article, latest 02 Mar 2026"
    )
    service.stories = ()
    assert testbot.exec("/sources") == "No articles yet: put news files in the corpus folder."


def test_subscribe_settings_timezone_and_unsubscribe(testbot: TestBot) -> None:
    assert testbot.exec("/settings") == (
        "No subscription here yet; time zone UTC.\n\n"
        "Start one with /subscribe [HH:MM] [topic words]."
    )
    assert testbot.exec("/subscribe 7:05 markets").startswith(
        "Subscribed: a daily briefing at 07:05 UTC about markets."
    )
    assert testbot.exec("/timezone") == (
        "This chat's time zone is UTC.\n\n"
        "Change it with /timezone Area/City, e.g. /timezone Europe/Berlin."
    )
    assert testbot.exec("/timezone europe/berlin") == "Time zone set to Europe/Berlin."
    testbot.exec("/settings alerts on")
    assert testbot.exec("/settings quiet notice") == (
        "Settings\n"
        "• Daily briefing: on\n"
        "• Time: 07:05 Europe/Berlin\n"
        "• Topics: markets\n"
        "• Stories per digest: default (/settings stories N)\n"
        "• Points per story: default (/settings points N)\n"
        "• Breaking-news alerts: on (/settings alerts on|off)\n"
        "• Days without news: notice (/settings quiet skip|notice)"
    )
    assert testbot.exec("/unsubscribe") == (
        "Unsubscribed: no more daily briefings here. /subscribe resumes."
    )
    assert testbot.exec("/unsubscribe") == (
        "This chat has no subscription. Start one with /subscribe."
    )
    assert "• Daily briefing: off (/subscribe to resume)" in testbot.exec("/settings")


def test_bad_times_zones_and_settings_say_what_is_accepted(testbot: TestBot) -> None:
    assert testbot.exec("/subscribe 25:00 news") == (
        "I can't read 25:00 as a time: use 24-hour HH:MM, e.g. 07:30."
        " Usage: /subscribe [HH:MM] [topic words]"
    )
    assert testbot.exec("/subscribe " + " ".join(["w"] * 11)).startswith(
        "Give at most 10 short topic words."
    )
    assert testbot.exec("/timezone Mars/Olympus") == (
        "I don't know the time zone Mars/Olympus.\n\n"
        "Use an IANA name like Europe/Berlin, America/New_York, Asia/Tokyo or UTC."
    )
    assert testbot.exec("/settings stories 3") == (
        "This chat has no subscription. Start one with /subscribe."
    )
    testbot.exec("/subscribe")
    assert testbot.exec("/settings stories 50") == "Max stories must be a number from 1 to 20."
    assert testbot.exec("/settings colour blue") == ("I can't read that setting. Usage: /settings")


def test_group_members_may_read_but_only_admins_change(
    service: FakeService, book: SubscriptionBook
) -> None:
    member = TestBot(service, book, chat=GROUP, private=False, admin=False, clock=lambda: NOW)
    refusal = "Only this chat's administrators can change its subscription."
    for command in (
        "/subscribe 08:00",
        "/unsubscribe",
        "/timezone Asia/Tokyo",
        "/settings alerts on",
    ):
        assert member.exec(command) == refusal
    assert member.exec("/digest").startswith("Top stories since")
    assert book.get(GROUP) is None
    admin = TestBot(service, book, chat=GROUP, private=False, admin=True, clock=lambda: NOW)
    assert admin.exec("/subscribe 08:00").startswith("Subscribed: a daily briefing at 08:00 UTC")


def test_allow_list_refuses_other_chats_politely(
    service: FakeService, book: SubscriptionBook
) -> None:
    allowed = ["telegram:-100123"]
    inside = TestBot(service, book, chat=GROUP, allowed_chats=allowed, clock=lambda: NOW)
    outside = TestBot(
        service, book, chat=ChatRef("telegram", "555"), allowed_chats=allowed, clock=lambda: NOW
    )
    assert inside.exec("/sources").startswith("2 outlets")
    assert outside.exec("/sources") == (
        "Sorry, this bot only serves the chats it was set up for. "
        "Ask its operator to add this chat: telegram:555"
    )


def test_commands_for_other_bots_are_ignored(testbot: TestBot) -> None:
    assert testbot.exec("/who@some_other_bot Witkoff") == ""
    assert testbot.exec("/who@BriefBot_Test_Bot Witkoff").startswith("Steve Witkoff")


def test_unknown_commands_and_plain_text_get_short_help(
    service: FakeService, book: SubscriptionBook
) -> None:
    testbot = TestBot(service, book)
    assert testbot.exec("/weather Berlin").startswith("I don't know /weather. Try one of: /digest,")
    assert testbot.exec("hello there").startswith("Commands start with /. Try /help")
    group = TestBot(service, book, chat=GROUP, private=False)
    assert group.exec("just chatting") == "", "the bot stays quiet in groups"


def test_overlong_arguments_get_the_usage_line(testbot: TestBot, service: FakeService) -> None:
    assert testbot.exec("/who " + "x" * 101) == (
        "That is too long (at most 100 characters). Usage: /who NAME"
    )
    assert not [call for call in service.calls if call[0] == "who"]


def test_a_failing_service_gets_a_polite_answer(testbot: TestBot, service: FakeService) -> None:
    def broken(name: str) -> None:
        raise RuntimeError("model exploded")

    service.who = broken  # type: ignore[method-assign]
    assert testbot.exec("/who Witkoff") == (
        "Something went wrong while answering /who. It has been logged; please try later."
    )


def test_service_calls_run_in_a_worker_thread(testbot: TestBot, service: FakeService) -> None:
    threads: list[int] = []
    original = service.search

    def recording(query: str, *, limit: int = 5) -> list[Any]:
        threads.append(threading.get_ident())
        return original(query, limit=limit)

    service.search = recording  # type: ignore[method-assign]
    testbot.exec("/search envoy")
    assert threads and threads[0] != threading.get_ident()


async def test_user_text_is_escaped_when_rendered_for_telegram(testbot: TestBot) -> None:
    incoming_text = "/who <script>alert(1)</script> & co"
    from bot.chat import Incoming

    async def admin() -> bool:
        return True

    reply = await testbot.core.handle(Incoming(testbot.chat, "1", incoming_text), is_admin=admin)
    [html] = telegram.render(reply)
    assert "<script>" not in html
    assert "<b>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</b>" in html


def test_every_hint_is_written_in_the_platform_s_command_syntax(
    service: FakeService, book: SubscriptionBook
) -> None:
    slack = TestBot(service, book, prefix="/brief ", clock=lambda: NOW)
    assert slack.exec("/help who") == "/brief who NAME — who someone is, from the articles"
    assert slack.exec("/story x") == (
        "Give the story's number from the last digest. Usage: /brief story N"
    )
    assert slack.exec("/who Nobody").endswith("Check the spelling, or try /brief search Nobody.")
    assert slack.exec("/settings") == (
        "No subscription here yet; time zone UTC.\n\n"
        "Start one with /brief subscribe [HH:MM] [topic words]."
    )
    assert slack.exec("/subscribe 07:00").endswith(
        "Change the time zone with /brief timezone Area/City, see /brief settings,"
        " stop with /brief unsubscribe."
    )
    assert "• Stories per digest: default (/brief settings stories N)" in slack.exec("/settings")
    assert slack.exec("/timezone").endswith(
        "Change it with /brief timezone Area/City, e.g. /brief timezone Europe/Berlin."
    )
    assert slack.exec("/digest").endswith("1 outlet: Daily Two · more: /brief story 2")
    assert slack.exec("/story 1").endswith(
        "Ask about anyone with /brief who NAME.\n\nLatest article Mon 02 Mar, 07:00 UTC"
    )
    assert slack.exec("/unsubscribe") == (
        "Unsubscribed: no more daily briefings here. /brief subscribe resumes."
    )
    assert slack.exec("/start").startswith("Hello!\nI read")
    assert "Try /brief digest for today's top stories." in slack.exec("/start")
    service.stories = ()
    assert slack.exec("/digest").endswith(
        "Try /brief search QUERY, or /brief sources to see what I have read."
    )


def test_help_for_an_unknown_command_names_it(testbot: TestBot) -> None:
    assert testbot.exec("/help weather").startswith("I don't know /weather. Try one of: /digest,")
    assert testbot.exec("/" + "w" * 60).startswith(f"I don't know /{'w' * 38}…. Try one of:")
