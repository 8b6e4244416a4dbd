"""Score sentences with the learned model; choose MMR's picks, an opening or the lede."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from summarizer.sentences import is_boilerplate, split_sentences, story_prose
from summarizer.summarize.coefficients import COEFFICIENTS
from summarizer.summarize.features import sentence_features
from summarizer.summarize.signals import standardise

if TYPE_CHECKING:
    from summarizer.embeddings import Embedder


@dataclass(frozen=True)
class SummaryWeights:
    """The scorer and how it picks (fitted jointly on BBC and CNN/DM; see docs/briefings.md)."""

    coefficients: tuple[float, ...] = COEFFICIENTS
    """One weight per column of :data:`~summarizer.summarize.features.FEATURE_NAMES`."""
    headline: float = -2.0
    """Weight of a sentence's cosine to the headline, when there is one. Negative: the
    reader sees the headline, so a sentence that only restates it tells them less."""
    lead_bonus: float = 2.55
    """Set-level bonus of the lede, the first ``n`` sentences (in units of the article's
    score spread): it is returned when its summed score plus this is the highest."""
    opening_bonus: tuple[float, ...] = (0.1, 1.0)
    """Set-level bonuses of the first one, two, ... sentences completed by MMR's picks
    (fewer than ``n``; an opening without a bonus here is not a candidate)."""
    diversity: float = 0.2
    """MMR: how much similarity to an already picked sentence costs (0 = none)."""
    same_fact: float = 0.85
    """Cosine at which a sentence repeats a picked one: it is skipped while others are left."""
    min_words: int = 12
    max_words: int = 50
    """Sentences outside these bounds (datelines, captions, run-ons) are picked last."""
    window_words: int = 550
    """Only the sentences that start within the article's first this many words compete
    (news puts what matters first). It also keeps the scorer on the articles it was
    validated on: SummEval's CNN/DM texts stop at 587 words, and on full-length articles
    the set bonuses, in units of the score spread, lost to MMR's picks from 30-40
    sentences (see docs/briefings.md)."""


DEFAULT_WEIGHTS = SummaryWeights()


def mmr_select(
    scores: np.ndarray,
    vectors: np.ndarray,
    n: int,
    diversity: float,
    *,
    eligible: np.ndarray,
    same_fact: float = 1.0,
    start: Sequence[int] = (),
) -> list[int]:
    """Indices picked greedily by ``score - diversity * max similarity to the picked``,
    after the ``start`` ones.

    Preference goes to eligible sentences less than ``same_fact`` similar to every picked
    one, then to any such new sentence, then to whatever is left.
    """
    picked = list(start)
    pool = [i for i in range(len(scores)) if i not in picked]
    penalty = np.zeros(len(scores), dtype=np.float32)
    for index in picked:
        penalty = np.maximum(penalty, vectors @ vectors[index])
    while pool and len(picked) < n:
        novel = [i for i in pool if penalty[i] < same_fact]
        candidates = [i for i in novel if eligible[i]] or novel or pool
        best = max(candidates, key=lambda i: scores[i] - diversity * penalty[i])
        picked.append(best)
        pool.remove(best)
        penalty = np.maximum(penalty, vectors @ vectors[best])
    return picked


def sentence_scores(
    sentences: Sequence[str],
    vectors: np.ndarray,
    weights: SummaryWeights = DEFAULT_WEIGHTS,
    headline_vector: np.ndarray | None = None,
) -> np.ndarray:
    """The learned score of each sentence, standardised within the article."""
    features = sentence_features(sentences, vectors)
    if len(weights.coefficients) != features.shape[1]:
        raise ValueError(
            f"{len(weights.coefficients)} coefficients for {features.shape[1]} features:"
            " refit them with bench/summarize_fit.py --write"
        )
    raw = features @ np.asarray(weights.coefficients, np.float32)
    score = standardise(raw)
    if headline_vector is not None:
        score = standardise(score + weights.headline * (vectors @ headline_vector))
    return score


def reading_window(sentences: Sequence[str], words: int, n: int = 3) -> int:
    """How many leading sentences start within the first ``words`` words (at least ``n``)."""
    seen = 0
    for count, sentence in enumerate(sentences):
        if seen >= words and count >= n:
            return count
        seen += len(sentence.split())
    return len(sentences)


def rank_sentences(
    sentences: Sequence[str],
    vectors: np.ndarray,
    n: int = 3,
    weights: SummaryWeights = DEFAULT_WEIGHTS,
    *,
    headline_vector: np.ndarray | None = None,
) -> list[int]:
    """Indices of the ``n`` summary sentences, in document order.

    ``vectors`` are the sentences' unit embeddings; ``headline_vector`` the headline's,
    when the article has one. Only the story's prose counts
    (:func:`~summarizer.sentences.story_prose`): a raw page's leading byline and time
    stamps and its photo captions are skipped, so the lede is the story's first
    sentences. Only the sentences in the reading window compete
    (:func:`reading_window`). Of the candidate sets (:func:`candidate_sets`), the one
    with the highest summed score plus its set-level bonus wins.
    """
    if not sentences:
        return []
    prose = story_prose(list(sentences))
    if prose and len(prose) < len(sentences):  # a raw page: its header and captions go
        picked = rank_sentences(
            [sentences[i] for i in prose], vectors[prose], n, weights,
            headline_vector=headline_vector,
        )  # fmt: skip
        return [prose[i] for i in picked]
    keep = reading_window(sentences, weights.window_words, n)
    sentences, vectors = sentences[:keep], vectors[:keep]
    score = sentence_scores(sentences, vectors, weights, headline_vector)
    candidates = candidate_sets(sentences, vectors, score, n, weights)
    best, _ = max(candidates, key=lambda c: score[c[0]].sum() + set_bonus(c[1], n, weights))
    return sorted(best)


def candidate_sets(
    sentences: Sequence[str],
    vectors: np.ndarray,
    score: np.ndarray,
    n: int,
    weights: SummaryWeights,
) -> list[tuple[list[int], int]]:
    """The sets a summary is chosen from, each with the length of its opening.

    Opening 0 is MMR's picks; opening ``k`` is the article's first ``k`` sentences
    completed by MMR (for each ``k`` that has a bonus); opening ``n`` is the lede itself,
    offered unless two of its sentences state one fact. Boilerplate and page furniture
    never open a set.
    """
    words = [len(s.split()) for s in sentences]
    eligible = np.array(
        [
            weights.min_words <= count <= weights.max_words and not is_boilerplate(s)
            for count, s in zip(words, sentences, strict=True)
        ]
    )
    lead = [i for i, s in enumerate(sentences) if not is_boilerplate(s)][:n]
    sizes = [0, *range(1, min(n, len(weights.opening_bonus) + 1, len(lead) + 1))]
    candidates = [
        (
            mmr_select(
                score,
                vectors,
                n,
                weights.diversity,
                eligible=eligible,
                same_fact=weights.same_fact,
                start=lead[:size],
            ),
            size,
        )
        for size in sizes
    ]
    if _is_lede(lead, vectors, n, weights):
        candidates.append((lead, n))
    return candidates


def set_bonus(opening: int, n: int, weights: SummaryWeights) -> float:
    """The set-level bonus of a candidate whose first ``opening`` sentences open the article."""
    if opening == 0:
        return 0.0
    return weights.lead_bonus if opening == n else weights.opening_bonus[opening - 1]


def _is_lede(lead: list[int], vectors: np.ndarray, n: int, weights: SummaryWeights) -> bool:
    """Whether the first ``n`` sentences may stand as a summary: no two state one fact."""
    if len(lead) < n:
        return False
    similarity = vectors[lead] @ vectors[lead].T
    return not (np.triu(similarity, 1) >= weights.same_fact).any()


def summarize_article(
    text: str,
    n: int = 3,
    *,
    headline: str | None = None,
    embedder: Embedder | None = None,
    weights: SummaryWeights = DEFAULT_WEIGHTS,
) -> list[str]:
    """The ``n`` sentences of ``text`` that best summarise it, verbatim and in order.

    ``text`` is the article body; pass the ``headline`` separately when there is one
    (sentences that merely restate it are worth less). The packaged embedder is loaded
    on first use when none is given.
    """
    sentences = split_sentences(text)
    sentences = [sentences[i] for i in story_prose(sentences)] or sentences
    if len(sentences) <= n:
        return sentences
    sentences = sentences[: reading_window(sentences, weights.window_words, n)]
    if embedder is None:
        from summarizer.embeddings import load_embedder

        embedder = load_embedder()
    headline = (headline or "").strip()
    vectors = embedder.encode([*sentences, headline] if headline else sentences)
    headline_vector = vectors[-1] if headline else None
    vectors = vectors[: len(sentences)]
    return [
        sentences[i]
        for i in rank_sentences(sentences, vectors, n, weights, headline_vector=headline_vector)
    ]
