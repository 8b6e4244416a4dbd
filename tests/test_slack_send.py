"""Sending through slack_sdk to the fake Web API: payloads, error mapping, admin checks."""

from __future__ import annotations

import socket

import pytest

from bot.adapters.base import DeliveryError, PermanentError, RetryLater, TransientError
from bot.adapters.slack import SlackAdapter
from bot.chat import ChatRef
from bot.document import Heading, Reply, paragraph, text
from bot.settings import ConfigError, Settings

CHANNEL = ChatRef("slack", "C0NEWS001")


def adapter_for(base_url: str, **options: object) -> SlackAdapter:
    return SlackAdapter(
        bot_token="xoxb-test-token", api_url=base_url, app_token="xapp-test", **options
    )  # type: ignore[arg-type]


async def test_send_posts_the_rendered_payload_and_returns_the_ts(slack_api):
    adapter = adapter_for(slack_api.base_url)
    [payload] = adapter.render(Reply((Heading(text("Morning brief")), paragraph("Two stories."))))

    ts = await adapter.send(CHANNEL, payload)

    assert ts == "1700000000.000001"
    [call] = slack_api.of("chat.postMessage")
    assert call.token == "xoxb-test-token"
    assert call.params == {
        "channel": "C0NEWS001",
        "text": "Morning brief\nTwo stories.",
        "blocks": [
            {
                "type": "header",
                "text": {"type": "plain_text", "text": "Morning brief", "emoji": True},
            },
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": "Two stories.", "verbatim": True},
            },
        ],
        "unfurl_links": False,
        "unfurl_media": False,
    }


async def test_send_to_a_thread_sets_thread_ts(slack_api):
    adapter = adapter_for(slack_api.base_url)
    await adapter.send(ChatRef("slack", "C0NEWS001", "1700.1"), {"text": "hi"})
    assert slack_api.of("chat.postMessage")[0].params == {
        "channel": "C0NEWS001",
        "thread_ts": "1700.1",
        "text": "hi",
    }


async def test_api_url_without_trailing_slash_still_works(slack_api):
    adapter = adapter_for(slack_api.base_url.rstrip("/"))
    assert await adapter.send(CHANNEL, {"text": "hi"})


async def test_rate_limit_becomes_retry_later_with_slacks_delay(slack_api):
    slack_api.fail_next("chat.postMessage", status=429, retry_after=17)
    with pytest.raises(RetryLater) as caught:
        await adapter_for(slack_api.base_url).send(CHANNEL, {"text": "hi"})
    assert caught.value.retry_after == 17.0


async def test_server_error_is_transient(slack_api):
    slack_api.fail_next("chat.postMessage", status=500)
    with pytest.raises(TransientError, match="HTTP 500"):
        await adapter_for(slack_api.base_url).send(CHANNEL, {"text": "hi"})


@pytest.mark.parametrize(
    "code",
    [
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "account_inactive",
        "invalid_auth",
        "token_revoked",
    ],
)
async def test_closed_chats_are_permanent_errors(slack_api, code):
    slack_api.fail_next("chat.postMessage", error=code)
    with pytest.raises(PermanentError, match=code):
        await adapter_for(slack_api.base_url).send(CHANNEL, {"text": "hi"})


async def test_other_refusals_are_neither_retried_nor_permanent(slack_api):
    slack_api.fail_next("chat.postMessage", error="invalid_blocks")
    with pytest.raises(DeliveryError, match="invalid_blocks") as caught:
        await adapter_for(slack_api.base_url).send(CHANNEL, {"text": "hi"})
    assert not isinstance(caught.value, PermanentError | TransientError | RetryLater)


async def test_unreachable_slack_is_transient():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TransientError, match="cannot reach Slack"):
        await adapter_for(f"http://127.0.0.1:{port}/api/").send(CHANNEL, {"text": "hi"})


async def test_admins_from_settings_list(slack_api):
    adapter = adapter_for(slack_api.base_url, admins=["U0ADMIN01"])
    assert await adapter.is_admin(CHANNEL, "U0ADMIN01") is True
    assert await adapter.is_admin(CHANNEL, "U0ALICE01") is False
    assert slack_api.of("users.info") == []


async def test_workspace_admins_and_owners_via_users_info(slack_api):
    slack_api.users.update(
        {
            "U0ADMIN01": {"is_admin": True, "is_owner": False},
            "U0OWNER01": {"is_admin": False, "is_owner": True},
            "U0ALICE01": {"is_admin": False, "is_owner": False},
        }
    )
    adapter = adapter_for(slack_api.base_url)
    assert await adapter.is_admin(CHANNEL, "U0ADMIN01") is True
    assert await adapter.is_admin(CHANNEL, "U0OWNER01") is True
    assert await adapter.is_admin(CHANNEL, "U0ALICE01") is False
    assert await adapter.is_admin(CHANNEL, "U0GHOST01") is False  # user_not_found
    assert [call.params["user"] for call in slack_api.of("users.info")] == [
        "U0ADMIN01",
        "U0OWNER01",
        "U0ALICE01",
        "U0GHOST01",
    ]


async def test_everyone_manages_their_own_dm(slack_api):
    adapter = adapter_for(slack_api.base_url, admins=["U0ADMIN01"])
    assert await adapter.is_admin(ChatRef("slack", "D0ALICE01"), "U0ALICE01") is True


def test_from_settings_reads_tokens_and_endpoints():
    settings = Settings(
        slack_bot_token="xoxb-1",
        slack_app_token="xapp-1",
        slack_api_url="https://slack-gov.com/api/",
        slack_admins=["U1"],
    )
    adapter = SlackAdapter.from_settings(settings)
    assert adapter.client.base_url == "https://slack-gov.com/api/"
    assert adapter.client.token == "xoxb-1"
    assert adapter.mode == "socket"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({}, "BRIEFBOT_SLACK_BOT_TOKEN"),
        ({"slack_bot_token": "xoxb-1"}, "BRIEFBOT_SLACK_APP_TOKEN"),
        ({"slack_bot_token": "xoxb-1", "slack_mode": "http"}, "BRIEFBOT_SLACK_SIGNING_SECRET"),
    ],
)
def test_missing_tokens_are_named(settings, message):
    with pytest.raises(ConfigError, match=message):
        SlackAdapter.from_settings(Settings(**settings))
