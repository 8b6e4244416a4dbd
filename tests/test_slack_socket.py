"""Socket Mode: the handler uses the app token, and a slash command over a fake websocket."""

from __future__ import annotations

import pytest

from bot.adapters.slack import SlackAdapter
from bot.chat import ChatRef, Incoming
from bot.document import Reply, paragraph
from bot.settings import ConfigError


async def test_socket_handler_is_built_with_the_app_token():
    adapter = SlackAdapter(
        bot_token="xoxb-bot", app_token="xapp-1-app", api_url="https://slack-gov.com/api/"
    )
    handler = adapter.socket_handler(adapter.build_app())

    assert handler.app_token == "xapp-1-app"
    assert handler.client.app_token == "xapp-1-app"
    assert handler.client.web_client.base_url == "https://slack-gov.com/api/"
    assert handler.app.client.token == "xoxb-bot"
    await handler.client.close()


async def test_slash_command_over_socket_mode(slack_api):
    seen: list[Incoming] = []

    async def on_command(incoming: Incoming) -> Reply:
        seen.append(incoming)
        return Reply((paragraph("Top stories: none yet."),))

    adapter = SlackAdapter(bot_token="xoxb-bot", app_token="xapp-1-app", api_url=slack_api.base_url)
    await adapter.start(on_command)
    try:
        await slack_api.wait_for("socket_connect")
        await slack_api.push(
            {
                "envelope_id": "env-1",
                "type": "slash_commands",
                "accepts_response_payload": True,
                "payload": {
                    "team_id": "T0TEAM01",
                    "channel_id": "C0NEWS001",
                    "channel_name": "news",
                    "user_id": "U0ALICE01",
                    "user_name": "alice",
                    "command": "/brief",
                    "text": "digest",
                    "response_url": slack_api.response_url(),
                    "trigger_id": "1.2.3",
                },
            }
        )
        [ack] = await slack_api.wait_for("socket_ack")
        [posted] = await slack_api.wait_for("chat.postMessage")
    finally:
        await adapter.stop()

    [opened] = slack_api.of("apps.connections.open")
    assert opened.token == "xapp-1-app"  # the websocket is opened with the app-level token
    assert ack.params == {"envelope_id": "env-1", "payload": {"text": "Working on it…"}}
    assert posted.token == "xoxb-bot"
    assert posted.params["channel"] == "C0NEWS001"
    assert posted.params["text"] == "Top stories: none yet."
    assert seen == [
        Incoming(ChatRef("slack", "C0NEWS001"), "U0ALICE01", "/digest", False, None, "/brief ")
    ]


@pytest.mark.parametrize(
    ("method", "variable"),
    [
        ("auth.test", "BRIEFBOT_SLACK_BOT_TOKEN"),
        ("apps.connections.open", "BRIEFBOT_SLACK_APP_TOKEN"),
    ],
)
async def test_a_refused_token_stops_start_with_its_setting_named(slack_api, method, variable):
    slack_api.fail_next(method, error="invalid_auth")
    adapter = SlackAdapter(bot_token="xoxb-bad", app_token="xapp-bad", api_url=slack_api.base_url)

    with pytest.raises(
        ConfigError, match=f"{variable}: Slack refused the token \\(invalid_auth\\)"
    ):
        await adapter.start(lambda incoming: None)  # type: ignore[arg-type,return-value]
    await adapter.stop()
