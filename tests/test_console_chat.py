"""The console: ``briefbot chat`` answers typed or piped commands in plain text."""

from __future__ import annotations

import io

import pytest
from typer.testing import CliRunner

import bot.cli.chat  # noqa: F401  (registers the command)
from bot.adapters.console import ConsoleAdapter
from bot.chat import ChatRef
from bot.cli.app import app
from bot.cli.chat import converse
from bot.document import paragraph, reply
from bot.subscriptions import SubscriptionBook
from tests.fakes.service import FakeService


async def test_piped_commands_are_answered_until_quit(book: SubscriptionBook) -> None:
    service = FakeService()
    lines = io.StringIO("/who Witkoff\n\n   \n/subscribe 06:30\n/quit\n/sources\n")
    output = io.StringIO()
    await converse(service, book, lines, output)
    text = output.getvalue()
    assert text.startswith("Steve Witkoff — US special envoy\nIn 2 articles from 2 outlets")
    assert "\n\nSubscribed: a daily briefing at 06:30 UTC with every story.\n\n" in text
    assert "outlets, 3 articles" not in text, "nothing is read after /quit"
    assert book.get(ChatRef("console", "local")) is not None


async def test_an_interactive_session_shows_a_banner_and_prompts(book: SubscriptionBook) -> None:
    service = FakeService()
    output = io.StringIO()
    await converse(service, book, io.StringIO("/sources\n"), output, interactive=True)
    assert output.getvalue() == (
        "Briefbot console: type /help for the commands, /quit or Ctrl-D to leave.\n"
        "> 2 outlets, 3 articles\n"
        "• Daily Two: 2 articles, latest 02 Mar 2026\n"
        "• Wire One: 1 article, latest 02 Mar 2026\n\n"
        "> "
    )


async def test_an_empty_store_says_how_to_fill_it(book: SubscriptionBook) -> None:
    output = io.StringIO()
    await converse(FakeService(stories=()), book, io.StringIO(""), output, interactive=True)
    assert output.getvalue().splitlines()[1] == (
        "No articles yet: start with `briefbot chat --refresh` or `briefbot ingest`."
    )


async def test_digests_can_be_delivered_to_the_console() -> None:
    output = io.StringIO()
    console = ConsoleAdapter(output)
    [payload] = console.render(reply(paragraph("Your <briefing> & more")))
    assert await console.send(ChatRef("console", "local"), payload) == "1"
    assert await console.send(ChatRef("telegram", "42"), payload) == "2"
    assert output.getvalue() == (
        "Your <briefing> & more\n\n[to telegram:42]\nYour <briefing> & more\n\n"
    )
    assert console.render(reply()) == []
    assert await console.is_admin(ChatRef("console", "local"), "you") is True
    assert console.command_prefix == "/"


def test_briefbot_chat_keeps_settings_in_the_configured_store(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", database_url)
    runner = CliRunner()
    first = runner.invoke(app, ["chat"], input="/sources\n/subscribe 07:15 energy\n")
    assert first.exit_code == 0, first.output
    assert first.output.startswith("No articles yet: put news files in the corpus folder.\n\n")
    assert "Subscribed: a daily briefing at 07:15 UTC about energy." in first.output
    second = runner.invoke(app, ["chat"], input="/settings\n/timezone Nowhere/Land\n")
    assert "• Time: 07:15 UTC\n• Topics: energy\n" in second.output
    assert "I don't know the time zone Nowhere/Land." in second.output
