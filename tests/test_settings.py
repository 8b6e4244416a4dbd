"""Settings: environment, TOML file, secret files, CLI overrides, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import ConfigError, load_settings

SECRET = "123456:very-secret-token"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("BRIEFBOT_"):
            monkeypatch.delenv(name)


def test_defaults_are_the_embedded_ones() -> None:
    settings = load_settings()
    assert settings.corpus_dir == Path("corpus")
    assert settings.database_url == "sqlite:///data/briefbot.db"
    assert settings.slack_mode == "socket"
    assert settings.telegram_token is None


def test_environment_then_toml_then_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    toml = tmp_path / "briefbot.toml"
    toml.write_text('corpus_dir = "/srv/news"\nhttp_port = 9000\ndigest_max_stories = 7\n')
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(toml))
    monkeypatch.setenv("BRIEFBOT_HTTP_PORT", "9100")
    settings = load_settings(digest_max_stories=3)
    assert settings.corpus_dir == Path("/srv/news")  # from the file
    assert settings.http_port == 9100  # environment beats the file
    assert settings.digest_max_stories == 3  # a flag beats both


def test_secret_from_secrets_dir_is_never_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "BRIEFBOT_TELEGRAM_TOKEN").write_text(SECRET)
    monkeypatch.setenv("BRIEFBOT_SECRETS_DIR", str(tmp_path))
    settings = load_settings()
    assert settings.telegram_token is not None
    assert settings.telegram_token.get_secret_value() == SECRET
    assert SECRET not in repr(settings) and SECRET not in str(settings.model_dump())


def test_error_names_the_setting_and_hides_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_TOKEN", SECRET)
    monkeypatch.setenv("BRIEFBOT_HTTP_PORT", "not-a-port")
    monkeypatch.setenv("BRIEFBOT_SLACK_MODE", "carrier-pigeon")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert "BRIEFBOT_HTTP_PORT" in message and "BRIEFBOT_SLACK_MODE" in message
    assert "'socket' or 'http'" in message
    assert SECRET not in message


def test_bad_default_timezone_says_what_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_DEFAULT_TIMEZONE", "Mars/Olympus")
    with pytest.raises(
        ConfigError, match=r"BRIEFBOT_DEFAULT_TIMEZONE.*IANA name like Europe/Berlin"
    ):
        load_settings()


def test_unknown_key_in_the_toml_file_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = tmp_path / "briefbot.toml"
    toml.write_text('corpus_folder = "x"\n')
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(toml))
    with pytest.raises(ConfigError, match="BRIEFBOT_CORPUS_FOLDER"):
        load_settings()


def test_missing_config_file_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_CONFIG", str(tmp_path / "nope.toml"))
    with pytest.raises(ConfigError, match="BRIEFBOT_CONFIG: no such file"):
        load_settings()


def test_cli_reports_config_errors_with_exit_code_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_HTTP_PORT", "0")
    result = CliRunner().invoke(app, ["health"])
    assert result.exit_code == 2
    assert "BRIEFBOT_HTTP_PORT" in result.output


def test_health_is_ok_on_a_fresh_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "corpus").mkdir()
    monkeypatch.setenv("BRIEFBOT_CORPUS_DIR", str(tmp_path / "corpus"))
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    result = CliRunner().invoke(app, ["health"])
    assert result.exit_code == 0, result.output
    assert "ok" in result.output


def test_health_fails_when_the_corpus_folder_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_CORPUS_DIR", str(tmp_path / "missing"))
    result = CliRunner().invoke(app, ["health"])
    assert result.exit_code == 1
    assert "missing or unreadable" in result.output


def test_embedding_backend_and_model_cache_reach_the_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    defaults = load_settings().pipeline()
    assert (defaults.embedding_backend, defaults.model_cache) == ("onnx", None)
    monkeypatch.setenv("BRIEFBOT_EMBEDDING_BACKEND", "fp32")
    monkeypatch.setenv("BRIEFBOT_MODEL_CACHE", str(tmp_path / "models"))
    config = load_settings().pipeline()
    assert config.embedding_backend == "fp32"
    assert config.model_cache == tmp_path / "models"


def test_unknown_embedding_backend_names_the_setting_and_the_choices(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BRIEFBOT_EMBEDDING_BACKEND", "gpu")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert "BRIEFBOT_EMBEDDING_BACKEND" in message
    assert "'onnx-int8', 'onnx' or 'fp32'" in message


def test_story_threshold_reaches_the_pipeline_and_is_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BRIEFBOT_STORY_THRESHOLD", "0.4")
    assert load_settings().pipeline().story_threshold == 0.4
    monkeypatch.setenv("BRIEFBOT_STORY_THRESHOLD", "1.5")
    with pytest.raises(ConfigError, match="BRIEFBOT_STORY_THRESHOLD"):
        load_settings()
