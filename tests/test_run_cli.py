"""``briefbot run --once`` from the command line, with no chat tokens: the console adapter."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from fakes.slack_api import FakeSlackApi
from typer.testing import CliRunner

import bot.cli.run  # noqa: F401  (registers the command)
from bot.cli.app import app


@pytest.fixture
def env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", database_url)
    for name in ("BRIEFBOT_TELEGRAM_TOKEN", "BRIEFBOT_SLACK_BOT_TOKEN", "BRIEFBOT_CONFIG"):
        monkeypatch.delenv(name, raising=False)


def test_once_prints_a_console_digest_and_exits(env: None, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    result = CliRunner().invoke(app, ["run", "--once", "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "stories" in result.output  # "Top stories since …" or "No new stories since …"


def test_missing_corpus_is_named_not_fatal(env: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", "--once", "--corpus", str(tmp_path / "nowhere")])
    assert result.exit_code == 0, result.output
    assert "does not exist yet" in result.output


def test_bad_setting_is_reported(env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_SCAN_INTERVAL_SECONDS", "-5")
    result = CliRunner().invoke(app, ["run", "--once"])
    assert result.exit_code == 2
    assert "BRIEFBOT_SCAN_INTERVAL_SECONDS" in result.output


def test_telegram_webhook_on_the_slack_events_path_is_refused(
    env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Webhook mode beside Slack HTTP mode share one listener; only a path clash is refused."""
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_TOKEN", "123:abc")
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_WEBHOOK_URL", "https://bot.example.org/slack/events")
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_WEBHOOK_SECRET", "s3cret")
    monkeypatch.setenv("BRIEFBOT_SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("BRIEFBOT_SLACK_MODE", "http")
    monkeypatch.setenv("BRIEFBOT_SLACK_SIGNING_SECRET", "secret")
    result = CliRunner().invoke(app, ["run"])
    assert result.exit_code == 2
    assert "Telegram webhook and Slack would both be served at /slack/events" in result.output
    assert "(127.0.0.1:8080); change the path of BRIEFBOT_TELEGRAM_WEBHOOK_URL" in result.output


def test_slack_socket_mode_without_app_token_is_reported(
    env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.delenv("BRIEFBOT_SLACK_APP_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["run", "--once"])
    assert result.exit_code == 2
    assert "error: BRIEFBOT_SLACK_APP_TOKEN (xapp-…) is required in socket mode" in result.output


async def test_a_slack_token_refused_at_start_is_reported(
    env: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, slack_api: FakeSlackApi
) -> None:
    slack_api.fail_next("auth.test", error="invalid_auth")
    monkeypatch.setenv("BRIEFBOT_SLACK_BOT_TOKEN", "xoxb-revoked")
    monkeypatch.setenv("BRIEFBOT_SLACK_API_URL", slack_api.base_url)
    monkeypatch.setenv("BRIEFBOT_SLACK_MODE", "http")
    monkeypatch.setenv("BRIEFBOT_SLACK_SIGNING_SECRET", "secret")
    arguments = ["run", "--corpus", str(tmp_path)]
    result = await asyncio.to_thread(CliRunner().invoke, app, arguments)  # its own loop
    assert result.exit_code == 2
    assert "BRIEFBOT_SLACK_BOT_TOKEN: Slack refused the token (invalid_auth)" in result.output
