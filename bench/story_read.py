"""``briefbot story ID`` and ``briefbot digest`` on a 10,000-article store, as a user runs them.

Builds a store of N articles in stories of ~10 (templated sentences, stored vectors: no
model time for clustering), then times the real CLI in a fresh process, three times each:
``story ID --json`` for the largest story and a middle one, ``digest --no-update --limit
K --json``. The baseline, in the same run, is ``briefbot articles --limit 1 --json``: the
cost of starting the CLI and opening the store, which every command pays. The first
``story`` call of a story embeds its sentences (then cached in the store), so it is shown
apart from the repeats.

    python bench/story_read.py [--articles 10000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synthetic_store import START, fill_synthetic  # noqa: E402

from summarizer.config import PipelineConfig  # noqa: E402
from summarizer.embeddings import load_embedder  # noqa: E402
from summarizer.store import Store  # noqa: E402
from summarizer.stories import list_stories, update_stories  # noqa: E402

TOWNS = ("Elwin", "Marrow", "Quillby", "Dunhaven", "Ostrick", "Pelling", "Tarrow", "Wexley")
THINGS = ("bridge", "hospital wing", "rail depot", "ferry terminal", "library", "water works")


def headline(topic: int, i: int) -> str:
    return f"{TOWNS[topic % len(TOWNS)]} {THINGS[topic % len(THINGS)]} shut {i}"


def sentences(topic: int, i: int) -> str:
    town, thing = TOWNS[topic % len(TOWNS)], THINGS[topic % len(THINGS)]
    return "\n\n".join(
        [
            f"Officials in {town} said on Monday that the {thing} would close for "
            f"{2 + topic % 9} weeks after inspectors found damage.",
            f"Mayor Ada Voss{topic} told reporters the repairs would cost {3 + i % 7} million "
            "pounds and that no one had been hurt.",
            f"Residents of {town} will be offered buses while the {thing} is shut, the "
            "council said in a statement.",
            f"The {thing} was last refurbished {10 + topic % 20} years ago, according to "
            "council records.",
        ]
    )


def fill(url: str, count: int, days: float, model: str) -> None:
    """``count`` articles in topics of ~10 over ``days`` days, with stored vectors, clustered."""
    store = Store(url)
    fill_synthetic(
        store, count, days, model,
        headline=headline,
        text=sentences,
        names=lambda topic: {f"topic{topic}": 3, f"voss{topic}": 1},
    )  # fmt: skip
    now = START + timedelta(days=days + 1)
    config = PipelineConfig(database_url=url)
    update_stories(store, config, clock=lambda: now, embedder=load_embedder(2))
    store.close()


def timed(url: str, *args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "--database-url", url, *args],
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"briefbot {' '.join(args)} failed: {done.stderr[-500:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--days", type=float, default=100.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'read.db'}"
        started = time.perf_counter()
        fill(url, args.articles, args.days, load_embedder(2).name)
        took = time.perf_counter() - started
        print(f"{args.articles} articles stored and clustered in {took:.0f} s")
        store = Store(url)
        with store.session() as session:
            stories = list_stories(session)
        store.close()
        by_size = sorted(stories, key=lambda s: (len(s.article_ids), s.id))
        picks = {"largest": by_size[-1], "middle": by_size[len(by_size) // 2]}
        print(f"{len(stories)} stories; largest {len(picks['largest'].article_ids)} articles\n")
        print(f"{'command':<44} {'first s':>8} {'repeat s (best of 3)':>21} {'vs baseline':>12}")
        base = min(timed(url, "articles", "--limit", "1", "--json") for _ in range(3))
        print(f"{'baseline: articles --limit 1 --json':<44} {'':>8} {base:21.2f} {1.0:12.2f}")
        commands = [
            (
                f"story ID --json ({name}, {len(s.article_ids)} articles)",
                ["story", str(s.id), "--json"],
            )
            for name, s in picks.items()
        ]
        commands.append(
            (
                "digest --no-update --limit 100 --json",
                ["digest", "--no-update", "--limit", "100", "--json"],
            )
        )
        for label, command in commands:
            first = timed(url, *command)
            repeat = min(timed(url, *command) for _ in range(3))
            print(f"{label:<44} {first:8.2f} {repeat:21.2f} {repeat / base:12.2f}")


if __name__ == "__main__":
    main()
