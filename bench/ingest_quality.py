"""Ingestion quality on real scraped corpora: defects per 100 articles, ours vs a raw baseline.

Usage: ``python bench/ingest_quality.py [--show KIND]``. Each corpus (the five seeds,
WikiRef220, the BBC development set, ``examples/corpus``) is ingested with the real
pipeline into a temporary SQLite store; the stored articles are then checked by rules
that need no labels. The baseline, measured in the same run, is the raw file read the
naive way: decoded, one unit per line, the first line as headline, nothing removed.

Defect kinds (each counted once per article):

- ``no headline``: none found although the file's first line is a headline-shaped line.
- ``bad headline``: a site name, section label, date line, byline or sentence as headline.
- ``bad outlet``: an outlet that does not look like a name (lower-case words, too long).
- ``boilerplate kept``: a kept paragraph that is page furniture by an audit list of cues
  (read more, newsletter, share, cookies, photo credits, ©, advertisement).
- ``prose removed``: a removed unit that is a sentence (8+ words, ends like a sentence,
  no furniture cue, no we/you/support wording of an appeal, not a question teaser, not the
  outlet's tagline) or a piece of one (the next unit carries on in lower case): content lost.
- ``broken paragraph``: a kept paragraph starting in lower case, or a lone fragment that
  the next paragraph continues (a sentence cut apart by the scraper).
- ``mojibake``: UTF-8 read as cp1252 (``â€™``, ``Ã©``) or U+FFFD in the text.
- ``split suspect``: a sentence (``split_sentences``) ending in a title abbreviation
  ("Mr.", "No.") or starting in lower case.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from summarizer.config import PipelineConfig  # noqa: E402
from summarizer.ingest import ingest_corpus  # noqa: E402
from summarizer.ingest.decode import decode_bytes  # noqa: E402
from summarizer.ingest.formats import FORMAT_OF, parse  # noqa: E402
from summarizer.sentences import split_sentences  # noqa: E402
from summarizer.store import Store  # noqa: E402
from summarizer.store.articles import ArticleRow  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPORA = {
    "seeds": SHARED / "corpus" / "seeds",
    "wikiref220": SHARED / "eval" / "wikiref220",
    "bbc": SHARED / "eval" / "bbc" / "articles",
    "examples": ROOT / "examples" / "corpus",
}
LATER = datetime(2100, 1, 1, tzinfo=UTC)
KINDS = (
    "no headline",
    "bad headline",
    "bad outlet",
    "boilerplate kept",
    "prose removed",
    "broken paragraph",
    "mojibake",
    "split suspect",
)

_FURNITURE = re.compile(
    r"^(?:read more|related|share|advertisement|sponsored|sign up|subscribe|follow us|"
    r"continue reading|click here|most (?:read|popular)|watch|listen)\b|"
    r"\b(?:newsletter|cookie (?:policy|settings|notice)|uses? cookies|privacy policy|"
    r"all rights reserved|terms of (?:use|service))\b|©|"
    r"\b(?:photo|image|picture)s?\s*(?:by|:)\s*[A-Z][a-z]|/(?:Reuters|AP|AFP|Getty|EPA|TASS)\s*$",
    re.IGNORECASE,
)
_APPEAL = re.compile(
    r"\b(?:you|your|we|our|us|support|donat\w*|subscri\w*|newsletter|journalism)\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_DATE_ONLY = re.compile(
    r"^(?:published|updated|posted)?\W*(?:\w+day,?\s+)?\d{1,2}\s+\w+\s+\d{4}|^\d{4}-\d{2}-\d{2}",
    re.IGNORECASE,
)
_MOJIBAKE = re.compile("â€|Ã[\u0080-\u00bf©¨§ ]|Â[\u00a0-\u00bf]|\ufffd")
_TITLE_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Gov|No|St)\.$")
_OUTLET_SMALL = {"of", "the", "and", "for", "de", "la", "le", "du", "&"}


@dataclass
class Article:
    """What one corpus file became (or would become under the baseline)."""

    first_line: str
    headline: str | None
    outlet: str | None
    paragraphs: list[str]
    removed: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)


def files_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in FORMAT_OF)


def raw_units(path: Path) -> list[str]:
    return parse(decode_bytes(path.read_bytes()), FORMAT_OF[path.suffix.lower()]).units


def ours(folder: Path) -> dict[Path, Article]:
    """Ingest the folder into a temporary store; what each file became."""
    temp = Path(tempfile.mkdtemp(prefix="bench-iq-"))
    try:
        url = f"sqlite:///{temp / 'iq.db'}"
        store = Store(url)
        ingest_corpus(store, folder, PipelineConfig(database_url=url), clock=lambda: LATER)
        with store.session() as session:
            rows = session.scalars(select(ArticleRow).where(ArticleRow.deleted_at.is_(None)))
            stored = {Path(r.path): (r.headline, r.outlet, r.text.split("\n\n")) for r in rows}
        store.close()
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    result: dict[Path, Article] = {}
    for path in files_of(folder):
        units = raw_units(path)
        found = stored.get(path.resolve())
        if found is None:
            continue  # a duplicate or a reject: not an article
        headline, outlet, paragraphs = found
        kept = set(paragraphs) | {headline}
        removed = [
            u for u in units if u not in kept and not any(p in u or u in p for p in paragraphs)
        ]
        result[path] = Article(
            units[0] if units else "", headline, outlet, paragraphs, removed, units
        )
    return result


def baseline(folder: Path) -> dict[Path, Article]:
    """The naive reading: first line as headline, every other line a paragraph."""
    result: dict[Path, Article] = {}
    for path in files_of(folder):
        units = raw_units(path)
        if units:
            result[path] = Article(units[0], units[0], None, units[1:], [], units)
    return result


def headline_shaped(line: str) -> bool:
    count = len(line.split())
    return 3 <= count <= 25 and not _SENTENCE_END.search(line) and line[:1].isupper()


def bad_headline(headline: str) -> bool:
    words = headline.split()
    return (
        len(words) < 2
        or len(words) > 30
        or bool(_DATE_ONLY.match(headline))
        or headline.lower().startswith("by ")
        or bool(_FURNITURE.search(headline))
        or (headline.isupper() and len(words) <= 3)
        or len(headline) > 220
        or bool(re.fullmatch(r"[\w.-]+\.(?:com|co\.uk|org|net)", headline))
    )


def bad_outlet(outlet: str) -> bool:
    words = outlet.split()
    lower = [w for w in words if w[:1].islower() and w not in _OUTLET_SMALL]
    return bool(lower) or len(words) > 5


def continues(unit: str) -> bool:
    """A unit that carries on a sentence begun before it (starts with a lower-case word)."""
    return bool(re.match(r"[a-z]{2,}[\s,;]", unit))


def lost_prose(unit: str, article: Article) -> bool:
    """A removed unit that was article text: a plain sentence, or a piece of one."""
    if article.outlet and unit.startswith((article.outlet, article.outlet.removeprefix("The "))):
        return False  # the outlet's tagline about itself
    if len(unit.split()) >= 8 and _SENTENCE_END.search(unit) and unit[:1].isupper():
        return not (_APPEAL.search(unit) or _FURNITURE.search(unit) or unit.endswith("?"))
    units = article.units
    at = units.index(unit)
    after = units[at + 1] if at + 1 < len(units) else ""
    return not _SENTENCE_END.search(unit) and continues(after) and len(after.split()) >= 4


def defects(article: Article) -> dict[str, str]:
    """Each defect kind found in the article, with the text that shows it."""
    found: dict[str, str] = {}
    if article.headline is None and headline_shaped(article.first_line):
        found["no headline"] = article.first_line
    if article.headline is not None and bad_headline(article.headline):
        found["bad headline"] = article.headline
    if article.outlet is not None and bad_outlet(article.outlet):
        found["bad outlet"] = article.outlet
    for p in article.paragraphs:
        if _FURNITURE.search(p) and len(p.split()) <= 40:
            found["boilerplate kept"] = p
            break
    for unit in article.removed:
        if lost_prose(unit, article):
            found["prose removed"] = unit
            break
    for p in article.paragraphs:
        if continues(p):
            found["broken paragraph"] = p
            break
    text = "\n\n".join([article.headline or "", *article.paragraphs])
    if match := _MOJIBAKE.search(text):
        found["mojibake"] = text[max(match.start() - 30, 0) : match.end() + 30]
    for sentence in split_sentences("\n\n".join(article.paragraphs)):
        if _TITLE_END.search(sentence) or sentence[:1].islower():
            found["split suspect"] = sentence
            break
    return found


def count(articles: Iterable[Article]) -> tuple[int, Counter[str]]:
    total, counts = 0, Counter[str]()
    for article in articles:
        total += 1
        counts.update(defects(article).keys())
    return total, counts


def show(name: str, kind: str, articles: dict[Path, Article]) -> None:
    for path, article in articles.items():
        if example := defects(article).get(kind):
            print(f"  [{name}] {path.name}: {example[:160]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=KINDS, help="list the articles with this defect")
    args = parser.parse_args()
    present = {name: folder for name, folder in CORPORA.items() if folder.is_dir()}
    missing = sorted(set(CORPORA) - set(present))
    if missing:
        print(f"skipped (folder absent: ../shared is not checked out?): {', '.join(missing)}")
    if not present:
        return
    print("Defects per 100 articles: ours (pipeline) vs baseline (raw lines), ratio ours/baseline")
    print(f"{'corpus':<11} {'defect':<17} {'ours':>7} {'baseline':>9} {'ratio':>7}")
    for name, folder in present.items():
        mine, naive = ours(folder), baseline(folder)
        n_ours, c_ours = count(mine.values())
        n_base, c_base = count(naive.values())
        print(f"{name:<11} {'(articles)':<17} {n_ours:>7} {n_base:>9}")
        for kind in KINDS:
            a = 100 * c_ours[kind] / max(n_ours, 1)
            b = 100 * c_base[kind] / max(n_base, 1)
            ratio = f"{a / b:7.2f}" if b else ("      -" if not a else "    inf")
            print(f"{'':<11} {kind:<17} {a:7.1f} {b:9.1f} {ratio}")
        if args.show:
            show(name, args.show, mine)


if __name__ == "__main__":
    main()
