"""Per-format parsing: ``.txt``, ``.md`` (front matter), ``.json`` and ``.html`` to text units.

A *unit* is one paragraph-level block of text as the page had it (a line of a scraped
``.txt``, a Markdown paragraph, a paragraph that trafilatura found). Cleaning works on units.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from summarizer.ingest.errors import RejectFile

SUPPORTED = (".txt", ".md", ".json", ".html")
FORMAT_OF = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".json": "json"}
FORMAT_OF |= {".html": "html", ".htm": "html"}

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ENTITY = re.compile(r"&(?:#[0-9]{2,6}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")


@dataclass
class ParsedFile:
    """What a file says before cleaning: text units plus any metadata it carries."""

    units: list[str]
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    """Metadata ignored and why (a title that is a number), for the ingest report."""


def parse(text: str, kind: str) -> ParsedFile:
    """Parse decoded text of one format (``txt``, ``md``, ``json``, ``html``)."""
    parser = {"txt": parse_txt, "md": parse_markdown, "json": parse_json, "html": parse_html}
    return parser[kind](text)


def normalise_space(line: str) -> str:
    """Collapse runs of spaces, tabs and non-breaking spaces; strip the ends.

    Character references left by scrapers (``&#163;``, ``&amp;``) are decoded too.
    """
    if "&" in line:
        line = _ENTITY.sub(lambda match: html.unescape(match.group(0)), line)
    return _SPACES.sub(" ", line).strip()


def parse_txt(text: str) -> ParsedFile:
    """Scraped text: one unit per line, unless the file is hard-wrapped into blank-line blocks."""
    lines = [normalise_space(line) for line in text.split("\n")]
    blocks = _blocks(lines)
    if _hard_wrapped(blocks):
        return ParsedFile(units=[" ".join(block) for block in blocks])
    return ParsedFile(units=[line for line in lines if line])


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _hard_wrapped(blocks: list[list[str]]) -> bool:
    """Lines cut at a fixed width inside paragraphs (rather than one paragraph per line)."""
    inner = [line for block in blocks for line in block[:-1]]
    if len(blocks) < 2 or len(inner) < 3:
        return False
    longest = max(len(line) for block in blocks for line in block)
    unfinished = sum(1 for line in inner if not _TERMINAL.search(line))
    return longest <= 100 and unfinished / len(inner) >= 0.5


_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n(.*?)\n\1[ \t]*(?:\n|\Z)", re.DOTALL)
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\[\]]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\([^()\[\]]*\)")
_MD_LINK_ONLY = re.compile(r"^[^\w\[]*\[[^\[\]]+\]\([^()\[\]]*\)\W*$")
"""A list item or line that is nothing but a link: navigation, not text."""
# No bracket inside a link's text or URL, no parenthesis inside its URL: each try stops at
# the next bracket, so a line of 100,000 "[" or "](" takes linear time, not quadratic.
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)([^*]+?)\*(?![\w*])")
_MD_BLOCK = re.compile(r"^(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")


def parse_markdown(text: str) -> ParsedFile:
    """Markdown with optional YAML-like (``---``) or TOML-like (``+++``) front matter."""
    meta: dict[str, str] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        meta = _front_matter(match.group(2), toml=match.group(1) == "+++")
        text = text[match.end() :]
    units: list[str] = []
    title = _first(meta, "title", "headline")
    paragraph: list[str] = []
    in_code = False
    for raw in text.split("\n"):
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            continue
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        if not line or heading or _MD_BLOCK.match(line) or re.fullmatch(r"[-*_]{3,}", line):
            if paragraph:
                units.append(" ".join(paragraph))
                paragraph = []
            if heading and title is None and line.startswith("# ") and not units:
                title = _inline_markdown(heading.group(1))
                continue
            content = _MD_BLOCK.sub("", line)
            if line and not re.fullmatch(r"[-*_]{3,}", line) and not _MD_LINK_ONLY.match(content):
                units.append(_inline_markdown(content))
            continue
        paragraph.append(_inline_markdown(line))
    if paragraph:
        units.append(" ".join(paragraph))
    return ParsedFile(
        units=[normalise_space(u) for u in units if normalise_space(u)],
        title=title,
        url=_first(meta, "url", "link", "canonical_url"),
        source=_first(meta, "source", "outlet", "publisher", "site", "site_name"),
        published=_first(meta, "published", "date", "published_at", "pubdate"),
        language=_first(meta, "language", "lang"),
    )


def _inline_markdown(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    return _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", line)


def _front_matter(block: str, *, toml: bool) -> dict[str, str]:
    """``key: value`` (or ``key = value``) lines; quotes stripped; nested structure ignored."""
    meta: dict[str, str] = {}
    separator = "=" if toml else ":"
    for line in block.split("\n"):
        if not line.strip() or line[0].isspace() or separator not in line:
            continue
        key, value = line.split(separator, 1)
        value = value.strip().strip("\"'")
        if value:
            meta[key.strip().lower()] = value
    return meta


def _first(meta: dict[str, Any], *keys: str, notices: list[str] | None = None) -> str | None:
    """The first of ``keys`` with a text value; a value of another type (``"title": 7``) is
    ignored, with a notice when ``notices`` is given."""
    for key in keys:
        value = meta.get(key)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        if isinstance(value, str):
            if value.strip():
                return _valid_text(value.strip())
        elif value not in (None, [], {}) and notices is not None:
            notices.append(f"'{key}' is {_json_kind(value)}, not text: ignored")
    return None


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _valid_text(text: str) -> str:
    """JSON escapes can spell what no file may hold: NULs and unpaired surrogates."""
    return _LONE_SURROGATE.sub("\ufffd", text.replace("\x00", ""))


_JSON_BODY = ("text", "body", "content", "article", "summary", "description")
"""Fields read as the article's text, first found first; a feed's summary counts as text."""


def parse_json(text: str) -> ParsedFile:
    """One article object: ``title``, ``text``/``body`` (string or list), ``url``, ``source``…"""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise RejectFile(
            f"invalid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    except ValueError as error:  # a number of more than 4,300 digits
        raise RejectFile(f"invalid JSON: {str(error).split(':')[0]}") from None
    except RecursionError:
        raise RejectFile("invalid JSON: nested too deeply") from None
    if isinstance(document, list) and len(document) == 1:
        document = document[0]
    if not isinstance(document, dict):
        raise RejectFile("JSON must be one article object with a 'text' or 'body' field")
    lowered = {str(key).lower(): value for key, value in document.items()}
    body = next((lowered[k] for k in _JSON_BODY if lowered.get(k)), None)
    if body is None and _first(lowered, "title", "headline") is None:
        raise RejectFile("JSON article has no 'text', 'body', 'summary' or 'title' field")
    body = body or ""  # a headline-only feed item (see ingest/short.py)
    if isinstance(body, list):
        body = "\n".join(str(part) for part in body)
    if not isinstance(body, str):
        raise RejectFile("JSON 'text'/'body' must be a string or a list of paragraphs")
    parsed = parse_txt(_valid_text(body))
    notices = parsed.notices
    parsed.title = _first(lowered, "title", "headline", notices=notices)
    parsed.url = _first(lowered, "url", "link", notices=notices)
    parsed.source = _first(
        lowered, "source", "outlet", "publisher", "site_name", "site", notices=notices
    )
    parsed.published = _first(
        lowered,
        "published",
        "published_at",
        "date",
        "pubdate",
        "datepublished",
        "time",
        notices=notices,
    )
    parsed.language = _first(lowered, "language", "lang", notices=notices)
    return parsed


def parse_html(text: str) -> ParsedFile:
    """The page's main text (trafilatura) and its metadata (title, site name, URL, date)."""
    import trafilatura
    from trafilatura.metadata import extract_metadata

    body = trafilatura.extract(
        text, output_format="txt", include_comments=False, include_tables=False
    )
    if not body:
        raise RejectFile("no article text found in the HTML page")
    meta = extract_metadata(
        text,
        date_config={"original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
    )
    parsed = parse_txt(body)
    if meta is not None:
        parsed.title = meta.title or None
        parsed.url = meta.url or None
        parsed.source = meta.sitename or None
        parsed.published = meta.date or None
        parsed.extra["hostname"] = meta.hostname
    return parsed
