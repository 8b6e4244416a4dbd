"""Translating Slack payloads into chat-neutral commands."""

from __future__ import annotations

import pytest

from bot.adapters.slack import SlackAdapter
from bot.adapters.slack.inbound import (
    command_text,
    from_direct_message,
    from_mention,
    from_slash_command,
    unformat,
)
from bot.chat import ChatRef, Incoming


@pytest.mark.parametrize(
    ("typed", "command"),
    [
        ("who Witkoff", "/who Witkoff"),
        ("  story 2  ", "/story 2"),
        ("/who Witkoff", "/who Witkoff"),
        ("", "/help"),
        ("search AT&amp;T &lt;merger&gt;", "/search AT&T <merger>"),
        ("search <https://ex.com/a|ex.com/a>", "/search ex.com/a"),
        ("search <https://ex.com/a>", "/search https://ex.com/a"),
        ("who <@U0BOB0001|bob>", "/who @bob"),
        ("search <#C0NEWS001|news>", "/search #news"),
        ("search <!channel>", "/search @channel"),
        ("who <mailto:a@b.c|a@b.c>", "/who a@b.c"),
    ],
)
def test_command_text(typed, command):
    assert command_text(typed) == command


def test_unformat_leaves_plain_text_alone():
    assert unformat("Witkoff & Kushner *met*") == "Witkoff & Kushner *met*"


def test_slash_command_body():
    body = {
        "channel_id": "C0NEWS001",
        "channel_name": "news",
        "user_id": "U0ALICE01",
        "user_name": "alice",
        "command": "/brief",
        "text": "who Witkoff",
    }
    assert from_slash_command(body) == Incoming(
        ChatRef("slack", "C0NEWS001"), "U0ALICE01", "/who Witkoff", False, None, "/brief "
    )
    private = from_slash_command(
        {**body, "channel_id": "D0ALICE01", "channel_name": "directmessage"}
    )
    assert private.is_private


@pytest.mark.parametrize(
    "text",
    ["<@UBOT0001> who Witkoff", "<@UBOT0001|briefbot>: who Witkoff", "  <@UBOT0001>, who Witkoff"],
)
def test_mention_prefix_is_removed(text):
    event = {"type": "app_mention", "user": "U0BOB0001", "channel": "C0NEWS001", "text": text}
    assert from_mention(event).text == "/who Witkoff"


def test_a_bare_mention_asks_for_help():
    event = {"type": "app_mention", "user": "U1", "channel": "C1", "text": "<@UBOT0001>"}
    assert from_mention(event).text == "/help"


def test_a_later_mention_of_someone_else_is_kept():
    event = {"user": "U1", "channel": "C1", "text": "<@UBOT0001> who <@U0BOB0001|bob>"}
    assert from_mention(event).text == "/who @bob"


@pytest.mark.parametrize(
    "event",
    [
        {"channel_type": "im", "subtype": "message_changed", "channel": "D1"},
        {"channel_type": "im", "bot_id": "B1", "user": "U1", "channel": "D1", "text": "x"},
        {"channel_type": "channel", "user": "U1", "channel": "C1", "text": "digest"},
        {"channel_type": "im", "channel": "D1", "text": "no user"},
    ],
)
def test_messages_that_are_not_commands(event):
    assert from_direct_message({"type": "message", **event}) is None


def test_each_way_in_says_how_commands_are_typed_there():
    slash = {"channel_id": "C1", "user_id": "U1", "command": "/news", "text": "digest"}
    mention = {"user": "U1", "channel": "C1", "text": "<@UBOT0001> digest"}
    direct = {"channel_type": "im", "user": "U1", "channel": "D1", "text": "digest"}
    assert from_slash_command(slash).command_prefix == "/news "  # a renamed slash command
    assert from_mention(mention).command_prefix == "/brief "
    direct_message = from_direct_message(direct)
    assert direct_message is not None and direct_message.command_prefix == "/brief "
    assert SlackAdapter.command_prefix == "/brief "  # for scheduled digests' hints
