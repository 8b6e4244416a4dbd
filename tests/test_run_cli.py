"""``briefbot run --once`` from the command line, with no chat tokens: the console adapter."""

from __future__ import annotations

from pathlib import Path

import pytest
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
