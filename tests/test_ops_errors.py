"""One clear line instead of a traceback (issue #16, item 9): bad time zones, settings the
operator mistyped, a Telegram API that cannot be reached, an article id past any row id.

Each test shows what the user (in a chat) or the operator (on the command line) reads.
"""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from bot.adapters.telegram import TelegramAdapter
from bot.cli import app
from tests.fakes.telegram_api import TOKEN, FakeTelegram
from tests.test_telegram_bot import ask

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("BRIEFBOT_"):
            monkeypatch.delenv(name)


@pytest.mark.parametrize("zone", ["Europe", "Etc", "../../etc/passwd", "Europe/", "UTC\x00"])
async def test_timezone_that_is_a_folder_or_a_path_is_an_unknown_zone(
    telegram: FakeTelegram, polling_telegram: TelegramAdapter, zone: str
) -> None:
    """Before: ``/timezone Europe`` answered "Something went wrong" (IsADirectoryError)."""
    sent = await ask(telegram, f"/timezone {zone}")
    assert sent["text"].startswith("I don't know the time zone ")
    assert "Use an IANA name like Europe/Berlin" in sent["text"]


def _cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def test_default_timezone_that_is_a_folder_is_one_error_line(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    """Before: ``BRIEFBOT_DEFAULT_TIMEZONE=Europe`` ended every command in a traceback."""
    monkeypatch.setenv("BRIEFBOT_DEFAULT_TIMEZONE", "Europe")
    result = _cli("--database-url", database_url, "articles")
    assert result.exit_code == 2
    assert result.output == (
        "error: invalid configuration:\n  BRIEFBOT_DEFAULT_TIMEZONE: Value error, unknown time "
        "zone 'Europe'; use an IANA name like Europe/Berlin\n"
    )


@pytest.mark.parametrize(
    ("given", "read"),
    [
        ("telegram:123", ["telegram:123"]),
        ("telegram:123, slack:C0123", ["telegram:123", "slack:C0123"]),
        ('["telegram:123", "slack:C0123"]', ["telegram:123", "slack:C0123"]),
        ("", []),
    ],
)
def test_allowed_chats_as_a_json_list_or_comma_separated(
    monkeypatch: pytest.MonkeyPatch, given: str, read: list[str]
) -> None:
    """Before: ``BRIEFBOT_ALLOWED_CHATS=telegram:123`` (not JSON) was a SettingsError
    traceback; the same for ``BRIEFBOT_SLACK_ADMINS``."""
    from bot.settings import load_settings

    monkeypatch.setenv("BRIEFBOT_ALLOWED_CHATS", given)
    monkeypatch.setenv("BRIEFBOT_SLACK_ADMINS", given.replace("telegram:", "U"))
    settings = load_settings()
    assert settings.allowed_chats == read
    assert settings.slack_admins == [chat.replace("telegram:", "U") for chat in read]


def test_a_broken_json_list_or_toml_file_is_one_error_line(
    monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEFBOT_ALLOWED_CHATS", '["telegram:123"')
    result = _cli("--database-url", database_url, "articles")
    assert result.exit_code == 2
    assert "BRIEFBOT_ALLOWED_CHATS: Value error, not a valid JSON list" in result.output
    assert "Traceback" not in result.output
    monkeypatch.delenv("BRIEFBOT_ALLOWED_CHATS")
    config = tmp_path / "briefbot.toml"
    config.write_text("corpus_dir = [\n")
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(config))
    result = _cli("--database-url", database_url, "articles")
    assert result.exit_code == 2
    assert result.output.startswith(f"error: BRIEFBOT_CONFIG: {config} is not valid TOML: ")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_unreachable_telegram_api_at_start_up_is_one_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str
) -> None:
    """Before: a 140-line NetworkError traceback."""
    api = f"http://127.0.0.1:{_closed_port()}/bot"
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_TOKEN", TOKEN)
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_API_URL", api)
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", database_url)
    arguments = ["run", "--corpus", str(tmp_path)]
    result = await asyncio.to_thread(CliRunner().invoke, app, arguments)  # its own loop
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line.startswith(
        f"error: cannot reach the Telegram Bot API at {api} (BRIEFBOT_TELEGRAM_API_URL): "
    )
    assert TOKEN not in result.output


async def test_unreachable_slack_api_at_start_up_is_one_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str
) -> None:
    api = f"http://127.0.0.1:{_closed_port()}/api/"
    monkeypatch.setenv("BRIEFBOT_SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("BRIEFBOT_SLACK_API_URL", api)
    monkeypatch.setenv("BRIEFBOT_SLACK_MODE", "http")
    monkeypatch.setenv("BRIEFBOT_SLACK_SIGNING_SECRET", "secret")
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", database_url)
    arguments = ["run", "--corpus", str(tmp_path)]
    result = await asyncio.to_thread(CliRunner().invoke, app, arguments)
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line.startswith(f"error: cannot reach the Slack API at {api} (BRIEFBOT_SLACK_API_URL): ")
    assert "xoxb-test" not in result.output


async def test_a_refused_telegram_token_at_start_up_names_the_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str, telegram: FakeTelegram
) -> None:
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_TOKEN", "999:revoked")
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_API_URL", telegram.base_url)
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", database_url)
    arguments = ["run", "--corpus", str(tmp_path)]
    result = await asyncio.to_thread(CliRunner().invoke, app, arguments)
    assert result.exit_code == 2
    assert result.output == "error: BRIEFBOT_TELEGRAM_TOKEN: Telegram refused the token\n"


@pytest.mark.parametrize("command", ["show", "story"])
def test_an_id_past_any_row_id_is_not_found(database_url: str, command: str) -> None:
    """Before: ``briefbot show 99999999999999999999999`` ended in OverflowError."""
    result = _cli("--database-url", database_url, command, "99999999999999999999999")
    assert result.exit_code == 1
    what = "article" if command == "show" else "story"
    assert result.output.startswith(f"error: no {what} 99999999999999999999999; ")
