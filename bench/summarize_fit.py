"""Refit the single-article sentence scorer on BBC and CNN/DM jointly, with honest figures.

Each sentence's target is its own ROUGE-2 F1 against the article's first reference,
standardised within the article; the model is a ridge regression over
``summarizer.summarize.FEATURE_NAMES``. Prints ROUGE-2 F1 (x100) of the 3-sentence
summaries per set for Lead-3, the shipped coefficients, a refit on all articles
(in-sample) and 5-fold out-of-fold by article (each article scored by a model that
never saw it). ``--bonuses`` also chooses the set-level bonuses (opening of one and two
sentences, the lede) from a grid on four folds and scores the fifth with them, for a
figure in which neither the coefficients nor the bonuses saw the article. ``--write``
stores the refit coefficients in ``summarizer/summarize/coefficients.py``. Sentence
vectors are cached on disk (default /tmp/rouge_cache), so a rerun takes seconds.

    python bench/summarize_fit.py [--limit N] [--bonuses] [--write] [--cache DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise, product
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarize import CROSS_FAMILY, EVAL, Example, N, bbc, cnndm

from summarizer.sentences import split_sentences
from summarizer.summarize import (
    DEFAULT_WEIGHTS,
    FEATURE_NAMES,
    SummaryWeights,
    candidate_sets,
    rank_sentences,
    reading_window,
    sentence_features,
    sentence_scores,
    standardise,
)

RIDGE = 10.0
FOLDS = 5
CACHE = Path("/tmp/rouge_cache")
BARS = {"BBC": 55.96, "CNN/DM": 19.60}
"""The bars the bonuses are chosen against: TextRank on BBC, Lead-3 on CNN/DM (full sets,
bench/summarize.py); a grid point's worth is the smaller of its two ratios to them."""
BONUS_GRID = list(
    product(
        (0.0, 0.1, 0.2, 0.3, 0.4),
        (0.5, 0.75, 1.0, 1.25, 1.5),
        tuple(round(2.3 + 0.05 * i, 2) for i in range(13)),
    )
)
COEFFICIENTS_FILE = Path(__file__).resolve().parents[1] / "summarizer/summarize/coefficients.py"


class DiskEncoder:
    """The packaged embedder behind a vector cache kept in one .npz file."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = cache_dir / "sentence_vectors.npz"
        self.vectors: dict[str, np.ndarray] = {}
        if self.path.exists():
            stored = np.load(self.path)
            self.vectors = dict(zip(stored["keys"], stored["vectors"], strict=True))
        self.embedder = None
        self.dirty = False

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode()).hexdigest()

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if self.key(t) not in self.vectors]
        if missing:
            if self.embedder is None:
                from summarizer.embeddings import load_embedder

                self.embedder = load_embedder(threads=2)
            for text, vector in zip(missing, self.embedder.encode(missing), strict=True):
                self.vectors[self.key(text)] = vector
            self.dirty = True
        return np.stack([self.vectors[self.key(t)] for t in texts])

    def save(self) -> None:
        if self.dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            keys = np.array(list(self.vectors))
            np.savez(self.path, keys=keys, vectors=np.stack(list(self.vectors.values())))


def bigrams(tokens: list[str]) -> Counter:
    return Counter(pairwise(tokens))


def f1(overlap: int, produced: int, reference: int) -> float:
    if not overlap:
        return 0.0
    precision, recall = overlap / produced, overlap / reference
    return 2 * precision * recall / (precision + recall)


@dataclass
class Prepared:
    """One article with everything the fit and the scoring need."""

    example: Example
    dataset: str
    sentences: list[str]
    vectors: np.ndarray
    headline_vector: np.ndarray | None
    features: np.ndarray
    tokens: list[list[str]]
    reference: Counter

    def rouge2(self, picked: list[int]) -> float:
        """ROUGE-2 F1 of the picked sentences (what rouge-score gives for them joined)."""
        produced = bigrams([t for i in sorted(picked) for t in self.tokens[i]])
        overlap = sum((produced & self.reference).values())
        return f1(overlap, sum(produced.values()), sum(self.reference.values()))

    def targets(self) -> np.ndarray:
        """Each sentence's own ROUGE-2 F1, standardised within the article."""
        return standardise(np.array([self.rouge2([i]) for i in range(len(self.sentences))]))


def prepare(dataset: str, examples: list[Example], encode: DiskEncoder) -> list[Prepared]:
    """Sentences (those of the reading window: what the scorer sees), vectors, features and
    ROUGE tokens of every article with sentences."""
    from nltk.stem import porter
    from rouge_score import tokenize

    stemmer = porter.PorterStemmer()
    prepared = []
    for example in examples:
        sentences = split_sentences(example.body)
        sentences = sentences[: reading_window(sentences, DEFAULT_WEIGHTS.window_words, N)]
        if not sentences:
            continue
        vectors = encode(sentences)
        headline = encode([example.headline])[0] if example.headline else None
        prepared.append(
            Prepared(
                example,
                dataset,
                sentences,
                vectors,
                headline,
                sentence_features(sentences, vectors),
                [tokenize.tokenize(s, stemmer) for s in sentences],
                bigrams(tokenize.tokenize(example.references[0], stemmer)),
            )
        )
    return prepared


def fit(articles: list[Prepared]) -> tuple[float, ...]:
    """Ridge regression of the standardised targets on the features (intercept dropped)."""
    features = np.concatenate([a.features for a in articles]).astype(np.float64)
    targets = np.concatenate([a.targets() for a in articles]).astype(np.float64)
    features -= features.mean(axis=0)
    gram = features.T @ features + RIDGE * np.eye(features.shape[1])
    coefficients = np.linalg.solve(gram, features.T @ (targets - targets.mean()))
    return tuple(round(float(c), 4) for c in coefficients)


def folds(count: int) -> np.ndarray:
    """A fold number per article, shuffled with a fixed seed (both sets together)."""
    return np.random.default_rng(0).permutation(count) % FOLDS


def out_of_fold(articles: list[Prepared]) -> list[tuple[float, ...]]:
    """For each article, coefficients fitted on the folds it is not in."""
    fold = folds(len(articles))
    models = [fit([a for a, f in zip(articles, fold, strict=True) if f != k]) for k in range(FOLDS)]
    return [models[f] for f in fold]


def out_of_fold_by_example(
    sets: dict[str, list[Example]], cache: Path = CACHE
) -> dict[int, tuple[float, ...]]:
    """Out-of-fold coefficients keyed by ``id(example)``, both sets folded together."""
    encode = DiskEncoder(cache)
    articles = [a for name, examples in sets.items() for a in prepare(name, examples, encode)]
    encode.save()
    return {
        id(article.example): coefficients
        for article, coefficients in zip(articles, out_of_fold(articles), strict=True)
    }


def bonuses_for(articles: list[Prepared], coefficients: tuple[float, ...]) -> SummaryWeights:
    """The shipped settings with ``coefficients`` and the grid's set bonuses that give the
    highest mean ROUGE-2 on ``articles`` (one set: no bar to trade against)."""
    weights = replace(DEFAULT_WEIGHTS, coefficients=coefficients)
    sums, rouge = candidate_table(articles, [weights] * len(articles))

    def mean(bonuses: tuple[float, ...]) -> float:
        chosen = np.argmax(sums + np.array([0.0, *bonuses]), axis=1)
        return float(rouge[np.arange(len(articles)), chosen].mean())

    grid = [(0.0, 0.0, lede) for lede in (-9.0, 0.0, 1.0, 2.0)] + BONUS_GRID
    best = max(grid, key=mean)
    return replace(weights, opening_bonus=best[:2], lead_bonus=best[2])


def cross_family_by_example(
    sets: dict[str, list[Example]], cache: Path = CACHE
) -> dict[str, dict[int, SummaryWeights]]:
    """Per protocol of :data:`CROSS_FAMILY`, the weights each example is scored with, keyed
    by ``id(example)`` (the category protocol covers BBC examples only)."""
    encode = DiskEncoder(cache)
    articles = [a for name, examples in sets.items() for a in prepare(name, examples, encode)]
    encode.save()
    found: dict[str, dict[int, SummaryWeights]] = {name: {} for name in CROSS_FAMILY}
    for family in sorted({a.dataset for a in articles}):
        inside = [a for a in articles if a.dataset == family]
        outside = [a for a in articles if a.dataset != family]
        if not outside:
            continue
        coefficients = fit(outside)
        plain = replace(DEFAULT_WEIGHTS, coefficients=coefficients)
        chosen = bonuses_for(outside, coefficients)
        print(
            f"fitted without {family}: bonuses chosen on the rest: opening"
            f" {chosen.opening_bonus}, lede {chosen.lead_bonus}"
        )
        for article in inside:
            found["without its set"][id(article.example)] = plain
            found["without its set, bonuses too"][id(article.example)] = chosen
    for group in sorted({a.example.group for a in articles if a.example.group != "cnndm"}):
        rest = [a for a in articles if a.example.group != group]
        weights = replace(DEFAULT_WEIGHTS, coefficients=fit(rest))
        for article in articles:
            if article.example.group == group:
                found["without its category"][id(article.example)] = weights
    return found


def score(articles: list[Prepared], weights: list[SummaryWeights]) -> dict[str, float]:
    """Mean ROUGE-2 F1 x100 per set of our picks, one weights object per article."""
    totals: dict[str, list[float]] = {}
    for article, weight in zip(articles, weights, strict=True):
        picked = rank_sentences(
            article.sentences, article.vectors, N, weight, headline_vector=article.headline_vector
        )
        totals.setdefault(article.dataset, []).append(article.rouge2(picked))
    return {name: 100 * float(np.mean(values)) for name, values in totals.items()}


def lead_scores(articles: list[Prepared]) -> dict[str, float]:
    """Mean ROUGE-2 F1 x100 per set of the first three sentences."""
    totals: dict[str, list[float]] = {}
    for article in articles:
        lead = list(range(min(N, len(article.sentences))))
        totals.setdefault(article.dataset, []).append(article.rouge2(lead))
    return {name: 100 * float(np.mean(values)) for name, values in totals.items()}


def candidate_table(
    articles: list[Prepared], weights: list[SummaryWeights]
) -> tuple[np.ndarray, np.ndarray]:
    """Per article and opening length (0 = MMR, 1, 2, 3 = lede): the candidate's summed
    score (-inf when not offered) and its ROUGE-2 F1."""
    sums = np.full((len(articles), N + 1), -np.inf)
    rouge = np.zeros((len(articles), N + 1))
    for row, (article, weight) in enumerate(zip(articles, weights, strict=True)):
        score = sentence_scores(article.sentences, article.vectors, weight, article.headline_vector)
        full = replace(weight, opening_bonus=(0.0,) * (N - 1))
        for picked, opening in candidate_sets(article.sentences, article.vectors, score, N, full):
            sums[row, opening] = score[picked].sum()
            rouge[row, opening] = article.rouge2(picked)
    return sums, rouge


def nested_bonuses(
    articles: list[Prepared], weights: list[SummaryWeights]
) -> tuple[dict[str, float], list[tuple[float, ...]]]:
    """ROUGE-2 x100 per set when each fold's bonuses are chosen on the other folds."""
    sums, rouge = candidate_table(articles, weights)
    fold = folds(len(articles))
    names = np.array([a.dataset for a in articles])

    def means(bonuses: tuple[float, ...], rows: np.ndarray) -> dict[str, float]:
        chosen = np.argmax(sums[rows] + np.array([0.0, *bonuses]), axis=1)
        got = rouge[rows, chosen]
        return {name: 100 * float(got[names[rows] == name].mean()) for name in BARS}

    def worth(bonuses: tuple[float, ...], rows: np.ndarray) -> float:
        return min(value / BARS[name] for name, value in means(bonuses, rows).items())

    picks, got = [], np.zeros(len(articles))
    for k in range(FOLDS):
        train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        best = max(BONUS_GRID, key=lambda bonuses: worth(bonuses, train))
        picks.append(best)
        got[test] = rouge[test, np.argmax(sums[test] + np.array([0.0, *best]), axis=1)]
    return {name: 100 * float(got[names == name].mean()) for name in BARS}, picks


def write_coefficients(coefficients: tuple[float, ...]) -> None:
    lines = [
        '"""Fitted coefficients of the sentence scorer (written by bench/summarize_fit.py)."""',
        "",
        "COEFFICIENTS: tuple[float, ...] = (",
        *(f"    {c!r},  # {name}" for c, name in zip(coefficients, FEATURE_NAMES, strict=True)),
        ")",
        "",
    ]
    COEFFICIENTS_FILE.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="articles per set (spread)")
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--bonuses", action="store_true", help="nested choice of set bonuses")
    parser.add_argument("--write", action="store_true", help="store the refit coefficients")
    args = parser.parse_args()
    if not args.eval_dir.exists():
        sys.exit(f"{args.eval_dir} is absent: clone the project beside shared/")

    encode = DiskEncoder(args.cache)
    articles = prepare("BBC", bbc(args.eval_dir, args.limit), encode)
    articles += prepare("CNN/DM", cnndm(args.eval_dir, args.limit), encode)
    encode.save()
    refit = fit(articles)
    oof = [replace(DEFAULT_WEIGHTS, coefficients=c) for c in out_of_fold(articles)]
    rows = {
        "Lead-3": lead_scores(articles),
        "shipped": score(articles, [DEFAULT_WEIGHTS] * len(articles)),
        "refit, in-sample": score(
            articles, [replace(DEFAULT_WEIGHTS, coefficients=refit)] * len(articles)
        ),
        f"refit, {FOLDS}-fold out-of-fold": score(articles, oof),
    }
    if args.bonuses:
        rows["OOF, bonuses nested too"], chosen = nested_bonuses(articles, oof)
    counts = Counter(a.dataset for a in articles)
    print(f"ROUGE-2 F1 x100, {N} sentences ({counts['BBC']} BBC, {counts['CNN/DM']} CNN/DM)")
    print(f"{'scorer':<28} {'BBC':>7} {'CNN/DM':>7}")
    for name, row in rows.items():
        print(f"{name:<28} {row['BBC']:7.2f} {row['CNN/DM']:7.2f}")
    print(
        f"headline weight {DEFAULT_WEIGHTS.headline}, opening bonuses"
        f" {DEFAULT_WEIGHTS.opening_bonus}, lead bonus {DEFAULT_WEIGHTS.lead_bonus}"
    )
    if args.bonuses:
        print("bonuses chosen per fold (opening 1, opening 2, lede):", chosen)
    if args.write:
        write_coefficients(refit)
        print(f"wrote {COEFFICIENTS_FILE}")


if __name__ == "__main__":
    main()
