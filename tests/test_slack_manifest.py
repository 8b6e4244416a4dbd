"""The shipped Slack app manifest asks for what the adapter uses."""

from __future__ import annotations

from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

MANIFEST = Path(__file__).resolve().parents[1] / "config" / "slack-manifest.yaml"


def test_manifest_declares_the_command_events_scopes_and_socket_mode():
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))

    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == "/brief"
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == {
        "app_mention",
        "message.im",
    }
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "app_mentions:read", "im:history", "users:read"} <= scopes
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["features"]["app_home"]["messages_tab_read_only_enabled"] is False
