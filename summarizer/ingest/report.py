"""What one ingestion run did, for the CLI, the JSON contract and the corpus watcher."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class ArticleEvent:
    """An article stored, changed or marked deleted in this run."""

    path: str
    article_id: int
    headline: str | None = None
    outlet: str | None = None
    version: int = 1
    update_of: int | None = None
    """Set when the article is a near-duplicate re-scrape of this (original) article."""


@dataclass(frozen=True)
class FileProblem:
    """A file rejected (with the reason) or pending (and why it waits)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    """A file whose article is already stored under another name."""

    path: str
    duplicate_of: int
    duplicate_of_path: str


@dataclass
class IngestReport:
    """Counts and details of one run; paths are relative to the corpus folder."""

    corpus: str
    scanned: int = 0
    ingested: list[ArticleEvent] = field(default_factory=list)
    updated: list[ArticleEvent] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    rejected: list[FileProblem] = field(default_factory=list)
    pending: list[FileProblem] = field(default_factory=list)
    deleted: list[ArticleEvent] = field(default_factory=list)
    unchanged: int = 0
    recleaned: int = 0
    """Stored articles that lost paragraphs newly recognised as repeated boilerplate."""
    notices: list[str] = field(default_factory=list)
    """Things the operator should know that are not about one file (an empty folder)."""
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """Whether the store's articles changed (so stories need processing)."""
        return bool(self.ingested or self.updated or self.deleted or self.recleaned)

    def counts(self) -> dict[str, int]:
        return {
            "ingested": len(self.ingested),
            "updated": len(self.updated),
            "duplicates": len(self.duplicates),
            "rejected": len(self.rejected),
            "pending": len(self.pending),
            "deleted": len(self.deleted),
            "unchanged": self.unchanged,
            "recleaned": self.recleaned,
        }

    def rejection_counts(self) -> list[tuple[str, int]]:
        """Rejected files counted by kind of reason (paths and numbers left out), most first."""
        kinds = Counter(reason_kind(problem.reason) for problem in self.rejected)
        return sorted(kinds.items(), key=lambda pair: (-pair[1], pair[0]))

    @property
    def nothing_readable(self) -> bool:
        """Files were found and every one of them was rejected in this run."""
        return self.scanned > 0 and len(self.rejected) >= self.scanned

    def to_json(self) -> dict[str, object]:
        """The documented JSON document of ``briefbot ingest --json``."""
        return {
            "corpus": self.corpus,
            "scanned": self.scanned,
            "counts": self.counts(),
            "ingested": [asdict(event) for event in self.ingested],
            "updated": [asdict(event) for event in self.updated],
            "duplicates": [asdict(duplicate) for duplicate in self.duplicates],
            "rejected": [asdict(problem) for problem in self.rejected],
            "pending": [asdict(problem) for problem in self.pending],
            "deleted": [asdict(event) for event in self.deleted],
            "notices": list(self.notices),
            "seconds": round(self.seconds, 3),
        }


_DETAIL = re.compile(r": | \(")
_NUMBER = re.compile(r"\d[\d,.]*")


def reason_kind(reason: str) -> str:
    """A rejection reason without its particulars ("file too large: 64,000 bytes…" → "file
    too large"), so that reasons can be counted."""
    return _NUMBER.sub("N", _DETAIL.split(reason, maxsplit=1)[0]).strip()
