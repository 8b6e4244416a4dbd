"""Why one fixed scorer cannot beat both bars: the position/centrality trade-off.

Scores 3-sentence summaries picked by ``centrality + weight x lede`` (centrality: our
lexical centrality, TextRank's edges summed and rescaled to [0, 1]; lede: 1 for the
first three sentences) for a sweep of weights, on BBC and SummEval CNN/DM, beside the
bars measured in the same run (TextRank on BBC, Lead-3 on CNN/DM). It also prints how
often BBC's extractive references contain the lede's sentences and TextRank's picks: the
references were picked by centrality, CNN/DM's highlights were written from the lede.
No embeddings; about a minute on 2 cores.

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

from summarize import EVAL, Example, bbc, cnndm, sumy_method

from summarizer.sentences import split_sentences
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


def main() -> None:
    from rouge_score import rouge_scorer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    args = parser.parse_args()
    if not args.eval_dir.exists():
        sys.exit(f"{args.eval_dir} is absent: clone the project beside shared/")
    scorer = rouge_scorer.RougeScorer(["rouge2"], use_stemmer=True)
    textrank = sumy_method("TextRank")
    sets: dict[str, list[Example]] = {
        "BBC": bbc(args.eval_dir, args.limit),
        "CNN/DM": cnndm(args.eval_dir, args.limit),
    }
    bars = {"BBC": "TextRank", "CNN/DM": "Lead-3"}
    table: dict[str, dict[str, float]] = {}
    in_reference = {"lede": [], "TextRank": []}
    for name, examples in sets.items():
        sums: dict[str, float] = {}
        for example in examples:
            sentences = split_sentences(example.body)
            picks = {
                "Lead-3": list(range(min(3, len(sentences)))),
                "TextRank": textrank(sentences, example),
                **{f"{w:.1f}": centrality_with_lede(sentences, w) for w in WEIGHTS},
            }
            for method, picked in picks.items():
                summary = "\n".join(sentences[i] for i in picked)
                r2 = scorer.score(example.references[0], summary)["rouge2"].fmeasure
                sums[method] = sums.get(method, 0.0) + r2
            if name == "BBC":
                reference = folded(example.references[0])
                for method in ("Lead-3", "TextRank"):
                    key = "lede" if method == "Lead-3" else method
                    in_reference[key] += [folded(sentences[i]) in reference for i in picks[method]]
        table[name] = {method: 100 * total / len(examples) for method, total in sums.items()}
    print(f"{'lede weight':<12} {'BBC R-2':>8} {'CNN/DM R-2':>11}  (centrality + weight x lede)")
    for w in WEIGHTS:
        key = f"{w:.1f}"
        print(f"{key:<12} {table['BBC'][key]:8.2f} {table['CNN/DM'][key]:11.2f}")
    for method in ("TextRank", "Lead-3"):
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
    for key, flags in in_reference.items():
        print(f"BBC: share of {key} sentences found in the reference: {np.mean(flags):.2f}")


if __name__ == "__main__":
    main()
