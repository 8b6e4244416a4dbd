"""Fuzzing the file readers (issue #16): whatever a corpus file holds, reading it gives an
article or a :class:`RejectFile` with a reason, never another exception.

Hypothesis (pinned in the ``dev`` extra) draws file contents per format; the examples are
bounded and derandomised, so the suite stays fast and every run tries the same inputs.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from summarizer.ingest.document import Draft, read_draft
from summarizer.ingest.errors import RejectFile
from summarizer.ingest.scan import FileEntry

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SENTENCE = (
    "The ferry company said on Monday that crossings to the islands would resume on Friday "
    "once repairs to the pier were finished."
)
HOSTILE_DATES = [
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-14:00",
    "0000-00-00",
    "Tue, 31 Dec 9999 23:59:59 -1400",
    "31st December 9999 23:59",
    "",
]
HOSTILE_URLS = [
    "http://[::1",
    "http://[",
    "https://exa mple.org/\x00",
    "//[::1]:99999",
    "javascript:x",
]

dates = st.one_of(
    st.sampled_from(HOSTILE_DATES),
    st.datetimes(timezones=st.timezones()).map(lambda moment: moment.isoformat()),
    st.text(max_size=40),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=60),
    st.sampled_from(HOSTILE_URLS + HOSTILE_DATES),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _read(folder: Path, name: str, content: str | bytes) -> Draft | RejectFile:
    """Write one corpus file and read it as ingestion does; the outcome it gave."""
    path = folder / name
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    path.write_bytes(content)
    info = os.stat(path)
    kind = {".txt": "txt", ".md": "md", ".json": "json", ".html": "html"}[path.suffix]
    entry = FileEntry(str(path), info.st_size, info.st_mtime, kind=kind)
    try:
        return read_draft(entry)
    except RejectFile as error:
        assert error.reason
        return error


def _well_formed(draft: Draft | RejectFile) -> None:
    if isinstance(draft, Draft):
        assert draft.paragraphs and draft.published.tzinfo is not None
        assert draft.headline is None or isinstance(draft.headline, str)
        assert 1900 <= draft.published.year < 3000


@FUZZ
@given(content=st.binary(max_size=400))
@example(content=b"\xff\xfe\x00\x00" * 20)
def test_any_bytes_in_any_format(folder: Path, content: bytes) -> None:
    for name in ("f.txt", "f.md", "f.json"):
        _well_formed(_read(folder, name, content))


@FUZZ
@given(
    fields=st.dictionaries(
        st.sampled_from(["title", "text", "body", "url", "source", "published", "date", "lang"]),
        values,
    ),
    body=st.one_of(st.just(SENTENCE), st.text(max_size=200)),
)
@example(fields={"published": "0001-01-01T00:00:00+01:00"}, body=SENTENCE)
@example(fields={"url": "http://[::1", "title": 7}, body=SENTENCE)
def test_json_articles_with_any_fields(folder: Path, fields: dict, body: str) -> None:
    document = {"text": body, **fields}
    _well_formed(_read(folder, "a.json", json.dumps(document, ensure_ascii=False)))


@FUZZ
@given(meta=st.dictionaries(st.sampled_from(["title", "date", "url", "source"]), dates))
@example(meta={"date": "9999-12-31T23:59:59-14:00", "url": "http://[::1"})
def test_markdown_front_matter_with_any_values(folder: Path, meta: dict) -> None:
    lines = [f"{key}: {value}".replace("\n", " ") for key, value in meta.items()]
    text = "---\n" + "\n".join(lines) + "\n---\n\n# A headline\n\n" + SENTENCE + "\n"
    _well_formed(_read(folder, "a.md", text))


@FUZZ
@given(written=dates, lines=st.lists(st.text(max_size=80), max_size=5))
@example(written="0001-01-01T00:00:00+01:00", lines=[])
def test_text_with_any_date_line(folder: Path, written: str, lines: list[str]) -> None:
    text = "\n\n".join(["A headline", f"Published: {written}", SENTENCE, *lines])
    _well_formed(_read(folder, "a.txt", text))


@settings(FUZZ, max_examples=15)
@given(title=st.text(max_size=40), url=st.sampled_from(HOSTILE_URLS), written=dates)
def test_html_pages_with_hostile_metadata(folder: Path, title: str, url: str, written: str) -> None:
    page = (
        f"<html><head><title>{title}</title><link rel='canonical' href='{url}'>"
        f"<meta property='article:published_time' content='{written}'></head>"
        f"<body><article><h1>{title}</h1><p>{SENTENCE}</p><p>{SENTENCE}</p></article></body>"
        "</html>"
    )
    _well_formed(_read(folder, "a.html", page))
