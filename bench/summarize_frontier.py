"""Why one fixed scorer cannot beat both bars: the position/centrality trade-off.

Scores 3-sentence summaries picked by ``centrality + weight x lede`` (centrality: our
lexical centrality, TextRank's edges summed and rescaled to [0, 1]; lede: 1 for the
first three sentences) for a sweep of weights, on BBC and SummEval CNN/DM, beside the
bars measured in the same run (TextRank on BBC, Lead-3 on CNN/DM). It also prints how
often BBC's extractive references contain the lede's sentences and TextRank's picks: the
references were picked by centrality, CNN/DM's highlights were written from the lede.
No embeddings; about two and a half minutes on 2 cores.

    python bench/summarize_frontier.py [--limit N] [--eval-dir DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarize import EVAL, Example, Method, bbc, cnndm, evaluate, sumy_method

from summarizer.summarize import lexical_centrality, rescale

WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0)


def centrality_with_lede(sentences: list[str], weight: float) -> list[int]:
    """The 3 sentences with the highest centrality + ``weight`` x (one of the first three)."""
    if len(sentences) <= 3:
        return list(range(len(sentences)))
    score = rescale(lexical_centrality(sentences)) + weight * (np.arange(len(sentences)) < 3)
    return sorted(int(i) for i in np.argsort(-score, kind="stable")[:3])


def folded(text: str) -> str:
    return re.sub(r"\W", "", text.lower())


def recording(method: Method, picks: list[tuple[list[str], list[int], Example]]) -> Method:
    """``method``, keeping each article's sentences, picks and example in ``picks``."""

    def pick(sentences: list[str], example: Example) -> list[int]:
        picked = method(sentences, example)
        picks.append((sentences, picked, example))
        return picked

    return pick


def share_in_reference(picks: list[tuple[list[str], list[int], Example]]) -> float:
    """Share of the picked sentences found word for word in the article's reference."""
    found = [
        folded(sentences[i]) in folded(example.references[0])
        for sentences, picked, example in picks
        for i in picked
    ]
    return float(np.mean(found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    args = parser.parse_args()
    if not args.eval_dir.exists():
        sys.exit(f"{args.eval_dir} is absent: clone the project beside shared/")
    sets: dict[str, list[Example]] = {
        "BBC": bbc(args.eval_dir, args.limit),
        "CNN/DM": cnndm(args.eval_dir, args.limit),
    }
    bars = {"BBC": "TextRank", "CNN/DM": "Lead-3"}
    textrank = sumy_method("TextRank")
    picks: dict[str, list[tuple[list[str], list[int], Example]]] = {"lede": [], "TextRank": []}
    table: dict[str, dict[str, float]] = {}
    for name, examples in sets.items():
        methods: dict[str, Method] = {
            "Lead-3": lambda sentences, _example: list(range(min(3, len(sentences)))),
            "TextRank": textrank,
            **{
                f"{w:.1f}": lambda sentences, _example, w=w: centrality_with_lede(sentences, w)
                for w in WEIGHTS
            },
        }
        if name == "BBC":
            methods["Lead-3"] = recording(methods["Lead-3"], picks["lede"])
            methods["TextRank"] = recording(textrank, picks["TextRank"])
        table[name] = {row.method: 100 * row.r2 / row.count for row in evaluate(examples, methods)}
    print(f"{'lede weight':<12} {'BBC R-2':>8} {'CNN/DM R-2':>11}  (centrality + weight x lede)")
    for method in (*(f"{w:.1f}" for w in WEIGHTS), "TextRank", "Lead-3"):
        print(f"{method:<12} {table['BBC'][method]:8.2f} {table['CNN/DM'][method]:11.2f}")
    print(
        f"bars: BBC {bars['BBC']} {table['BBC'][bars['BBC']]:.2f},"
        f" CNN/DM {bars['CNN/DM']} {table['CNN/DM'][bars['CNN/DM']]:.2f}"
    )
    met = [
        f"{w:.1f}"
        for w in WEIGHTS
        if table["BBC"][f"{w:.1f}"] >= table["BBC"]["TextRank"]
        and table["CNN/DM"][f"{w:.1f}"] >= table["CNN/DM"]["Lead-3"]
    ]
    print(f"weights meeting both bars: {', '.join(met) or 'none'}")
    for key, recorded in picks.items():
        share = share_in_reference(recorded)
        print(f"BBC: share of {key} sentences found in the reference: {share:.2f}")


if __name__ == "__main__":
    main()
