"""The hand-labelled sections of ``bench/who_quality.py``: articles invented in British style
and in surname-heavy crime and sports reporting, with the answers a reader should get
(``bench/who_quality_labels.json``). Every answer line is judged against the labels:

- ``wrong_person`` (misleading): the answer is about someone else;
- ``not_answered``: no answer ("No one called …", "Several match …") for a labelled person;
- ``role_wrong``: a role the articles do not give the person (their header role or a line
  of "Roles"); ``role_loaded``: a role holding an outlet's opinion word ("Disgraced");
- ``fact_others_words`` (misleading): a fact that is someone else's unattributed words;
- ``quote_wrong`` (misleading): a quote that is not the person's;
- ``quote_missing``: a quote of theirs that is not shown (counted as a missing line);
- ``related_noise``: a "Mentioned with" name that is no one in the articles (a bare first
  name, a title, a fragment).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

LABELS = Path(__file__).resolve().with_name("who_quality_labels.json")
KINDS = (
    "wrong_person",
    "not_answered",
    "role_wrong",
    "role_loaded",
    "fact_others_words",
    "quote_wrong",
    "quote_missing",
    "related_noise",
)
MISLEADING = frozenset({"wrong_person", "fact_others_words", "quote_wrong"})
_LOADED = frozenset({"disgraced", "controversial", "shamed", "notorious", "embattled"})


def _same(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(text.replace("’", "'").lower().rstrip(".").split())

    return norm(a) == norm(b)


def _holds(text: str, expected: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(text.replace("’", "'").lower().split())

    return norm(expected) in norm(text)


def judge(answer: dict[str, Any], label: dict[str, Any], names: set[str]) -> tuple[int, Counter]:
    """(answer lines, defects by kind) of one answer against its label."""
    defects: Counter[str] = Counter()
    if answer["status"] != "found":
        defects["not_answered"] += 1
        return 1, defects
    if answer["name"] != label["name"]:
        defects["wrong_person"] += 1
        return 1, defects
    roles = [r["text"] for r in answer["roles"]]
    lines = 1 + len(roles) + len(answer["facts"]) + len(answer["quotes"]) + len(answer["related"])
    for role in [answer["role"], *roles]:
        if not role:
            continue
        if set(role.lower().split()) & _LOADED:
            defects["role_loaded"] += 1
        elif not any(_same(role, allowed) for allowed in label["roles"]):
            defects["role_wrong"] += 1
    for fact in answer["facts"]:
        if any(_holds(fact["text"], words) for words in label["not_facts"]):
            defects["fact_others_words"] += 1
    shown = [q["text"] for q in answer["quotes"]]
    for quote in shown:
        if not any(_holds(quote, mine) for mine in label["quotes"]):
            defects["quote_wrong"] += 1
    missing = [mine for mine in label["quotes"] if not any(_holds(q, mine) for q in shown)]
    defects["quote_missing"] += len(missing)
    lines += len(missing)
    for related in answer["related"]:
        if related["name"] not in names:
            defects["related_noise"] += 1
    return lines, defects


def run_sections() -> dict[str, Any]:
    """Each labelled section in its own store (people indexed with the ``summarizer`` on
    ``sys.path``), its queries asked and judged."""
    from summarizer.people import update_people, who
    from summarizer.store import Store
    from tests.article_rows import add_article

    data = json.loads(LABELS.read_text(encoding="utf-8"))
    results: dict[str, Any] = {}
    for section, spec in data["sections"].items():
        work = Path(tempfile.mkdtemp(prefix=f"who_labelled_{section}_"))
        try:
            store = Store(f"sqlite:///{work}/b.db")
            for day, article in enumerate(spec["articles"], start=1):
                add_article(
                    store,
                    path=f"{article['name']}.txt",
                    text=article["text"],
                    outlet=article["outlet"],
                    published=datetime(2026, 5, day, tzinfo=UTC),
                )
            update_people(store)
            now = datetime(2026, 6, 1, tzinfo=UTC)
            lines, defects, wrong = 0, Counter(), []
            for label in spec["queries"]:
                answer = who(store, label["query"], now=now).to_json()
                n, found = judge(answer, label, set(spec["entities"]))
                found = +found  # kinds counted zero times left out
                lines += n
                defects += found
                if found:
                    wrong.append(f"{label['query']}: {dict(found)}")
            store.close()
        finally:
            shutil.rmtree(work, ignore_errors=True)
        results[section] = {
            "articles": len(spec["articles"]),
            "answers": len(spec["queries"]),
            "lines": lines,
            "defects": dict(defects),
            "wrong": wrong,
        }
    return results


def _total(sections: dict[str, Any]) -> dict[str, Any]:
    """Every section's lines and defects added up."""
    defects: Counter[str] = Counter()
    for part in sections.values():
        defects.update(part["defects"])
    return {
        "articles": sum(part["articles"] for part in sections.values()),
        "answers": sum(part["answers"] for part in sections.values()),
        "lines": sum(part["lines"] for part in sections.values()),
        "defects": dict(defects),
        "wrong": [],
    }


def report(ours: dict[str, Any], base: dict[str, Any], verbose: bool = False) -> None:
    """A table per labelled section: each kind, per 100 lines, misleading per 100 lines."""
    print(f"{'section':<13} {'defect':<18} {'ours':>6} {'baseline':>9}")
    if len(ours) > 1:
        ours = {**ours, "all": _total(ours)}
        base = {**base, "all": _total(base)} if base else base
    for section, mine in ours.items():
        theirs = base.get(section, {"lines": 0, "defects": {}})
        print(
            f"{section:<13} {'answer lines':<18} {mine['lines']:>6} {theirs['lines']:>9}"
            f"   ({mine['articles']} articles, {mine['answers']} names asked)"
        )
        for kind in KINDS:
            a, b = mine["defects"].get(kind, 0), theirs["defects"].get(kind, 0)
            flag = " (misleading)" if kind in MISLEADING else ""
            print(f"{'':<13} {kind:<18} {a:>6} {b:>9}{flag}")
        for title, kinds in (("per 100 lines", set(KINDS)), ("misleading/100", MISLEADING)):
            a = sum(v for k, v in mine["defects"].items() if k in kinds)
            b = sum(v for k, v in theirs["defects"].items() if k in kinds)
            pa = 100.0 * a / mine["lines"] if mine["lines"] else 0.0
            pb = 100.0 * b / theirs["lines"] if theirs["lines"] else 0.0
            print(f"{'':<13} {title:<18} {pa:>6.1f} {pb:>9.1f}")
        if verbose:
            for line in mine["wrong"]:
                print(f"{'':<13}   ours: {line}")
            for line in theirs.get("wrong", []):
                print(f"{'':<13}   base: {line}")
