"""One file to one draft article: read, decode, parse, clean, attribute, fingerprint."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from summarizer.ingest.attribution import checked_url, outlet_from_url, outlet_name, read_date
from summarizer.ingest.clean import clean_units
from summarizer.ingest.decode import decode_bytes, looks_binary
from summarizer.ingest.errors import RejectFile
from summarizer.ingest.fingerprint import content_hash, paragraph_key, shingles, simhash
from summarizer.ingest.formats import parse
from summarizer.ingest.language import guess_language
from summarizer.ingest.scan import FileEntry
from summarizer.ingest.short import short_item


def _opener(entry: FileEntry) -> Callable[[str, int], int]:
    """Open without blocking (a FIFO swapped in reads as empty) and, for a file the scan saw
    as a plain file, without following a link: swapped for a link to a file outside the
    corpus between the scan and the read, it is not read."""
    extra = getattr(os, "O_NONBLOCK", 0) | (0 if entry.link else getattr(os, "O_NOFOLLOW", 0))

    def opener(path: str, flags: int) -> int:
        return os.open(path, flags | extra)

    return opener


class StillChanging(Exception):
    """The file changed while it was read; it stays pending."""


@dataclass(eq=False)
class Draft:
    """An article as read from one file, before de-duplication and corpus statistics."""

    entry: FileEntry
    headline: str | None
    outlet: str | None
    url: str | None
    published: datetime
    language: str
    paragraphs: list[str]
    content_hash: str
    grams: np.ndarray
    """Hashes of the body's word trigrams (``fingerprint.shingles``)."""
    simhash: int
    keys: list[str] = field(default_factory=list)
    """``paragraph_key`` of each paragraph (same order)."""
    article_id: int | None = None
    """Set once stored, so later files of the same run can point at it."""
    update_of: object | None = None
    """The original (an article id or an earlier draft) this draft re-scrapes, if it does."""
    notices: list[str] = field(default_factory=list)
    """Metadata the file gave that was ignored, and why (a date out of range, a bad URL)."""

    @property
    def fingerprint(self) -> str:
        return f"{self.simhash:016x}"


def read_draft(entry: FileEntry) -> Draft:
    """Read and clean one ready file; raises :class:`RejectFile` or :class:`StillChanging`."""
    try:
        with open(entry.location, "rb", opener=_opener(entry)) as handle:
            data = handle.read()
        after = os.stat(entry.location)
    except PermissionError:
        raise RejectFile("cannot read the file: permission denied") from None
    except OSError as error:
        if error.errno == errno.ELOOP and not entry.link:
            raise RejectFile("became a symbolic link after the scan: not followed") from None
        raise RejectFile(f"cannot read the file: {error.strerror or error}") from None
    if after.st_size != entry.size or after.st_mtime != entry.mtime or len(data) != entry.size:
        raise StillChanging("changed while being read; will be read again once stable")
    if not data.strip():
        raise RejectFile("empty file")
    if looks_binary(data):
        raise RejectFile(f"binary content, not text (despite the {entry.path.suffix} name)")
    parsed = parse(decode_bytes(data), entry.kind or "txt")
    notices = parsed.notices
    url = checked_url(parsed.url, notices)
    declared = (outlet_name(parsed.source) if parsed.source else None) or (
        outlet_from_url(url) if url else None
    )
    cleaned = clean_units(parsed.units, title=parsed.title, outlet=declared)
    if not cleaned.paragraphs:
        short = short_item(cleaned.headline or parsed.title, parsed.units, kind=entry.kind or "txt")
        if short is None and parsed.units:
            raise RejectFile("no article text left after removing page boilerplate")
        if short is None:
            raise RejectFile("the file holds no text")
        cleaned.headline, cleaned.paragraphs = short
    outlet = (
        declared
        or cleaned.outlet
        or (outlet_from_url(parsed.extra["hostname"]) if parsed.extra.get("hostname") else None)
    )
    dated = read_date(parsed.published)
    notices += [dated.problem] if dated is not None and dated.problem else []
    notices += cleaned.notices
    published = (
        (dated.when if dated is not None else None)
        or cleaned.published
        or datetime.fromtimestamp(entry.mtime, UTC)
    )
    body = "\n\n".join(cleaned.paragraphs)
    grams = shingles(body)
    return Draft(
        entry=entry,
        headline=cleaned.headline,
        outlet=outlet,
        url=url,
        published=published,
        language=(parsed.language or guess_language(body)).lower()[:16],
        paragraphs=cleaned.paragraphs,
        content_hash=content_hash(cleaned.paragraphs),
        grams=grams,
        simhash=simhash(grams),
        keys=[paragraph_key(p) for p in cleaned.paragraphs],
        notices=notices,
    )
