"""Each format's metadata and text, and the attribution rules on their own."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ingest_support import Corpus, write

from summarizer.ingest.attribution import outlet_from_url, outlet_name, parse_date, split_sign_off
from summarizer.ingest.clean import clean_units
from summarizer.ingest.formats import parse_markdown, parse_txt

BODY = (
    "Ferry crews agreed a new contract on Thursday after a week of talks, the operator said.",
    "“This deal keeps the boats running all winter,” said captain Mira Holm.",
)


@pytest.fixture
def corpus(tmp_path: Path, database_url: str):
    corpus = Corpus(tmp_path, database_url)
    yield corpus
    corpus.close()


def test_markdown_front_matter_gives_title_outlet_date_and_url(corpus: Corpus) -> None:
    write(
        corpus.folder,
        "ferry.md",
        '---\ntitle: "Ferry crews sign contract"\nsource: theguardian.com\n'
        "date: 2026-11-19T08:30:00+02:00\nurl: https://example.org/ferry\n---\n\n"
        "# Ferry crews sign contract\n\n"
        f"{BODY[0][:36]}\n{BODY[0][37:]}\n\n> {BODY[1]}\n\n"
        "- [More ferry news](https://example.org/more)\n",
    )
    corpus.ingest()
    (article,) = corpus.articles()
    assert article.headline == "Ferry crews sign contract"
    assert article.outlet == "The Guardian"
    assert article.published == datetime(2026, 11, 19, 6, 30, tzinfo=UTC)
    assert article.url == "https://example.org/ferry"
    assert article.paragraphs == list(BODY)  # wrapped lines joined, the link list dropped


def test_json_fields_and_paragraph_lists(corpus: Corpus) -> None:
    document = {
        "headline": "Ferry crews sign contract",
        "text": [*BODY, "Advertisement"],
        "url": "https://www.independent.co.uk/news/ferry",
        "published": "Thu, 19 Nov 2026 07:00:00 GMT",
    }
    write(corpus.folder, "ferry.json", json.dumps(document))
    corpus.ingest()
    (article,) = corpus.articles()
    assert (article.headline, article.outlet) == ("Ferry crews sign contract", "The Independent")
    assert article.published == datetime(2026, 11, 19, 7, 0, tzinfo=UTC)
    assert article.paragraphs == list(BODY)


def test_html_main_text_and_metadata_via_trafilatura(corpus: Corpus) -> None:
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in BODY * 3)
    page = (
        "<html><head><title>Ferry deal | Island Post</title>"
        '<meta property="og:site_name" content="Island Post">'
        '<meta property="article:published_time" content="2026-11-19T09:15:00+00:00">'
        "</head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
        f"<article><h1>Ferry crews sign contract</h1>{paragraphs}</article>"
        "<footer><p>© 2026 Island Post. All rights reserved.</p></footer></body></html>"
    )
    write(corpus.folder, "ferry.html", page)
    corpus.ingest()
    (article,) = corpus.articles()
    assert article.outlet == "Island Post"
    assert article.published == datetime(2026, 11, 19, 9, 15, tzinfo=UTC)
    assert BODY[1] in article.text
    assert "Home" not in article.text and "All rights reserved" not in article.text


def test_txt_without_metadata_uses_date_line_else_mtime(corpus: Corpus) -> None:
    write(corpus.folder, "dated.txt", "Ferry deal\n\nPosted: 19 November 2026 10:45\n\n" + BODY[0])
    undated = write(corpus.folder, "undated.txt", "Ferry deal two\n\n" + BODY[1])
    corpus.ingest()
    published = {Path(a.path).name: a.published for a in corpus.articles()}
    assert published["dated.txt"] == datetime(2026, 11, 19, 10, 45, tzinfo=UTC)
    assert published["undated.txt"] == datetime.fromtimestamp(undated.stat().st_mtime, UTC)


def test_hard_wrapped_text_is_rejoined_into_paragraphs() -> None:
    text = (
        "The harbour master said on Monday that traffic\nhad risen for the third month in a\n"
        "row, driven by container ships.\n\nShe added that the new berth would open\n"
        "in spring, a month later than planned by\nthe authority.\n"
    )
    assert parse_txt(text).units == [
        "The harbour master said on Monday that traffic had risen for the third month in a "
        "row, driven by container ships.",
        "She added that the new berth would open in spring, a month later than planned by "
        "the authority.",
    ]


def test_markdown_without_front_matter_takes_the_first_heading() -> None:
    parsed = parse_markdown("# Ferry crews sign contract\n\n**Ferry crews** agreed a deal.\n")
    assert parsed.title == "Ferry crews sign contract"
    assert parsed.units == ["Ferry crews agreed a deal."]


@pytest.mark.parametrize(
    ("unit", "rest", "outlet"),
    [
        ("Talks resumed on Friday. – France24.", "Talks resumed on Friday.", "France24"),
        ("Source: independent.co.uk", "", "The Independent"),
        ("Talks resumed on Friday. (Reuters)", "Talks resumed on Friday.", "Reuters"),
        ("— Harbour Ledger", "", "Harbour Ledger"),
        ("Talks on the U.S.-Russia summit.", "Talks on the U.S.-Russia summit.", None),
    ],
)
def test_sign_offs(unit: str, rest: str, outlet: str | None) -> None:
    assert split_sign_off(unit) == (rest, outlet)


def test_outlet_names_are_normalised() -> None:
    assert outlet_name("FRANCE 24") == "France24"
    assert outlet_name("Moscow Times") == "The Moscow Times"
    assert outlet_name("https://www.themoscowtimes.com/2025/03/16/x") == "The Moscow Times"
    assert outlet_from_url("https://news.example-daily.co.uk/a") == "Example Daily"


def test_dates_are_aware_utc() -> None:
    assert parse_date("2026-11-19") == datetime(2026, 11, 19, tzinfo=UTC)
    assert parse_date("2026-11-19T10:00:00-05:00") == datetime(2026, 11, 19, 15, tzinfo=UTC)
    assert parse_date("November 19th, 2026") == datetime(2026, 11, 19, tzinfo=UTC)
    assert parse_date("next Tuesday") is None


def test_live_blog_keeps_sections_and_drops_teasers() -> None:
    units = [
        "Harbour strike live: talks resume as ships wait",
        "Talks resumed on Thursday morning, the union said.",
        "Ministers call for calm as strike enters second day",
        "Transport minister Karen Holt urged both sides to compromise.",
        "Who is Ana Ruiz, the union leader taking on the port?",
        "Watch | Pickets sing at the harbour gate",
        "Ships queue outside the harbour as strike bites",
        "More than 50 ships were waiting at anchor on Thursday.",
        "Opinion | The port cannot afford another strike",
        "https://cdn.example.org/img/ships.jpg?width=1200&height=800",
        "The port cannot afford another strike",
        "Ships pictured at anchor. Photo: Ana Lopes/Harbour Agency",
    ]
    cleaned = clean_units(units)
    assert cleaned.headline == "Harbour strike live: talks resume as ships wait"
    assert cleaned.paragraphs == [
        "Talks resumed on Thursday morning, the union said.",
        "Ministers call for calm as strike enters second day",
        "Transport minister Karen Holt urged both sides to compromise.",
        "Ships queue outside the harbour as strike bites",
        "More than 50 ships were waiting at anchor on Thursday.",
    ]
