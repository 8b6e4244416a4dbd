"""A digest a person reads in a minute: five stories in one Telegram message and about 300
words, each with its strongest points and where to read the rest; longer on request."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.commands.briefs import render_digest, render_story
from bot.render import plain, telegram
from bot.subscriptions import SubscriptionBook
from summarizer.briefing.models import Briefing, Digest, KeyPoint, shown_points
from tests.fakes.service import NOW, FakeService
from tests.fakes.testbot import TestBot

MOMENT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
FILLER = (
    "after a long night of talks in the old town hall that ran well past midnight and left"
    " both sides tired but still willing to meet again on Thursday morning"
)


def _long_stories() -> list[Briefing]:
    """Five stories with four points of about 40 words each (the most a point may have)."""
    stories = []
    for n in range(1, 6):
        points = [
            KeyPoint(f"Point {k} of story {n}: the council of Halbury agreed {FILLER}.", "Wire", n)
            for k in range(1, 5)
        ]
        headline = f"Halbury council agrees budget after talks, story {n}"
        stories.append(Briefing(n, headline, points, ["Wire", "Gazette"], [n], rank=n))
    return stories


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_five_long_stories_fit_one_telegram_message_of_about_300_words() -> None:
    reply = render_digest(_long_stories(), {}, since=MOMENT, zone=ZoneInfo("UTC"))
    parts = telegram.render(reply)
    assert len(parts) == 1 and _utf16(parts[0]) <= 4096
    text = plain.render(reply)
    shown = [line for line in text.splitlines() if line.startswith("• Point")]
    assert 5 <= len(shown) <= 7  # every story its strongest point, a second while room allows
    words = sum(len(line.split()) for line in text.splitlines() if line.startswith(("•", "1.")))
    assert words <= 320
    for n in range(1, 6):
        assert f"Point 1 of story {n}:" in text and f"more: /story {n}" in text
    assert "Point 4 of" not in text


def test_a_chat_that_asks_for_more_points_gets_every_one() -> None:
    reply = render_digest(_long_stories(), {}, since=MOMENT, zone=ZoneInfo("UTC"), points=4)
    text = plain.render(reply)
    assert all(f"Point 4 of story {n}:" in text for n in range(1, 6))


def test_the_console_and_json_digest_are_short_the_same_way() -> None:
    digest = Digest(MOMENT, None, _long_stories())
    text = digest.to_text()
    counts = shown_points(digest.stories)
    assert [text.count(f"of story {n}:") for n in range(1, 6)] == counts
    assert "more: briefbot story 1" in text
    stories = digest.to_json()["stories"]
    assert [len(s["points"]) for s in stories] == counts
    assert [s["more_points"] for s in stories] == [4 - c for c in counts]
    longer = replace(digest, points=3).to_json()["stories"]
    assert [len(s["points"]) for s in longer] == [3] * 5


def test_people_and_organisations_have_their_own_lines() -> None:
    story = replace(
        _long_stories()[0], people=["Ilse Varga", "Tomas Hale"], organisations=["Kremlin", "Nato"]
    )
    text = plain.render(render_story(story, {}, zone=ZoneInfo("UTC")))
    assert "People: Ilse Varga, Tomas Hale" in text
    assert "Organisations: Kremlin, Nato" in text
    console = Digest(MOMENT, None, [story]).to_text()
    assert "   People: Ilse Varga, Tomas Hale\n   Organisations: Kremlin, Nato" in console


def test_settings_points_asks_for_longer_digests(
    service: FakeService, book: SubscriptionBook
) -> None:
    testbot = TestBot(service, book, clock=lambda: NOW)
    service.stories = tuple(_long_stories())
    testbot.exec("/subscribe 7:05")
    assert "• Points per story: 3 (/settings points N)" in testbot.exec("/settings points 3")
    assert "Point 3 of story 5:" in testbot.exec("/digest")
    assert testbot.exec("/settings points 9") == "Points per story must be a number from 1 to 4."
    assert "• Points per story: default" in testbot.exec("/settings points default")
    assert "Point 3 of story 5:" not in testbot.exec("/digest")
