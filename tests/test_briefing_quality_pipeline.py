"""Messy articles (written for this test) through the real pipeline: what a reader gets.

Three outlets report one dam evacuation with the usual scraping mess: datelines with no
date, quotes whose speaker is only "he", a quotation with no speaker, a sentence cut off
with "...", a pronoun after an opening phrase, a live-blog page title and a title with
the site's name after a bar. ``briefbot ingest`` then ``briefbot digest --json`` must show
none of it, and every point must still be the articles' own words.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bot.cli.briefs  # noqa: F401  (registers the commands)
from bot.cli.app import app

pytestmark = pytest.mark.slow
runner = CliRunner()

DAM = [
    (
        "Vale Gazette",
        "LIVE: Halbury dam latest updates",
        "HALBURY — Engineers lowered the water level of the Halbury reservoir on Wednesday "
        "after cracks were found in the old dam wall, the regional water board said.\n\n"
        "“We are not taking any chances with people's homes,” she said on Wednesday evening.\n\n"
        "Around 400 residents of the lower valley were told to leave their homes overnight as "
        "a precaution.\n\n"
        "“Nobody should go near the spillway or the footpaths below it until further notice.”\n\n"
        "On Wednesday, they also closed the valley road to all traffic in both directions.",
    ),
    (
        "Northern Ledger",
        "Cracks in Halbury dam force evacuation of 400 residents | Northern Ledger",
        "HALBURY (Ledger Wire) Cracks in the wall of the Halbury dam led the regional water "
        "board to start lowering the reservoir on Wednesday.\n\n"
        "The board said about 400 people living below the dam had been moved to a school "
        "hall in the town.\n\n"
        "When he visited the site, he promised a full inspection of every dam in the region.\n\n"
        "An independent report on the state of the wall is expected by the end of the "
        "month, but residents fear the worst...",
    ),
    (
        "Riverside Post",
        "Dam fears empty Halbury valley",
        "HALBURY: Water board engineers began draining the Halbury reservoir on Wednesday "
        "after finding cracks in the wall of its dam.\n\n"
        "Regional minister Tomas Brell said the government would pay for the repairs and "
        "for the hotel rooms of the families who had to leave.\n\n"
        "“It is a very old wall and it was always going to need a lot of work,” he added, "
        "standing by the spillway.",
    ),
]
DEFECTS = {
    "a dateline": re.compile(r"^HALBURY\b"),
    "a speaker who is only a pronoun": re.compile(r"[,”] (?:he|she) (?:said|added)"),
    "a quotation with no speaker": re.compile(r"^“[^“”]+”$"),
    "a sentence cut off": re.compile(r"\.\.\.$"),
    "a pronoun after an opening phrase": re.compile(r"^[^,]+, (?:he|she|they)\b"),
    "a pronoun in an opening clause": re.compile(r"^When he\b"),
}


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    for number, (outlet, headline, text) in enumerate(DAM):
        path = folder / f"{number}.txt"
        path.write_text(f"{headline}\n\n{text}\n\n– {outlet}\n", encoding="utf-8")
        os.utime(path, (time.time() - 3600, time.time() - 3600))  # settled: no longer written


def test_the_digest_shows_clean_points_and_a_real_headline(database_url, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    url = ["--database-url", database_url]
    ingest = runner.invoke(app, [*url, "ingest", "--corpus", str(corpus)])
    assert ingest.exit_code == 0, ingest.output
    result = runner.invoke(app, [*url, "digest", "--json"])
    assert result.exit_code == 0, result.output
    stories = json.loads(result.output)["stories"]
    assert len(stories) == 1, [s["headline"] for s in stories]
    story = stories[0]
    points = [p["text"] for p in story["points"]]
    assert 2 <= len(points) <= 4, points
    # The reader sees an article's real headline: not the live-blog title, no "| site" part.
    assert story["headline"] in {
        "Cracks in Halbury dam force evacuation of 400 residents",
        "Dam fears empty Halbury valley",
    }
    for point in points:
        found = [name for name, rule in DEFECTS.items() if rule.search(point)]
        assert not found, (point, found)
        assert any(point in text for _, _, text in DAM), point  # the articles' own words
    # The draining of the reservoir is one fact told three times: one point, the other two
    # outlets named beside it.
    draining = [p for p in story["points"] if re.search(r"lowered|lowering|draining", p["text"])]
    assert len(draining) == 1, points
    assert len(draining[0]["also"]) == 2, draining
