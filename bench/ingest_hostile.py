"""Reading hostile single-line files: time against size, beside an ordinary article's.

Usage: ``python bench/ingest_hostile.py [--size CHARS] [--shape NAME ...]``. Each shape (a
line of unclosed brackets or quotes, say) is read as ``.md`` at ``size`` and at 4 × ``size``
characters, beside the baseline measured in the same run: plain sentences of the same
sizes. Linear work reads 4 × the text in about 4 × the time (``growth`` ≈ 4); quadratic
work takes about 16 × (what ``[[[…](`` and ``“a “a …`` took before issue #16's fix).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.ingest.document import read_draft  # noqa: E402
from summarizer.ingest.errors import RejectFile  # noqa: E402
from summarizer.ingest.scan import FileEntry  # noqa: E402

SHAPES = {
    "plain sentences (baseline)": "This is a sentence of an ordinary article. ",
    "unclosed link text [[[ ](": "[[[](",
    "unclosed links [a](b": "[a](b",
    "unclosed “ quotes": "“a ",
    "unclosed ‘ quotes": "‘a ",
    "unclosed « quotes": "«a ",
    "emphasis *a": "*a",
}


def read_seconds(folder: Path, text: str) -> float:
    """Seconds to read one ``.md`` file holding ``text`` (an article or a reject)."""
    path = folder / "hostile.md"
    path.write_text(text, encoding="utf-8")
    info = os.stat(path)
    began = time.perf_counter()
    with contextlib.suppress(RejectFile):  # a reject is an outcome too
        read_draft(FileEntry(str(path), info.st_size, info.st_mtime, kind="md"))
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=40_000, help="characters (default 40,000)")
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these")
    args = parser.parse_args()
    chosen = args.shape or list(SHAPES)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print(
            f"| shape | {args.size:,} chars s | {4 * args.size:,} chars s | growth | × baseline |"
        )
        print("| --- | ---: | ---: | ---: | ---: |")
        base: float | None = None
        for shape in ["plain sentences (baseline)", *[s for s in chosen if "baseline" not in s]]:
            unit = SHAPES[shape]
            small = read_seconds(folder, unit * (args.size // len(unit)))
            large = read_seconds(folder, unit * (4 * args.size // len(unit)))
            base = base or large
            print(
                f"| {shape} | {small:.3f} | {large:.3f} | {large / max(small, 1e-6):.1f} | "
                f"{large / base:.2f} |"
            )


if __name__ == "__main__":
    main()
