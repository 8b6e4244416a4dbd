"""Wall time of `briefbot` commands a person or a healthcheck runs, beside `python -c pass`.

Builds a store of about 10,000 articles with their people index (the BBC development set,
NER once per unique article, stored ``--copies`` times as bench/who.py does), opens it once
so that it is warm, then times each command as a fresh process, interleaved with the
baseline (the interpreter starting and doing nothing), and keeps each one's median.

    python bench/cli.py [--unique 1313] [--copies 8] [--rounds 7] [--store DB]

``--store DB`` reuses (or first builds) that SQLite file instead of a temporary one;
``--before DIR`` also times the commands of another checkout (e.g. an older commit,
unpacked with ``git archive``) in the same rounds, as an A/B.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from who import BBC, build, read_bbc  # noqa: E402

from bot.storage import BOT_MIGRATIONS  # noqa: E402
from summarizer.people.extract import load_nlp  # noqa: E402
from summarizer.store import Store  # noqa: E402

BRIEFBOT = "import sys; from bot.cli import main; sys.argv[0] = 'briefbot'; main()"
"""The ``briefbot`` script's entry point, run from this checkout."""
TARGETS = {"--help": 0.3, "who": 1.0}
BASELINE = "python -c pass (baseline)"


def commands(name: str, code: Path, tag: str = "") -> dict[str, tuple[list[str], Path]]:
    """Label -> (argv, checkout) of each timed command of the checkout ``code``."""
    cli = [sys.executable, "-c", BRIEFBOT]
    runs = {
        "briefbot --help": [*cli, "--help"],
        "briefbot health": [*cli, "health"],
        f"briefbot who {name}": [*cli, "who", name],
        "briefbot who Nobodyknown": [*cli, "who", "Nobodyknown"],
    }
    return {f"{label}{tag}": (argv, code) for label, argv in runs.items()}


def timed(argv: list[str], code: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    env = {**env, "PYTHONPATH": str(code)}
    done = subprocess.run(argv, cwd=code, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):  # who of an unknown name exits 1
        sys.exit(f"{' '.join(argv[3:]) or argv}: exit {done.returncode}\n{done.stderr}")
    return seconds


def ensure_store(path: Path, unique: int, copies: int) -> int:
    """Build the store at ``path`` unless it is there; returns its article count."""
    if not path.exists():
        docs = read_bbc(unique)
        store = Store(f"sqlite:///{path}", extra_migrations=[BOT_MIGRATIONS])
        load_nlp()
        began = time.perf_counter()
        _, total = build(store, docs, copies)
        store.close()
        print(f"built {path} ({total} articles) in {time.perf_counter() - began:.0f} s")
    store = Store(f"sqlite:///{path}", extra_migrations=[BOT_MIGRATIONS])  # migrated, warm
    with store.engine.connect() as connection:
        count = connection.exec_driver_sql("SELECT count(*) FROM articles").scalar_one()
    store.close()
    return int(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unique", type=int, default=1313)
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--name", default="Blair")
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--before", type=Path, default=None, help="another checkout to time")
    args = parser.parse_args()
    if args.store is None and not BBC.exists():
        sys.exit(f"{BBC} is absent: clone the project beside shared/, or pass --store DB")
    folder = Path(tempfile.mkdtemp(prefix="cli-bench-"))
    try:
        database = args.store or folder / "bench.db"
        articles = ensure_store(database, args.unique, args.copies)
        corpus = folder / "corpus"
        corpus.mkdir()
        env = {
            **os.environ,
            "BRIEFBOT_DATABASE_URL": f"sqlite:///{database}",
            "BRIEFBOT_CORPUS_DIR": str(corpus),
            "HF_HUB_OFFLINE": "1",
        }
        runs = {BASELINE: ([sys.executable, "-c", "pass"], ROOT), **commands(args.name, ROOT)}
        if args.before is not None:
            runs.update(commands(args.name, args.before.resolve(), " (before)"))
        for argv, code in runs.values():  # warm the page cache and the store once
            timed(argv, code, env)
        samples: dict[str, list[float]] = {label: [] for label in runs}
        for _ in range(args.rounds):
            for label, (argv, code) in runs.items():
                samples[label].append(timed(argv, code, env))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    median = {label: statistics.median(found) for label, found in samples.items()}
    baseline = median[BASELINE]
    print(f"store: {articles} articles; median of {args.rounds} runs each, interleaved")
    print(f"{'command':<39}{'wall s':>8}{'baseline s':>12}{'minus base':>12}{'target':>8}")
    for label, seconds in median.items():
        target = next((f"< {t:g}" for key, t in TARGETS.items() if key in label), "")
        print(f"{label:<39}{seconds:8.2f}{baseline:12.2f}{seconds - baseline:12.2f}{target:>8}")


if __name__ == "__main__":
    main()
