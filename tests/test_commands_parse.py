"""Reading commands as people type them, in private chats and groups."""

from __future__ import annotations

import pytest

from bot.commands.parse import Parsed, parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/who Witkoff", Parsed("who", "Witkoff")),
        ("  /WHO   Steve   Witkoff  ", Parsed("who", "Steve Witkoff")),
        ("/who@BriefBot Witkoff", Parsed("who", "Witkoff", "BriefBot")),
        ("/digest@BriefBot", Parsed("digest", "", "BriefBot")),
        ("/search gaza\ntruce", Parsed("search", "gaza truce")),
        ("/story 2", Parsed("story", "2")),
    ],
)
def test_commands_are_parsed(text: str, expected: Parsed) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["hello", "", "/", "/who,Witkoff", "who /who", "/ who"])
def test_other_text_is_not_a_command(text: str) -> None:
    assert parse(text) is None


def test_a_command_is_for_us_without_a_name_or_with_one_of_ours() -> None:
    ours = ["briefbot_bot", "@Other_Name"]
    assert Parsed("who").for_us(ours)
    assert Parsed("who", addressed_to="BRIEFBOT_BOT").for_us(ours)
    assert Parsed("who", addressed_to="other_name").for_us(ours)
    assert not Parsed("who", addressed_to="someone_else_bot").for_us(ours)
