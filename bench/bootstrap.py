"""Paired bootstrap over articles: how sure a benchmark difference is, given the set's size.

A mean over 97 articles moves by about a point when a handful of articles change, so a
difference of 0.04 says nothing by itself. The benches resample the articles (with
replacement, the same resample for both methods) and print the difference's 95 %
interval and the share of resamples in which ours is ahead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

ROUNDS = 10_000


@dataclass(frozen=True)
class Comparison:
    """Ours minus a bar: the observed difference, its 95 % interval, P(ours ahead)."""

    delta: float
    low: float
    high: float
    ahead: float
    digits: int = 2

    def __str__(self) -> str:
        d = self.digits
        return (
            f"{self.delta:+.{d}f} (95% CI {self.low:+.{d}f} to {self.high:+.{d}f}; "
            f"ours ahead in {100 * self.ahead:.0f}% of resamples)"
        )


def resamples(count: int, rounds: int = ROUNDS, seed: int = 0) -> np.ndarray:
    """``rounds`` x ``count`` article indices drawn with replacement (fixed seed)."""
    return np.random.default_rng(seed).integers(0, count, size=(rounds, count))


def compare(
    ours: Sequence[float], bar: Sequence[float], *, scale: float = 100.0, seed: int = 0
) -> tuple[Comparison, np.ndarray]:
    """Paired comparison of two per-article scores; also the resampled differences."""
    difference = scale * (np.asarray(ours, float) - np.asarray(bar, float))
    drawn = difference[resamples(len(difference), seed=seed)].mean(axis=1)
    return summarise(float(difference.mean()), drawn), drawn


def both_ahead(first: np.ndarray, second: np.ndarray) -> float:
    """Share of paired resamples (independent sets) in which ours is ahead on both."""
    return float(((first > 0) & (second > 0)).mean())


def summarise(observed: float, drawn: np.ndarray, digits: int = 2) -> Comparison:
    """The observed difference with the interval and share ahead of its resampled values."""
    low, high = np.percentile(drawn, [2.5, 97.5])
    return Comparison(observed, float(low), float(high), float((drawn > 0).mean()), digits)
