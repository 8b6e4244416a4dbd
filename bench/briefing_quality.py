"""Briefing quality audit: defects per 100 key points, ours against two baselines.

Builds the briefing of every story over three real corpora (the five seeds with their
publication dates, WikiRef220, and every ``--bbc-step``-th BBC article), with the real
pipeline (ingest, embed, cluster) on a fresh SQLite store, then counts defects in the
points three ways, in the same run:

- ``ours``: the shipped key-point selection;
- ``filters off``: the same selection with this round's filters off (no loose datelines
  stripped, no "points back" test, the old fallback and headline tests): the code before;
- ``lead-3``: the first three standalone sentences of the story's first article.

Defects are counted twice: by rules (every point; the rules are this script's, broader
than the filters) and by hand labels (``briefing_quality_labels.json``: ``points`` maps a
point's text hash to the defect kinds a person gave it, "ok" for none; ``same_fact`` lists
pairs of hashes a person judged to state one fact, the later one in a story counting as
``dup``; ``held_out``: points first labelled after the filters were frozen, reported
apart because the others were seen while writing the filters). Labels cover a sample;
the table says how many points of each column were.

    python bench/briefing_quality.py [--bbc-step 4] [--unlabelled PATH]

``--unlabelled`` writes the points no label covers yet (hash and text) for labelling.
Skips with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

from summarizer.briefing import keypoints  # noqa: E402
from summarizer.clock import utcnow  # noqa: E402
from summarizer.config import PipelineConfig  # noqa: E402
from summarizer.models import Article  # noqa: E402
from summarizer.sentences import (  # noqa: E402
    clean_sentence,
    is_boilerplate,
    quotes_balanced,
    split_sentences,
    standalone,
)
from summarizer.service import Briefbot  # noqa: E402
from summarizer.stories import list_stories, story_articles, update_stories  # noqa: E402

SHARED = ROOT.parent / "shared"
LABELS = Path(__file__).with_name("briefing_quality_labels.json")
SEED_DATES = {
    "000": datetime(2025, 3, 17, 9, tzinfo=UTC),
    "001": datetime(2025, 3, 16, 12, tzinfo=UTC),
    "002": datetime(2025, 4, 22, 9, tzinfo=UTC),
    "003": datetime(2025, 3, 16, 18, tzinfo=UTC),
    "004": datetime(2025, 3, 14, 15, tzinfo=UTC),
}
KINDS = ("furniture", "dangling", "quote", "caption", "byline", "dateline", "dup", "fragment")
"""Defect kinds of a point; a headline's own defects are counted apart (``headline``)."""
CONFIGS = ("ours", "filters off", "lead-3")
Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Story:
    headline: str
    points: list[str]


# Corpora ---------------------------------------------------------------------------------


def copy_corpus(name: str, target: Path, bbc_step: int) -> None:
    """The corpus ``name`` under ``target`` (seeds stamped with their publication dates)."""
    target.mkdir(parents=True)
    if name == "seeds":
        for path in sorted((SHARED / "corpus" / "seeds").iterdir()):
            shutil.copy2(path, target / path.name)
            stamp = SEED_DATES[path.name[:3]].timestamp()
            os.utime(target / path.name, (stamp, stamp))
    elif name == "wikiref220":
        for path in sorted((SHARED / "eval" / "wikiref220").iterdir()):
            shutil.copy2(path, target / path.name)
    else:
        for path in sorted((SHARED / "eval" / "bbc" / "articles").glob("*/*.txt"))[::bbc_step]:
            (target / path.parent.name).mkdir(exist_ok=True)
            shutil.copy2(path, target / path.parent.name / path.name)


def story_members(folder: Path, name: str, bbc_step: int) -> tuple[Briefbot, list[list[Article]]]:
    """A store with the corpus ingested and clustered, and each story's articles."""
    corpus = folder / name
    copy_corpus(name, corpus, bbc_step)
    url = f"sqlite:///{folder / (name + '.db')}"
    config = PipelineConfig(corpus_dir=corpus, database_url=url, stable_seconds=0.0)
    bot = Briefbot(config, clock=lambda: utcnow() + timedelta(minutes=5))
    bot.ingest()
    update_stories(bot.store, config, clock=bot.clock)
    with bot.store.session() as session:
        stories = [story_articles(session, record.id) for record in list_stories(session)]
    return bot, [members for members in stories if members]


# The three ways of choosing points ------------------------------------------------------


def _old_headline_text(article: Article) -> str | None:
    headline = (article.headline or "").strip()
    words = len(headline.split())
    return headline if 3 <= words <= 30 and not is_boilerplate(headline) else None


def _old_qualifies(text: str, *, strict: bool = True) -> bool:
    if strict:
        return standalone(text, max_words=keypoints.MAX_POINT_WORDS)
    return len(text.split()) >= 4 and quotes_balanced(text) and not is_boilerplate(text)


@contextmanager
def filters_off() -> Iterator[None]:
    """The key-point selection as it was before this round's filters."""
    saved = keypoints.qualifies, keypoints.strip_dateline, keypoints.headline_text
    keypoints.qualifies = _old_qualifies
    keypoints.strip_dateline = clean_sentence
    keypoints.headline_text = _old_headline_text
    keypoints._qualifying.cache_clear()
    try:
        yield
    finally:
        keypoints.qualifies, keypoints.strip_dateline, keypoints.headline_text = saved
        keypoints._qualifying.cache_clear()


def lead_three(articles: Sequence[Article]) -> Story:
    first = articles[0]
    sentences = [clean_sentence(s) for s in split_sentences(first.text)]
    points = [s for s in sentences if standalone(s, max_words=keypoints.MAX_POINT_WORDS)][:3]
    return Story(first.headline or (points[0] if points else "Untitled story"), points)


def briefings(stories: list[list[Article]], encode: Encode) -> dict[str, list[Story]]:
    def ours() -> list[Story]:
        chosen = [keypoints.select(members, encode) for members in stories]
        return [Story(s.headline, [p.text for p in s.points]) for s in chosen]

    result = {"ours": ours()}
    with filters_off():
        result["filters off"] = ours()
    result["lead-3"] = [lead_three(members) for members in stories]
    return result


# Rules -----------------------------------------------------------------------------------

_RULES = {
    "furniture": re.compile(
        r"subscri|newsletter|sign up|click|read more|follow (?:us|him|her)|©|copyright|"
        r"all rights|after the jump|cookie|https?://|www\.|@\w|#\w|sponsored|"
        r"^(?:advertisement|you can|listen to|watch the|as a reminder)\b|independently verified",
        re.IGNORECASE,
    ),
    "dangling": re.compile(
        r"^[\"“‘']?(?:he|she|it|they|his|her|its|their|this|these|those|but|and|so|also|"
        r"however|meanwhile|separately|elsewhere|i|we|you|my|our|both|such|"
        r"the (?:company|firm|group|official|minister|president|spokesman|spokeswoman|report|"
        r"statement|move|deal|decision|plan|proposal|two|three|four|trio|pair|former|latter|"
        r"band|singer|actor|actress|star|rapper|club|team|bank|airline|\d+-year-old))\b(?! of)"
        r"|^[^,]{1,60}, (?:he|she|it|they)\b"
        r"|[,\"”] (?:he|she|they) (?:\w+ly )?(?:said|says|added|told|stated|wrote|explained|asked)",
        re.IGNORECASE,
    ),
    "caption": re.compile(
        r"\b(?:photo|image|picture)s?\s*(?::|by\b|credit)|getty|ap photo|/afp|/reuters|"
        r"\bcaption\b|\bpictured\b",
        re.IGNORECASE,
    ),
    "byline": re.compile(
        r"^by [A-Z][a-z]+ [A-Z]|reporting by|editing by|contributed to this report|"
        r"staff (?:writer|reporter)",
        re.IGNORECASE,
    ),
    "dateline": re.compile(
        r"^[A-Z][A-Z.'’]{2,}(?: [A-Z][A-Z.'’]+)*,?(?: [A-Z][a-z]{2,8}\.? \d{1,2})?"
        r"(?: ?\([^()]{2,30}\))? ?(?:--|[–—:-]|\()"
        r"|^[A-Z][a-z]+(?: [A-Z][a-z]+)? \((?:AP|AFP|CNN|Reuters|Kyodo|Xinhua|UPI|dpa)\)"
    ),
}


def rule_kinds(point: str) -> set[str]:
    """Defect kinds the audit rules see in one point (``dup`` is judged per story)."""
    kinds = {kind for kind, rule in _RULES.items() if rule.search(point)}
    quoted = re.fullmatch(r"[\"“][^\"“”]+[\"”]", point.strip())
    if not quotes_balanced(point) or quoted:
        kinds.add("quote")
    words = point.split()
    ends = re.search(r"[^.][.!][\"”’')\]]*$", point)
    if len(words) < 6 or not ends or point.lstrip().startswith(("-", "•", "*")):
        kinds.add("fragment")
    return kinds


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3}


def duplicates(points: Sequence[str], vectors: np.ndarray) -> set[int]:
    """Points (by index) that restate an earlier one: cosine >= 0.8, or half their content
    words shared with it."""
    found = set()
    for i, j in itertools.combinations(range(len(points)), 2):
        a, b = _content(points[i]), _content(points[j])
        overlap = len(a & b) / max(min(len(a), len(b)), 1)
        if float(vectors[i] @ vectors[j]) >= 0.8 or overlap >= 0.5:
            found.add(j)
    return found


_HEADLINE_RULE = re.compile(
    r"^(?:live|breaking|watch|video|photos?|gallery|home|news)\s*[:|–—-]|:$|\||as it happened|"
    r"live (?:updates|blog)|latest updates|untitled",
    re.IGNORECASE,
)


def headline_defect(headline: str) -> bool:
    """A headline that is furniture, a site name or a section label, or a sentence too long
    to read as a headline."""
    return bool(_HEADLINE_RULE.search(headline)) or not 3 <= len(headline.split()) <= 30


# Counting --------------------------------------------------------------------------------


def point_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:12]


@dataclass
class Tally:
    points: int = 0
    stories: int = 0
    headlines: int = 0
    rules: Counter[str] | None = None
    labelled: int = 0
    hand: Counter[str] | None = None
    held: int = 0
    """Of ``labelled``, the points first labelled after the filters were frozen."""
    held_hand: Counter[str] | None = None

    def __post_init__(self) -> None:
        self.rules, self.hand, self.held_hand = Counter(), Counter(), Counter()


@dataclass(frozen=True)
class Labels:
    points: dict[str, str]
    same_fact: set[frozenset[str]]
    held_out: frozenset[str]
    """Points first labelled after the filters were frozen (never used to tune them)."""

    @classmethod
    def load(cls, path: Path) -> Labels:
        data = json.loads(path.read_text()) if path.exists() else {}
        pairs = {frozenset(pair) for pair in data.get("same_fact", [])}
        return cls(data.get("points", {}), pairs, frozenset(data.get("held_out", [])))

    def kinds(self, point: str, earlier: Sequence[str]) -> set[str] | None:
        """The hand-given kinds of a point after ``earlier`` ones; None when unlabelled."""
        key = point_key(point)
        label = self.points.get(key)
        if label is None:
            return None
        kinds = {k for k in label.split(",") if k in KINDS}
        if any(frozenset((key, point_key(e))) in self.same_fact for e in earlier):
            kinds.add("dup")
        return kinds


def tally(stories: list[Story], encode: Encode, labels: Labels) -> Tally:
    found = Tally()
    for story in stories:
        found.stories += 1
        found.headlines += headline_defect(story.headline)
        vectors = encode(story.points) if story.points else np.zeros((0, 1))
        dups = duplicates(story.points, vectors)
        for index, point in enumerate(story.points):
            found.points += 1
            kinds = rule_kinds(point) | ({"dup"} if index in dups else set())
            found.rules.update(kinds)
            found.rules["any"] += bool(kinds)
            given = labels.kinds(point, story.points[:index])
            if given is not None:
                found.labelled += 1
                found.hand.update(given)
                found.hand["any"] += bool(given)
                if point_key(point) in labels.held_out:
                    found.held += 1
                    found.held_hand.update(given)
                    found.held_hand["any"] += bool(given)
    return found


def per100(count: int, total: int) -> str:
    return f"{100 * count / total:5.1f}" if total else "    -"


def table(name: str, tallies: dict[str, Tally]) -> str:
    head = f"| {name} | " + " | ".join(CONFIGS) + " | ours / filters off | ours / lead-3 |"
    lines = [head, "|---" * (len(CONFIGS) + 3) + "|"]

    def ratio(a: float, b: float) -> str:
        return f"{a / b:.2f}" if b else "-"

    def row(label: str, values: list[float]) -> str:
        shown = " | ".join(f"{v:5.1f}" for v in values)
        return (
            f"| {label} | {shown} | {ratio(values[0], values[1])} | {ratio(values[0], values[2])} |"
        )

    counts = " | ".join(f"{t.stories} / {t.points}" for t in tallies.values())
    lines.append(f"| stories / points | {counts} | | |")
    for kind in ("any", *KINDS):
        values = [100 * t.rules[kind] / max(t.points, 1) for t in tallies.values()]
        lines.append(row(f"rules: {kind} /100 points", values))
    labelled = " | ".join(f"{t.labelled} of {t.points}" for t in tallies.values())
    lines.append(f"| hand-labelled points | {labelled} | | |")
    for kind in ("any", *KINDS):
        values = [100 * t.hand[kind] / max(t.labelled, 1) for t in tallies.values()]
        if kind == "any" or any(t.hand[kind] for t in tallies.values()):
            lines.append(row(f"hand: {kind} /100 labelled", values))
    if any(t.held for t in tallies.values()):
        held = " | ".join(f"{t.held}" for t in tallies.values())
        lines.append(f"| of which held out | {held} | | |")
        for kind in ("any", "dangling", "dup"):
            values = [100 * t.held_hand[kind] / max(t.held, 1) for t in tallies.values()]
            lines.append(row(f"held out: {kind} /100 labelled", values))
    values = [100 * t.headlines / max(t.stories, 1) for t in tallies.values()]
    lines.append(row("headline defects /100 stories", values))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bbc-step", type=int, default=4, help="every Nth BBC article")
    parser.add_argument("--corpora", default="seeds,wikiref220,bbc")
    parser.add_argument("--unlabelled", type=Path, help="write unlabelled points here")
    args = parser.parse_args()
    if not (SHARED / "eval").exists() or not (SHARED / "corpus" / "seeds").exists():
        print(f"skipped: {SHARED} is absent (clone the project beside shared/ to run this)")
        return
    from summarizer.embeddings import embed_cached, load_embedder

    labels = Labels.load(LABELS)
    embedder = load_embedder()
    unlabelled: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.corpora.split(","):
            bot, stories = story_members(Path(tmp), name, args.bbc_step)
            with bot.store.session() as session:

                def encode(texts: Sequence[str]) -> np.ndarray:
                    return embed_cached(session, embedder, list(texts))

                chosen = briefings(stories, encode)
                tallies = {c: tally(chosen[c], encode, labels) for c in CONFIGS}
            bot.close()
            print(table(name, tallies), end="\n\n", flush=True)
            for config in CONFIGS:
                for number, story in enumerate(chosen[config]):
                    for point in story.points:
                        if point_key(point) not in labels.points:
                            unlabelled[point_key(point)] = f"{name}\t{number}\t{config}\t{point}"
    print(f"points without a hand label: {len(unlabelled)}")
    if args.unlabelled:
        lines = (f"{key}\t{text}" for key, text in sorted(unlabelled.items()))
        args.unlabelled.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
