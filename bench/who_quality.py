"""Defects in ``/who`` answers that rules can count, for the current code and a baseline.

Per corpus (the five seeds, WikiRef220, BBC politics + business + entertainment, every
``--bbc-step``-th file), a store is built with real ingestion and the people index
(``Briefbot.ingest`` then ``update_people``; stories are left out: they do not change
answers). ``who`` is asked for the ``--top`` most mentioned people and organisations and
for some tricky names, and every answer line (headline role, roles, facts, quotes,
related names) is checked:

- ``role_fragment``: a role opening with a conjunction, preposition or verb word
  ("Although President", "elect" from "to elect Barack Obama");
- ``org_role``: an organisation shown with a role (the model tagged it a person once);
- ``org_in_person``: a person owning a one-word name that the corpus mostly labels an
  organisation ("Labour" swallowed by a "Tory-Labour");
- ``compound_person``: a person named by a hyphenated pair of other names ("Tory-Labour");
- ``quote_unbalanced``: a quote with unbalanced quotation marks;
- ``related_self``: a related name made of part of the entity's own name, or holding all
  of it ("Michelle" and Michelle Obama), the same entity shown twice;
- ``title_entity``: an answer or related name made only of a title's words ("State" from
  "Secretary of State", "U.S. National Security" from "National Security Adviser").

Besides, hand-labelled sections (``bench/who_labelled.py``): articles invented in British
style and in surname-heavy crime and sports reporting, every answer line judged against the
labels in ``bench/who_quality_labels.json`` (defects and misleading lines per 100 lines).
These need no ``../shared``; their baseline is ``--labelled-baseline`` (default: the
revision before issue #14's fixes).

The baseline is the same working tree with ``summarizer/people`` taken from the git
revision ``--baseline`` (default: the revision before the audit's fixes), run in a child
process. The corpora are skipped with a message when ``../shared`` is absent.

    python bench/who_quality.py [--only labelled|corpora] [--top 40] [--bbc-step 2]
        [--baseline REV] [--labelled-baseline REV] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("WHO_QUALITY_CODE", str(ROOT)))
sys.path.append(str(ROOT))  # tests.article_rows, for the labelled sections

import who_labelled  # noqa: E402

from summarizer.people.names import word_set  # noqa: E402

SHARED = ROOT.parent / "shared"
BASELINE = "af398ccb8381938031f2d0fd54845ee99ae2e5dd"
"""The revision before the /who quality audit's fixes."""
LABELLED_BASELINE = "e9ef61f6b582b54c7cd2c7a31d129b458ae6c742"
"""The revision before issue #14's fixes (quotes in every style, surnames, titles, roles)."""
CORPORA = {
    "seeds": ("corpus/seeds", 1),
    "wikiref220": ("eval/wikiref220", 1),
    "bbc": ("eval/bbc/articles", None),
}
TRICKY = (
    "Obama",
    "Brown",
    "Kennedy",
    "Blair's",
    "Smith",
    "Clarke",
    "Howard",
    "Bush",
    "Labour",
    "Samsung",
    "Zelensky",
    "Kyiv",
    "Paris",
    "Hollande",
    "François Hollande",
    "Michelle Obama",
    "Academy Award",
)
DEFECTS = (
    "role_fragment",
    "org_role",
    "org_in_person",
    "compound_person",
    "quote_unbalanced",
    "related_self",
    "title_entity",
)
_TITLE_WORDS = word_set(
    """state national security foreign affairs home interior defence defense health energy
    finance trade justice education transport us u.s. uk u.k."""
)
_OPENERS = word_set(
    """although though because unless until whether once whereas also so yet now even still
    like with for from by of to under without despite during among amid following including
    when while after before and but or if as at in on will would can could may might must
    shall should did elect"""
)


def check(answer: dict[str, Any], org_keys: set[str]) -> tuple[int, Counter[str]]:
    """(answer lines, defects by kind) of one found answer."""
    defects: Counter[str] = Counter()
    roles = [r["text"] for r in answer["roles"]]
    lines = 1 + len(roles) + len(answer["facts"]) + len(answer["quotes"]) + len(answer["related"])
    person = answer["kind"] == "person"
    for role in roles + ([answer["role"]] if answer["role"] else []):
        if role.split()[0].lower() in _OPENERS:
            defects["role_fragment"] += 1
    if not person and (answer["role"] or roles):
        defects["org_role"] += 1 + len(roles)
    if person and set(answer.get("owned", [])) & org_keys:
        defects["org_in_person"] += 1
    name = answer["name"]
    parts = name.split("-")
    if person and " " not in name and len(parts) == 2 and all(p[:1].isupper() for p in parts):
        defects["compound_person"] += 1
    for quote in answer["quotes"]:
        text = quote["text"]
        if text.count('"') % 2 or text.count("“") != text.count("”"):
            defects["quote_unbalanced"] += 1
    own = set(name.lower().split())
    for related in answer["related"]:
        words = set(related["name"].lower().split())
        if words and (words < own or own < words):
            defects["related_self"] += 1
    for title in [name] + [r["name"] for r in answer["related"]]:
        if set(title.lower().split()) <= _TITLE_WORDS:
            defects["title_entity"] += 1
    return lines, defects


def build(corpus: str, folder: Path, step: int, top: int) -> dict[str, Any]:
    """A store of the corpus, its top names' answers, and their line and defect counts."""
    from sqlalchemy import select

    from summarizer.config import PipelineConfig
    from summarizer.people import update_people, who
    from summarizer.service import Briefbot
    from summarizer.store.people import PeopleAliasRow, PeopleEntityRow
    from summarizer.store.people import PeopleMentionRow as M

    work = Path(tempfile.mkdtemp(prefix=f"who_quality_{corpus}_"))
    try:
        corpus_dir = work / "corpus"
        for path in sorted(folder.rglob("*.txt"))[::step]:
            target = corpus_dir / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
        config = PipelineConfig(
            corpus_dir=corpus_dir, database_url=f"sqlite:///{work}/b.db", stable_seconds=0.0
        )
        bot = Briefbot(config)
        articles = len(bot.ingest().ingested)
        update_people(bot.store)
        with bot.store.session() as session:
            e = PeopleEntityRow
            top_names = list(
                session.scalars(
                    select(e.name).where(e.media.is_(False)).order_by(e.articles.desc()).limit(top)
                )
            )
            labels: dict[str, Counter[str]] = {}
            for key, label in session.execute(select(M.key, M.label).where(M.label != "QUOTE")):
                labels.setdefault(key, Counter())[label] += 1
            org_keys = {
                k for k, c in labels.items() if " " not in k and c["ORG"] > c["PERSON"] + c["GPE"]
            }
            owned: dict[str, list[str]] = {}
            for name, alias in session.execute(
                select(e.name, PeopleAliasRow.alias)
                .join(PeopleAliasRow, PeopleAliasRow.entity_id == e.id)
                .where(PeopleAliasRow.owns.is_(True))
            ):
                owned.setdefault(name, []).append(alias)
        now = datetime(2030, 1, 1, tzinfo=UTC)
        answers = [who(bot.store, name, now=now).to_json() for name in top_names + list(TRICKY)]
        bot.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines, defects, statuses = 0, Counter(), Counter()
    for answer in answers:
        statuses[answer["status"]] += 1
        if answer["status"] == "found":
            answer["owned"] = owned.get(answer["name"], [])
            n, found = check(answer, org_keys)
            lines += n
            defects += found
    return {
        "articles": articles,
        "answers": len(answers),
        "lines": lines,
        "defects": dict(defects),
        "statuses": dict(statuses),
    }


def child(out: Path, top: int, bbc_step: int, only: str) -> None:
    """Measure every corpus (or, with ``only``, the labelled sections or the corpora) with
    the ``summarizer`` on ``sys.path`` and write JSON."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    results: dict[str, Any] = {"corpora": {}, "labelled": {}}
    if only != "corpora":
        results["labelled"] = who_labelled.run_sections()
    for corpus, (folder, step) in CORPORA.items():
        path = SHARED / folder
        if only != "labelled" and path.is_dir():
            results["corpora"][corpus] = build(corpus, path, step or bbc_step, top)
    out.write_text(json.dumps(results))


def baseline_tree(revision: str, into: Path) -> Path:
    """This working tree's ``summarizer`` with ``summarizer/people`` from ``revision``."""
    skip = shutil.ignore_patterns("*.pyc", "__pycache__")
    shutil.copytree(ROOT / "summarizer", into / "summarizer", ignore=skip)
    people = into / "summarizer" / "people"
    shutil.rmtree(people)
    people.mkdir()
    names = subprocess.run(
        ["git", "ls-tree", "--name-only", revision, "summarizer/people/"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    for name in names:
        text = subprocess.run(
            ["git", "show", f"{revision}:{name}"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        (into / name).write_bytes(text)
    return into


def run_child(code_root: Path, top: int, bbc_step: int, only: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        env = {**os.environ, "WHO_QUALITY_CODE": str(code_root), "HF_HUB_OFFLINE": "1"}
        command = [sys.executable, str(Path(__file__).resolve()), "--child", str(out)]
        command += ["--top", str(top), "--bbc-step", str(bbc_step), "--only", only]
        subprocess.run(command, check=True, env=env, cwd=code_root)
        return json.loads(out.read_text())


def per100(count: int, lines: int) -> float:
    return 100.0 * count / lines if lines else 0.0


def report(ours: dict[str, Any], base: dict[str, Any]) -> None:
    print(f"{'corpus':<11} {'defect':<17} {'ours':>6} {'baseline':>9} {'ratio':>6}")
    for corpus, mine in ours.items():
        theirs = base.get(corpus, {"lines": 0, "defects": {}, "statuses": {}})
        print(
            f"{corpus:<11} {'answer lines':<17} {mine['lines']:>6} {theirs['lines']:>9}"
            f"   ({mine['articles']} articles, {mine['answers']} names asked)"
        )
        for kind in DEFECTS:
            a, b = mine["defects"].get(kind, 0), theirs["defects"].get(kind, 0)
            ratio = f"{a / b:.2f}" if b else "-"
            print(f"{'':<11} {kind:<17} {a:>6} {b:>9} {ratio:>6}")
        a, b = sum(mine["defects"].values()), sum(theirs["defects"].values())
        pa, pb = per100(a, mine["lines"]), per100(b, theirs["lines"])
        ratio = f"{pa / pb:.2f}" if pb else "-"
        print(f"{'':<11} {'per 100 lines':<17} {pa:>6.1f} {pb:>9.1f} {ratio:>6}")
        print(f"{'':<11} {'statuses':<17} {mine['statuses']} vs {theirs['statuses']}")


def baseline(revision: str, top: int, bbc_step: int, only: str) -> dict[str, Any]:
    """The measures with ``summarizer/people`` from ``revision`` (empty if git cannot)."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            code = baseline_tree(revision, Path(tmp))
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"baseline skipped: cannot read revision {revision} from git ({error})")
            return {"corpora": {}, "labelled": {}}
        return run_child(code, top, bbc_step, only)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--bbc-step", type=int, default=2)
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--labelled-baseline", default=LABELLED_BASELINE)
    parser.add_argument("--only", choices=("all", "labelled", "corpora"), default="all")
    parser.add_argument("--verbose", action="store_true", help="list each defective answer")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.top, args.bbc_step, args.only)
        return
    corpora = args.only != "labelled"
    if corpora and not SHARED.is_dir():
        print(f"corpora skipped: {SHARED} is absent (the seeds and eval corpora live there)")
        corpora = False
    only = "all" if corpora and args.only == "all" else ("corpora" if corpora else "labelled")
    ours = run_child(ROOT, args.top, args.bbc_step, only)
    if only != "corpora":
        labelled_base = baseline(args.labelled_baseline, args.top, args.bbc_step, "labelled")
        who_labelled.report(ours["labelled"], labelled_base["labelled"], args.verbose)
    if corpora:
        base = baseline(args.baseline, args.top, args.bbc_step, "corpora")
        report(ours["corpora"], base["corpora"])


if __name__ == "__main__":
    main()
