"""Story updates at scale: one new article added to a store of N clustered articles.

Builds a store of N articles spread over ``--days`` days (synthetic text and stored
vectors, grouped into topics, so no model time is spent on them), clusters them all,
then times ``update_stories`` for one real new article (embedding included), with the
time spent embedding shown apart. The baseline is the same update when every stored
article lies inside the story window (``--days 0``), the worst case for candidate search.

    python bench/stories_scale.py [--articles 10000] [--days 100]
"""

from __future__ import annotations

import argparse
import resource
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
from summarizer.store.articles import ArticleRow  # noqa: E402
from summarizer.stories import unclustered, update_stories  # noqa: E402
from summarizer.stories.features import lead_units  # noqa: E402

NEW_TEXT = (
    "Engineers closed the harbour bridge in the port of Elwin after finding cracks in its "
    "main span.\n\nMayor Tessa Quill said ferries would run every ten minutes while "
    "Kestrel Engineering surveys the steelwork."
)


def fill(store: Store, count: int, days: float, model: str) -> None:
    """``count`` articles in topics of ~10, with stored vectors and names."""
    fill_synthetic(
        store, count, days, model,
        headline=lambda topic, i: f"Synthetic article {i} on topic {topic}",
        text=lambda topic, i: f"Synthetic text {i}.",
        names=lambda topic: {f"topic{topic}": 3, f"person{topic}": 1, "london": 1},
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--days", type=float, default=100.0)
    args = parser.parse_args()
    embedder = load_embedder(2)
    config = PipelineConfig(story_window_hours=96.0)
    print(f"{args.articles} stored articles, window {config.story_window_hours:.0f} h")
    print(
        f"{'spread':<22} {'bulk cluster s':>14} {'add one: total s':>17} {'of which embed s':>17}"
    )
    for days in (args.days, 0.0):
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(f"sqlite:///{Path(tmp) / 'scale.db'}")
            fill(store, args.articles, days, embedder.name)
            now = START + timedelta(days=days + 1)
            started = time.perf_counter()
            update_stories(store, config, clock=lambda now=now: now, embedder=embedder)
            bulk = time.perf_counter() - started
            with store.session() as session:
                session.add(
                    ArticleRow(
                        path="new/bridge.txt",
                        headline="Elwin harbour bridge shut after cracks found",
                        outlet="Harbour Gazette",
                        published=START + timedelta(days=days),
                        language="en",
                        text=NEW_TEXT,
                        content_hash="f" * 64,
                        fingerprint="",
                        version=1,
                        ingested_at=now,
                        updated_at=now,
                    )
                )
            with store.session() as session:
                units = lead_units(unclustered(session)[0])
            started = time.perf_counter()
            report = update_stories(store, config, clock=lambda now=now: now, embedder=embedder)
            total = time.perf_counter() - started
            started = time.perf_counter()
            embedder.encode(units)
            embed = time.perf_counter() - started
            store.close()
            label = f"over {days:g} days" if days else "all in window (worst)"
            print(f"{label:<22} {bulk:14.2f} {total:17.3f} {embed:17.3f}  ({report.to_json()})")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
