"""Briefbot's settings: ``BRIEFBOT_*`` environment variables, secret files, an optional TOML file.

Precedence, highest first: CLI flags (passed as overrides), environment, secret
files (``BRIEFBOT_SECRETS_DIR``, e.g. ``/run/secrets``), the TOML file
(``BRIEFBOT_CONFIG``), then the defaults below. Names are a documented contract.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
    TomlConfigSettingsSource,
)

from bot.zones import find_zone
from summarizer.config import STORY_THRESHOLD, PipelineConfig

OUTBOX_RETENTION_DAYS = 30
"""The default of ``BRIEFBOT_OUTBOX_RETENTION_DAYS`` (the scheduler uses it too)."""


class ConfigError(Exception):
    """A setting is missing or wrong; the message names it and says what was wrong."""


class Settings(BaseSettings):
    """Every setting Briefbot reads. Secrets are ``SecretStr`` and never printed."""

    model_config = SettingsConfigDict(env_prefix="BRIEFBOT_", extra="forbid")

    corpus_dir: Path = Path("corpus")
    database_url: str = "sqlite:///data/briefbot.db"

    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str | None = None
    """Public HTTPS URL for webhook mode; long polling when unset."""
    telegram_webhook_secret: SecretStr | None = None

    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    slack_mode: Literal["socket", "http"] = "socket"
    slack_admins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    """Slack user ids allowed to change subscriptions; workspace admins when empty."""

    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8080, ge=1, le=65535)
    allowed_chats: Annotated[list[str], NoDecode] = Field(default_factory=list)
    """When set, only these chats (``telegram:ID``, ``slack:CHANNEL``) are served."""

    scan_interval_seconds: float = Field(default=60.0, gt=0)
    max_file_bytes: int = Field(default=5_000_000, gt=0)
    stable_seconds: float = Field(default=2.0, ge=0)
    story_window_hours: float = Field(default=96.0, gt=0)
    story_threshold: float = Field(default=STORY_THRESHOLD, ge=0.05, le=0.95)
    """Similarity to join a story: 0.26 is tuned on WikiRef220; raise it for tighter stories."""
    digest_max_stories: int = Field(default=5, ge=1, le=20)
    default_timezone: str = "UTC"
    delivery_grace_minutes: float = Field(default=120.0, ge=0)
    alert_min_outlets: int = Field(default=3, ge=2)
    outbox_retention_days: int = Field(default=OUTBOX_RETENTION_DAYS, ge=1)
    """Days a finished message part's rendered payload is kept; the delivery record stays."""
    abstractive_model_dir: Path | None = None
    embedding_backend: Literal["onnx-int8", "onnx", "fp32"] = "onnx"
    """``onnx`` (ONNX Runtime, fp32), ``onnx-int8`` (int8 weights) or ``fp32`` (plain PyTorch)."""
    model_cache: Path | None = None
    """Where the local ONNX export of the model is kept; unset: ``~/.cache/briefbot``."""
    workers: Literal["off", "queue"] = "off"
    """``queue``: on PostgreSQL, share embedding with ``briefbot worker`` processes."""
    worker_wait_seconds: float = Field(default=120.0, ge=0)
    """The longest ingest/processing waits for the workers before embedding the rest itself."""
    log_level: str = "INFO"

    @field_validator("allowed_chats", "slack_admins", mode="before")
    @classmethod
    def _text_list(cls, value: Any) -> Any:
        """A list given as text: a JSON list, or items separated by commas."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text.startswith("["):
            try:
                return json.loads(text)
            except json.JSONDecodeError as error:
                raise ValueError(
                    f"not a valid JSON list ({error.msg}); give a JSON list like "
                    '["telegram:123"] or items separated by commas'
                ) from None
        return [item.strip() for item in text.split(",") if item.strip()]

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        if find_zone(value) is None:
            raise ValueError(f"unknown time zone {value!r}; use an IANA name like Europe/Berlin")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        sources.append(file_secret_settings)
        toml_file = os.environ.get("BRIEFBOT_CONFIG")
        if toml_file:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=Path(toml_file)))
        return tuple(sources)

    def pipeline(self) -> PipelineConfig:
        """The subset the NLP side needs."""
        return PipelineConfig(
            corpus_dir=self.corpus_dir,
            database_url=self.database_url,
            max_file_bytes=self.max_file_bytes,
            stable_seconds=self.stable_seconds,
            story_window_hours=self.story_window_hours,
            story_threshold=self.story_threshold,
            digest_max_stories=self.digest_max_stories,
            abstractive_model_dir=self.abstractive_model_dir,
            embedding_backend=self.embedding_backend,
            model_cache=self.model_cache,
            workers=self.workers,
            worker_wait_seconds=self.worker_wait_seconds,
        )


def load_settings(**overrides: Any) -> Settings:
    """Settings from every source, CLI overrides winning; errors become :class:`ConfigError`."""
    config_file = os.environ.get("BRIEFBOT_CONFIG")
    if config_file and not Path(config_file).is_file():
        raise ConfigError(f"BRIEFBOT_CONFIG: no such file {config_file!r}")
    secrets_dir = os.environ.get("BRIEFBOT_SECRETS_DIR")
    given = {key: value for key, value in overrides.items() if value is not None}
    try:
        if secrets_dir:
            return Settings(_secrets_dir=secrets_dir, **given)  # type: ignore[call-arg]
        return Settings(**given)
    except ValidationError as error:
        raise ConfigError(_describe(error)) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"BRIEFBOT_CONFIG: {config_file} is not valid TOML: {error}") from None
    except SettingsError as error:  # a value no source could decode
        field = re.search(r'field "(\w+)"', str(error))
        name = f"BRIEFBOT_{field.group(1).upper()}" if field else "a setting"
        raise ConfigError(f"{name}: the value could not be read ({error})") from None


def _describe(error: ValidationError) -> str:
    """One line per bad setting, named as the user would set it; never echoes secret values."""
    lines = []
    for item in error.errors():
        name = "BRIEFBOT_" + "_".join(str(part) for part in item["loc"]).upper()
        lines.append(f"{name}: {item['msg']}")
    return "invalid configuration:\n  " + "\n  ".join(lines)
