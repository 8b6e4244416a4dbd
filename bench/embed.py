"""Embedding speed on 2 CPU threads: plain PyTorch fp32 against the ONNX backends, same run.

Embeds the sentences of BBC articles (as briefings do) with each backend, interleaving
the backends over several rounds and keeping each one's best round, then reports texts
per second, the speed-up over PyTorch fp32, and the cosine agreement with its vectors.

    python bench/embed.py [--eval-dir ../shared/eval] [--texts 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.embeddings import Embedder, load_embedder  # noqa: E402
from summarizer.sentences import split_sentences  # noqa: E402

THREADS = 2


def bbc_sentences(eval_dir: Path, count: int) -> list[str]:
    """The first ``count`` sentences of BBC articles, all categories in turn."""
    folders = sorted((eval_dir / "bbc" / "articles").iterdir())
    files = [sorted(folder.glob("*.txt")) for folder in folders]
    texts: list[str] = []
    for group in zip(*files, strict=False):
        for path in group:
            texts.extend(split_sentences(path.read_text(encoding="utf-8", errors="replace")))
        if len(texts) >= count:
            break
    return texts[:count]


def timed(embedder: Embedder, texts: list[str], batch_size: int) -> tuple[float, np.ndarray]:
    started = time.perf_counter()
    vectors = embedder.encode(texts, batch_size=batch_size)
    return time.perf_counter() - started, vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--texts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not (args.eval_dir / "bbc").is_dir():
        sys.exit(f"BBC articles not found under {args.eval_dir}: pass --eval-dir")
    texts = bbc_sentences(args.eval_dir, args.texts)
    runs = {
        "torch fp32 (baseline)": (load_embedder(THREADS, backend="fp32"), 64),
        "onnx fp32 (default)": (load_embedder(THREADS, backend="onnx"), 64),
        "onnx int8 (7-bit)": (load_embedder(THREADS, backend="onnx-int8"), 64),
    }
    for embedder, _ in runs.values():
        embedder.encode(texts[:32])
    best: dict[str, float] = {}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(args.rounds):
        for label, (embedder, batch) in runs.items():
            seconds, found = timed(embedder, texts, batch)
            best[label] = min(best.get(label, seconds), seconds)
            vectors[label] = found
    baseline = "torch fp32 (baseline)"
    words = sum(len(t.split()) for t in texts)
    print(
        f"{len(texts)} BBC sentences ({words / len(texts):.0f} words on average), "
        f"{THREADS} threads, best of {args.rounds} rounds"
    )
    print(
        f"{'backend':<24} {'name':<30} {'texts/s':>8} {'ratio':>6} {'cos mean':>9} {'cos min':>8}"
    )
    for label, (embedder, _) in runs.items():
        rate = len(texts) / best[label]
        agreement = (vectors[label] * vectors[baseline]).sum(axis=1)
        print(
            f"{label:<24} {embedder.name:<30} {rate:8.1f} {best[baseline] / best[label]:6.2f} "
            f"{agreement.mean():9.4f} {agreement.min():8.4f}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory (all three loaded): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
