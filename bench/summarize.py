"""ROUGE of our 3-sentence single-article summaries against Lead-3, LexRank and TextRank.

Two development sets (see ../shared/eval/README.md): BBC News Summary (extractive
references) and SummEval's CNN/DailyMail (written references). Every method gets the
same sentences from our splitter; the sumy baselines get them through a duck-typed
tokenizer (NLTK's punkt data cannot be downloaded here). Ours also reads BBC's headline
(line 1 of each file; SummEval has none), the baselines do not: the bench prints ours
without it too, and ours out-of-fold (coefficients refit by bench/summarize_fit.py on
the folds without the article, vectors cached in /tmp/rouge_cache).

    python bench/summarize.py [--limit N] [--sets bbc,cnndm] [--eval-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bootstrap import both_ahead, compare

from summarizer.sentences import split_sentences
from summarizer.summarize import DEFAULT_WEIGHTS, SummaryWeights, rank_sentences

BASELINES = ("Lead-3", "LexRank", "TextRank")
CROSS_FAMILY = ("without its set", "without its set, bonuses too", "without its category")
"""The cross-family protocols (``summarize_fit.cross_family_by_example``): coefficients
fitted without the article's whole set (BBC or CNN/DM), with the shipped set bonuses or
with bonuses chosen on the other set too; and, for BBC, coefficients fitted without the
article's category (CNN/DM and the other categories kept). They need both sets."""

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
N = 3


@dataclass(frozen=True)
class Example:
    """One article body, its references, and its headline where the set has one."""

    body: str
    references: list[str]
    headline: str | None = None
    group: str = ""
    """The BBC category (``business``, ...) or ``cnndm``: what cross-family fits leave out."""


def bbc(eval_dir: Path, limit: int | None) -> list[Example]:
    """BBC pairs, category by category, in file order (first line = headline, kept apart)."""
    examples = []
    for article in sorted((eval_dir / "bbc" / "articles").glob("*/*.txt")):
        summary = eval_dir / "bbc" / "summaries" / article.parent.name / article.name
        lines = article.read_text(encoding="utf-8", errors="replace").splitlines()
        reference = "\n".join(
            split_sentences(summary.read_text(encoding="utf-8", errors="replace"))
        )
        body = "\n".join(lines[1:]).strip()
        examples.append(Example(body, [reference], lines[0].strip(), article.parent.name))
    return _take(examples, limit)


_DETOKENIZE = [
    (re.compile(r"``\s*"), "“"),
    (re.compile(r"\s*''"), "”"),
    (re.compile(r" (['’](?:s|re|ve|ll|d|m)|n't)\b"), r"\1"),
    (re.compile(r" ([.,;:!?%)\]])"), r"\1"),
    (re.compile(r"([(\[$£]) "), r"\1"),
    (re.compile(r"([.,!?]) '(?=\s|$)"), r"\1'"),
    (re.compile(r"(^|\s)' (?=\w)"), r"\1'"),
    (re.compile(r"(\w) '(?=\s|$)"), r"\1'"),
    (re.compile(r"\s+"), " "),
]


_SPACED = re.compile(r"\w [.,;:!?](?=\s|$)|\w (?:'s|n't)\b")
_ATTACHED = re.compile(r"\w[.,;:!?](?=\s|$)|\w(?:'s|n't)\b")


def looks_tokenized(text: str) -> bool:
    """Whether a text is PTB-tokenized like SummEval's ("a , b .") rather than raw."""
    return len(_SPACED.findall(text)) > len(_ATTACHED.findall(text))


def detokenize(text: str) -> str:
    """Undo the PTB-style tokenization of the CNN/DM text ("team 's" -> "team's").

    Raw text (a set laid out like SummEval but scraped, as the blind checks are) is left
    as it is: "detokenizing" it would glue a caption's detached full stop ("… Burnley .")
    to its last word and so hide what marks it as a caption.
    """
    if not looks_tokenized(text):
        return text.strip()
    for pattern, replacement in _DETOKENIZE:
        text = pattern.sub(replacement, text)
    return text.strip()


def cnndm(eval_dir: Path, limit: int | None) -> list[Example]:
    """SummEval's CNN/DM articles with their eleven references (index 0 = highlights)."""
    examples = []
    with (eval_dir / "cnndm" / "summeval.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            references = [detokenize(r) for r in record["references"]]
            examples.append(Example(detokenize(record["document"]), references, group="cnndm"))
    return _take(examples, limit)


def _take(examples: list[Example], limit: int | None) -> list[Example]:
    if limit is None or limit >= len(examples):
        return examples
    step = len(examples) / limit  # spread over categories rather than the first few
    return [examples[int(i * step)] for i in range(limit)]


class SplitterTokenizer:
    """sumy's tokenizer interface over our splitter and a plain word tokenizer."""

    language = "english"
    _words = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(self._words.findall(sentence))


def sumy_method(name: str) -> Method:
    """A sumy summarizer over our sentences, returning the picked indices in order."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    classes = {"LexRank": LexRankSummarizer, "TextRank": TextRankSummarizer}
    summarizer = classes[name](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = SplitterTokenizer()

    def pick(sentences: list[str], _example: Example) -> list[int]:
        objects = [Sentence(s, tokenizer) for s in sentences]
        document = ObjectDocumentModel([Paragraph(objects)])
        chosen = {id(s) for s in summarizer(document, N)}
        return [i for i, s in enumerate(objects) if id(s) in chosen]

    return pick


class CachedEncoder:
    """The packaged embedder with an in-process cache (variants reuse vectors)."""

    def __init__(self) -> None:
        from summarizer.embeddings import load_embedder

        self.embedder = load_embedder(threads=int(os.environ.get("BENCH_THREADS", "2")))
        self.cache: dict[str, np.ndarray] = {}
        print(f"embedder: {self.embedder.name}")

    def __call__(self, sentences: list[str]) -> np.ndarray:
        missing = [s for s in dict.fromkeys(sentences) if s not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.embedder.encode(missing), strict=True))
        return np.stack([self.cache[s] for s in sentences])


@dataclass
class Row:
    method: str
    r1: float = 0.0
    r2: float = 0.0
    rl: float = 0.0
    best_r2: float = 0.0
    seconds: float = 0.0
    count: int = 0
    r2_each: list[float] = field(default_factory=list)


Method = Callable[[list[str], Example], list[int]]
"""Picks sentence indices from the article's sentences (the example gives its headline)."""


def evaluate(examples: list[Example], methods: dict[str, Method]) -> list[Row]:
    """Mean ROUGE F1 per method (vs the first reference, and best R-2 over all)."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    rows = {name: Row(name) for name in methods}
    for example in examples:
        sentences = split_sentences(example.body)
        for name, method in methods.items():
            started = time.perf_counter()
            picked = method(sentences, example)
            rows[name].seconds += time.perf_counter() - started
            summary = "\n".join(sentences[i] for i in picked)
            scores = [scorer.score(ref, summary) for ref in example.references]
            row = rows[name]
            row.r1 += scores[0]["rouge1"].fmeasure
            row.r2 += scores[0]["rouge2"].fmeasure
            row.r2_each.append(scores[0]["rouge2"].fmeasure)
            row.rl += scores[0]["rougeL"].fmeasure
            row.best_r2 += max(s["rouge2"].fmeasure for s in scores)
            row.count += 1
    return list(rows.values())


def print_table(title: str, rows: list[Row], bar: str, seed: int) -> np.ndarray:
    """The figures, each method's articles per second, and our R-2 against the bar's.

    Returns the bootstrap's resampled R-2 differences, ours minus the named bar.
    """
    print(f"\n{title}  ({rows[0].count} articles; ROUGE F1 x100, stemming on)")
    print(f"{'method':<40} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'best-ref R-2':>12} {'art/s':>8}")
    for row in rows:
        n = max(row.count, 1)
        speed = row.count / row.seconds if row.seconds else float("inf")
        print(
            f"{row.method:<40} {100 * row.r1 / n:6.2f} {100 * row.r2 / n:6.2f} "
            f"{100 * row.rl / n:6.2f} {100 * row.best_r2 / n:12.2f} {speed:8.1f}"
        )
    ours = next(r for r in rows if r.method == "ours")
    best = max((r for r in rows if r.method in BASELINES), key=lambda r: r.r2)
    print(f"ours / {best.method} R-2 = {ours.r2 / max(best.r2, 1e-9):.3f} (bar named: {bar})")
    named = next(r for r in rows if r.method == bar)
    drawn = {}
    for row in rows:
        if row.method.startswith("ours") and row.method != "ours, no headline":
            comparison, drawn[row.method] = compare(row.r2_each, named.r2_each, seed=seed)
            print(f"{row.method} - {bar} R-2, paired bootstrap over articles: {comparison}")
    return drawn


def print_groups(examples: list[Example], rows: list[Row], method: str, bar: str) -> None:
    """``method`` against ``bar`` within each group (BBC category) of the examples."""
    ours = next(r for r in rows if r.method == method)
    named = next(r for r in rows if r.method == bar)
    for group in sorted({e.group for e in examples}):
        at = [i for i, e in enumerate(examples) if e.group == group]
        comparison, _ = compare([ours.r2_each[i] for i in at], [named.r2_each[i] for i in at])
        mine, theirs = (100 * np.mean([r.r2_each[i] for i in at]) for r in (ours, named))
        print(
            f"  {group:<14} ({len(at)}): {method} {mine:.2f}, {bar} {theirs:.2f};"
            f" difference {comparison}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="articles per set (spread)")
    parser.add_argument("--sets", default="bbc,cnndm")
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    args = parser.parse_args()
    if not args.eval_dir.exists():
        sys.exit(f"{args.eval_dir} is absent: clone the project beside shared/")

    loaders = {"bbc": (bbc, "BBC News Summary", "TextRank"), "cnndm": (cnndm, "CNN/DM", "Lead-3")}
    loaded = {name: load(args.eval_dir, args.limit) for name, (load, _, _) in loaders.items()}
    folds = out_of_fold_weights(loaded)
    crossed = cross_family_weights(loaded)
    encode = CachedEncoder()

    def ours(sentences: list[str], example: Example, weights: SummaryWeights) -> list[int]:
        headline = encode([example.headline])[0] if example.headline else None
        return rank_sentences(sentences, encode(sentences), N, weights, headline_vector=headline)

    methods: dict[str, Method] = {
        "ours": lambda sentences, example: ours(sentences, example, DEFAULT_WEIGHTS),
        "ours, no headline": lambda sentences, example: ours(
            sentences, replace(example, headline=None), DEFAULT_WEIGHTS
        ),
        "ours, 5-fold OOF": lambda sentences, example: ours(
            sentences, example, folds.get(id(example), DEFAULT_WEIGHTS)
        ),
        **{
            f"ours, fit {protocol}": crossed_method(ours, crossed[protocol])
            for protocol in CROSS_FAMILY
        },
        "key points (story scorer)": key_points_method(encode, learned=True),
        "key points, position prior (before)": key_points_method(encode, learned=False),
        "Lead-3": lambda sentences, example: list(range(min(N, len(sentences)))),
        "LexRank": sumy_method("LexRank"),
        "TextRank": sumy_method("TextRank"),
    }
    print(
        "ours reads the headline where the set has one (BBC; SummEval's CNN/DM has none);"
        " Lead-3, LexRank and TextRank do not. OOF: each article scored by coefficients"
        " refit (bench/summarize_fit.py) on the folds without it, both sets together."
    )
    print(
        "Cross-family: 'fit without its set' scores each set with coefficients fitted on the"
        " other set only (set bonuses as shipped, or 'bonuses too': chosen on the other set);"
        " 'fit without its category' scores each BBC category with coefficients fitted on"
        " CNN/DM and the other categories (CNN/DM rows: as shipped)."
    )
    differences = {}
    for seed, name in enumerate(args.sets.split(",")):
        _, title, bar = loaders[name]
        rows = evaluate(loaded[name], methods)
        differences[name] = print_table(title, rows, bar, seed)
        if name == "bbc":
            print_groups(loaded[name], rows, "ours, fit without its category", bar)
    if "cnndm" in args.sets.split(","):
        print_furnished(loaded["cnndm"], {name: methods[name] for name in ("ours", "Lead-3")})
    if len(differences) == 2:
        for method in ("ours", "ours, fit without its set", "ours, fit without its category"):
            share = both_ahead(*(drawn[method] for drawn in differences.values()))
            print(f"{method}: ahead of both bars at once in {100 * share:.0f}% of resamples")


PAGE_HEADER = (
    "By . Staff Reporter . PUBLISHED: . 10:12 EST, 3 March 2015 . | . "
    "UPDATED: . 11:40 EST, 3 March 2015 . "
)
"""A raw page's byline and time stamps, as scraped Daily Mail pages carry them (our text)."""


def print_furnished(examples: list[Example], methods: dict[str, Method]) -> None:
    """CNN/DM again with :data:`PAGE_HEADER` before every article: ours should not move."""
    furnished = [replace(e, body=PAGE_HEADER + e.body) for e in examples]
    rows = evaluate(furnished, methods)
    figures = ", ".join(f"{r.method} {100 * r.r2 / max(r.count, 1):.2f}" for r in rows)
    print(f"CNN/DM with a raw page header before each article (By . … PUBLISHED: …): {figures}")


def key_points_method(encode: Callable[[list[str]], np.ndarray], *, learned: bool) -> Method:
    """A story's first ``N`` key points (``summarizer.briefing.keypoints``) when the article
    is a story on its own, as sentence indices. With ``learned=False``, a candidate's
    standing in its article is its position alone, as before the story scorer read the
    single-article score. Without a headline (CNN/DM) the lede stands in for one and is
    not repeated as a point, as in a briefing."""
    from datetime import UTC, datetime

    from summarizer.briefing import keypoints
    from summarizer.models import Article

    def pick(sentences: list[str], example: Example) -> list[int]:
        article = Article(
            0, "bench.txt", example.headline, "Bench", None, datetime(2026, 1, 1, tzinfo=UTC),
            "en", example.body, "", 1,
        )  # fmt: skip
        saved = keypoints.article_scores
        if not learned:
            keypoints.article_scores = lambda cands, encode: None  # type: ignore[assignment,return-value]
        try:
            points = keypoints.select([article], encode, limit=N).points
        finally:
            keypoints.article_scores = saved
        return sorted(next(i for i, s in enumerate(sentences) if p.text in s) for p in points)

    return pick


def crossed_method(
    ours: Callable[[list[str], Example, SummaryWeights], list[int]],
    weights: dict[int, SummaryWeights],
) -> Method:
    """Ours with each example's cross-family weights (shipped where a protocol has none)."""
    return lambda sentences, example: ours(
        sentences, example, weights.get(id(example), DEFAULT_WEIGHTS)
    )


def cross_family_weights(sets: dict[str, list[Example]]) -> dict[str, dict[int, SummaryWeights]]:
    """Per cross-family protocol, per example (by id): the weights fitted without it."""
    from summarize_fit import cross_family_by_example

    return cross_family_by_example(sets)


def out_of_fold_weights(sets: dict[str, list[Example]]) -> dict[int, SummaryWeights]:
    """Per example (by id): the shipped settings with coefficients fitted without it."""
    from summarize_fit import out_of_fold_by_example

    return {
        key: replace(DEFAULT_WEIGHTS, coefficients=coefficients)
        for key, coefficients in out_of_fold_by_example(sets).items()
    }


if __name__ == "__main__":
    main()
