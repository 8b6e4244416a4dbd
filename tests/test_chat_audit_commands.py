"""Chat audit, commands: odd arguments get a clear answer, never "Something went wrong"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.chat import ChatRef
from bot.storage import BOT_MIGRATIONS
from bot.subscriptions import SubscriptionBook
from summarizer.config import PipelineConfig
from summarizer.service import Briefbot
from tests.fakes.service import NOW, FakeService
from tests.fakes.testbot import TestBot

FAILED = "Something went wrong"


@pytest.fixture
def testbot(service: FakeService, book: SubscriptionBook) -> TestBot:
    return TestBot(service, book, clock=lambda: NOW)


@pytest.fixture
def group(service: FakeService, book: SubscriptionBook) -> TestBot:
    return TestBot(service, book, chat=ChatRef("telegram", "-100123"), private=False)


@pytest.mark.parametrize("number", ["²", "0", "-1", "1.5", "one", "🔟"])
def test_story_with_a_number_it_cannot_use_shows_the_usage(testbot: TestBot, number: str) -> None:
    testbot.exec("/digest")
    answer = testbot.exec(f"/story {number}")
    # Before: "/story ²" passed isdigit(), int("²") raised, the user read "Something went wrong".
    assert answer == "Give the story's number from the last digest. Usage: /story N"


def test_story_with_a_huge_number_is_refused_as_too_long(testbot: TestBot) -> None:
    answer = testbot.exec("/story 99999999999999999999")
    assert answer == "That is too long (at most 4 characters). Usage: /story N"


def test_story_accepts_digits_from_other_scripts(testbot: TestBot) -> None:
    testbot.exec("/digest")
    assert testbot.exec("/story ２").startswith("Central bank holds rates")  # full-width 2


def test_settings_stories_with_a_superscript_is_a_clear_refusal(testbot: TestBot) -> None:
    testbot.exec("/subscribe 07:30")
    # Before: "Something went wrong while answering /settings."
    assert testbot.exec("/settings stories ²") == "Max stories must be a number from 1 to 20."
    assert "Stories per digest: 3" in testbot.exec("/settings stories ３")


@pytest.mark.parametrize(("hour", "shown"), [("8", "08:00"), ("20", "20:00"), ("07", "07:00")])
def test_subscribe_with_a_bare_hour_means_that_hour(
    testbot: TestBot, book: SubscriptionBook, hour: str, shown: str
) -> None:
    answer = testbot.exec(f"/subscribe {hour}")
    # Before: "/subscribe 8" subscribed to the topic "8" at the default time.
    assert answer.startswith(f"Subscribed: a daily briefing at {shown} UTC with every story.")
    subscription = book.get(testbot.chat)
    assert subscription is not None and not subscription.topics


@pytest.mark.parametrize("word", ["25", "8am", "7:30PM", "25:00", "7:61"])
def test_subscribe_with_a_time_it_cannot_read_says_how_to_write_one(
    testbot: TestBot, book: SubscriptionBook, word: str
) -> None:
    answer = testbot.exec(f"/subscribe {word} politics")
    assert answer == (
        f"I can't read {word} as a time: use 24-hour HH:MM, e.g. 07:30."
        " Usage: /subscribe [HH:MM] [topic words]"
    )
    assert book.get(testbot.chat) is None, "nothing was subscribed"


def test_subscribe_keeps_longer_numbers_as_topics(testbot: TestBot) -> None:
    answer = testbot.exec("/subscribe 2026 elections")
    assert "about 2026, elections." in answer


def test_timezone_on_mars_is_refused_with_examples(testbot: TestBot) -> None:
    assert testbot.exec("/timezone Mars/Base") == (
        "I don't know the time zone Mars/Base.\n\n"
        "Use an IANA name like Europe/Berlin, America/New_York, Asia/Tokyo or UTC."
    )
    assert testbot.exec("/timezone europe/berlin") == "Time zone set to Europe/Berlin."


def test_an_unknown_bare_command_in_a_group_is_left_to_the_other_bots(group: TestBot) -> None:
    # Before: every "/roll" meant for another bot in the group got "I don't know /roll".
    assert group.exec("/roll 2d6", explicit=False) == ""
    assert group.exec("/roll 2d6", explicit=True).startswith("I don't know /roll. Try one of:")
    assert group.exec("/sources", explicit=False).startswith("2 outlets, 3 articles")


def test_unknown_commands_in_a_private_chat_are_still_answered(testbot: TestBot) -> None:
    assert testbot.exec("/roll", explicit=False).startswith("I don't know /roll.")


def test_undecodable_bytes_typed_at_the_console_are_shown_as_replacement_marks(
    testbot: TestBot,
) -> None:
    # A terminal hands Python bytes it cannot decode as lone surrogates ("\udcff").
    # Before: /search failed ("Something went wrong"); SQLite cannot store such text.
    assert testbot.exec("/search \udcff\udcfe") == "No articles match \ufffd\ufffd."
    assert testbot.exec("/who Wit\udcffkoff").startswith("I found nothing about Wit\ufffdkoff")


@pytest.fixture
def real(tmp_path: Path, database_url: str) -> Iterator[TestBot]:
    """The real summarizer service over an empty corpus (no model is loaded)."""
    service = Briefbot(
        PipelineConfig(corpus_dir=tmp_path, database_url=database_url),
        extra_migrations=[BOT_MIGRATIONS],
    )
    yield TestBot(service, SubscriptionBook(service.store, clock=lambda: NOW), clock=lambda: NOW)
    service.close()


@pytest.mark.parametrize("query", ["???", '"', "\udcff", "— …"])
def test_a_search_without_words_says_what_to_type(real: TestBot, query: str) -> None:
    # Before: the service's ValueError became "Something went wrong while answering /search."
    assert real.exec(f"/search {query}") == (
        "The search is empty: give a few words, for example 'ceasefire talks'. Usage: /search QUERY"
    )


def test_a_who_without_letters_asks_for_a_name(real: TestBot) -> None:
    assert real.exec("/who ???") == (
        "Give a name in letters (at most 80 characters), e.g. /who Witkoff. Usage: /who NAME"
    )


def test_topics_without_letters_are_refused(testbot: TestBot, book: SubscriptionBook) -> None:
    # Before: "/subscribe 07:00 ???" subscribed to the topic "???": every digest came empty.
    assert testbot.exec("/subscribe 07:00 energy ??? —") == (
        "A topic needs letters or digits; I can't use ??? —."
        " Usage: /subscribe [HH:MM] [topic words]"
    )
    assert book.get(testbot.chat) is None
    assert "about #energy, 5G." in testbot.exec("/subscribe #energy 5G")


def test_zero_width_characters_pasted_with_a_name_do_not_hide_it(testbot: TestBot) -> None:
    # Before: "Steve\u200bWitkoff" (copied from a web page) was "nothing about Steve​Witkoff".
    assert testbot.exec("/who Steve\u200bWitkoff").startswith("Steve Witkoff — US special envoy")
    assert testbot.exec("/who\u200bWit\u2060koff").startswith("Steve Witkoff — US special envoy")
    assert testbot.exec("\ufeff/sources").startswith("2 outlets, 3 articles")
