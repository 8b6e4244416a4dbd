"""Pick a story's headline and key points from all its articles (pure: vectors come in).

A candidate is a standalone sentence of any member article. It scores by its
centrality to the whole story (each article weighing the same, whatever its length),
by its standing in its own article (position, and the single-article summarizer's
score), and by how many other outlets say the same thing, each counted by how early
in its article it does: a fact in several outlets' ledes outranks a detail from
paragraph twelve of one.
MMR then picks points greedily: a sentence too close to a picked one is the same
fact and is skipped, so four outlets reporting one fact give one point (cited to
one, with the others under ``also``), while a fact only one outlet has can appear.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from summarizer.briefing.headlines import (
    QUOTE_OPENERS,
    best_headline,
    fallback_headline,
    from_sentence,
    headline_text,
)
from summarizer.briefing.models import KeyPoint
from summarizer.models import Article
from summarizer.sentences import (
    is_boilerplate,
    points_back,
    quotes_balanced,
    split_sentences,
    standalone,
    story_prose,
    strip_dateline,
)
from summarizer.summarize import rescale, sentence_scores

Encode = Callable[[Sequence[str]], np.ndarray]

SAME_FACT = 0.72
"""Cosine above which two sentences are taken to state the same fact."""
MAX_SENTENCES_PER_ARTICLE = 40
MAX_POINT_WORDS = 45
"""Longer sentences read badly as bullet points."""
MAX_POINTS = 4
MIN_POINTS = 2
SUPPORT_POOL = 512
"""Candidates whose cross-outlet support is counted (the best by centrality and position)."""
SUPPORT_BLOCK = 256
"""Rows of the similarity matrix held at once while counting support."""


@dataclass(frozen=True)
class Candidate:
    """A sentence that could become a key point, with where it comes from."""

    text: str
    article: Article
    index: int


@dataclass(frozen=True)
class Selection:
    """The headline and the points chosen for one story."""

    headline: str
    points: list[KeyPoint]


_COMPLETE = re.compile(r"[^.][.!][\"”’')\]]*$")
"""Ends a sentence: a full stop or "!" (not "..."), perhaps inside closing quotes."""


def _readable(text: str) -> bool:
    """The looser test used when a story has no standalone sentence at all: still a whole
    sentence (not a list item, a spec line or a cut-off one), but it may point back."""
    return (
        len(text.split()) >= 4
        and bool(_COMPLETE.search(text))
        and not text.startswith(("-", "•", "*"))
        and quotes_balanced(text)
        and not is_boilerplate(text)
    )


def qualifies(text: str, *, strict: bool = True) -> bool:
    """Whether a (cleaned) sentence may be a key point: it reads on its own and refers to
    nothing outside itself; with ``strict=False``, the fallback's looser test."""
    if not strict:
        return _readable(text)
    return standalone(text, max_words=MAX_POINT_WORDS) and points_back(text) is None


def candidates(articles: Sequence[Article], *, strict: bool = True) -> list[Candidate]:
    """Standalone sentences of every article (each text once, first occurrence wins).

    With ``strict=False`` any readable sentence qualifies (the fallback for stories whose
    articles are too short or too chatty to have a standalone sentence).
    """
    seen: set[str] = set()
    found: list[Candidate] = []
    for article in articles:
        headline = (article.headline or "").strip()
        for index, text, key in _qualifying(article.text, headline, strict):
            if key not in seen:
                seen.add(key)
                found.append(Candidate(text, article, index))
    return found


def story_sentences(body: str) -> list[str]:
    """The article's first sentences that compete as points, counted from the story's
    start: a raw page's leading byline and time stamps ("By .", "PUBLISHED: .") and its
    photo captions ("… against Burnley .") are not sentences of it."""
    sentences = split_sentences(body)
    return [sentences[i] for i in story_prose(sentences)[:MAX_SENTENCES_PER_ARTICLE]]


@lru_cache(maxsize=8192)
def _qualifying(body: str, headline: str, strict: bool) -> tuple[tuple[int, str, str], ...]:
    """(position, sentence, folded text) of one article's candidates, in order.

    Cached by text: a story's briefing is rebuilt each time it grows, and splitting and
    testing every sentence of every member again was most of that time.
    """
    found = []
    for index, raw in enumerate(story_sentences(body)):
        text = strip_dateline(raw)
        if text == headline:
            continue
        if qualifies(text, strict=strict):
            found.append((index, text, " ".join(text.lower().split())))
    return tuple(found)


def story_centroid(cands: Sequence[Candidate], vectors: np.ndarray) -> np.ndarray:
    """Unit mean of the per-article mean vectors, so every article weighs the same."""
    by_article: dict[int, list[int]] = {}
    for row, cand in enumerate(cands):
        by_article.setdefault(cand.article.id, []).append(row)
    means = [vectors[rows].mean(axis=0) for rows in by_article.values()]
    centroid = np.mean(means, axis=0)
    return (centroid / max(float(np.linalg.norm(centroid)), 1e-12)).astype(np.float32)


LEDE_DECAY = 3.0
"""A supporting sentence at position ``i`` of its article counts ``exp(-i / LEDE_DECAY)``:
an outlet that says the fact in its lede supports it fully, one that says it in
paragraph twelve hardly at all."""


def _support(cands: Sequence[Candidate], vectors: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For the candidates at ``rows``: how many *other* outlets (articles when unnamed) say
    the same thing, each weighted by how early it says it (:data:`LEDE_DECAY`)."""
    sources = [c.article.outlet or f"article {c.article.id}" for c in cands]
    early = np.array([np.exp(-c.index / LEDE_DECAY) for c in cands], dtype=np.float32)
    counts = np.zeros(len(rows), dtype=np.float32)
    for start in range(0, len(rows), SUPPORT_BLOCK):
        block = rows[start : start + SUPPORT_BLOCK]
        similarity = vectors[block] @ vectors.T
        for at, (i, row) in enumerate(zip(block, similarity, strict=True), start=start):
            best: dict[str, float] = {}
            for j in np.flatnonzero(row >= SAME_FACT):
                if sources[j] != sources[i]:
                    best[sources[j]] = max(best.get(sources[j], 0.0), float(early[j]))
            counts[at] = sum(best.values())
    return counts


def score(
    cands: Sequence[Candidate],
    vectors: np.ndarray,
    centroid: np.ndarray,
    in_article: np.ndarray | None = None,
) -> np.ndarray:
    """Centrality to the story, standing in its own article and cross-outlet support
    from the other outlets' ledes, blended.

    Standing in its article is half position (``1 / sqrt(1 + i)``), half ``in_article``:
    each candidate's score from the single-article summarizer
    (:func:`summarizer.summarize.sentence_scores`, within its own article, rescaled to
    [0, 1]), which reads centrality and length the way the summarizer was validated to
    (without it, position alone). The learned score alone picked more important points
    but more that lean on an earlier sentence (docs/briefings.md). Support
    is counted for the :data:`SUPPORT_POOL` candidates that score best without it (all
    of them in any story of a few dozen articles); the others count as said once.
    """
    central = rescale(vectors @ centroid)
    position = np.array([1.0 / (1.0 + c.index) ** 0.5 for c in cands], dtype=np.float32)
    if in_article is None:
        in_article = position
    base = 0.55 * central + 0.15 * in_article + 0.15 * position
    pool = np.argsort(-base, kind="stable")[:SUPPORT_POOL]
    support = np.zeros(len(cands), dtype=np.float32)
    support[pool] = _support(cands, vectors, pool)
    outlets = len({c.article.outlet or c.article.id for c in cands})
    return base + 0.15 * support / max(outlets - 1, 1)


def select_points(
    cands: Sequence[Candidate],
    vectors: np.ndarray,
    scores: np.ndarray,
    limit: int,
    *,
    said: int | None = None,
) -> list[KeyPoint]:
    """Greedy MMR over the candidates; same-fact sentences are never picked twice.

    ``said`` is a candidate already shown (as the headline): its fact is not repeated.
    Similarities are computed row by row for what is picked, never as a full matrix.
    """
    picked: list[int] = []
    similar: dict[int, np.ndarray] = {}  # each picked candidate's cosines to every candidate
    cited: set[str | None] = set()
    redundancy = np.zeros(len(cands), dtype=np.float32)
    if said is not None:
        redundancy = np.maximum(redundancy, vectors @ vectors[said])
        redundancy[said] = 1.0
    while len(picked) < limit:
        fresh = np.array([c.article.outlet not in cited for c in cands], dtype=np.float32)
        value = scores - 0.5 * redundancy + 0.05 * fresh
        value[(redundancy >= SAME_FACT) | np.isin(np.arange(len(cands)), picked)] = -np.inf
        best = int(np.argmax(value))
        if not np.isfinite(value[best]):
            break
        picked.append(best)
        cited.add(cands[best].article.outlet)
        similar[best] = vectors @ vectors[best]
        redundancy = np.maximum(redundancy, similar[best])
    return [_point(cands, similar[i], i) for i in picked]


def _point(cands: Sequence[Candidate], similar: np.ndarray, i: int) -> KeyPoint:
    """Candidate ``i`` as a point; ``similar`` holds its cosines to every candidate."""
    own = cands[i].article.outlet
    also = {
        cands[j].article.outlet
        for j in np.flatnonzero(similar >= SAME_FACT)
        if cands[j].article.outlet and cands[j].article.outlet != own
    }
    return KeyPoint(cands[i].text, own, cands[i].article.id, tuple(sorted(also)))


def article_scores(cands: Sequence[Candidate], encode: Encode) -> np.ndarray:
    """Each candidate's score from the single-article summarizer, within its own article
    (all its first sentences scored, its headline read), rescaled to [0, 1] there."""
    articles = {c.article.id: c.article for c in cands}
    texts: list[str] = []
    spans: dict[int, tuple[int, int, bool]] = {}
    for article_id, article in articles.items():
        sentences = story_sentences(article.text)
        headline = headline_text(article)
        spans[article_id] = (len(texts), len(sentences), headline is not None)
        texts += sentences + ([headline] if headline else [])
    vectors = encode(texts)
    scored: dict[int, np.ndarray] = {}
    for article_id, (start, count, titled) in spans.items():
        own = vectors[start : start + count]
        heading = vectors[start + count] if titled else None
        scored[article_id] = rescale(
            sentence_scores(texts[start : start + count], own, headline_vector=heading)
        )
    return np.array([scored[c.article.id][c.index] for c in cands], dtype=np.float32)


def _stand_in(cands: Sequence[Candidate], scores: np.ndarray) -> int:
    """The candidate whose sentence heads a story that has no headline: the best scored
    one (ledes score high) that does not open with a quotation."""
    order = np.argsort(-scores, kind="stable")
    unquoted = [int(i) for i in order if not cands[int(i)].text.startswith(QUOTE_OPENERS)]
    return unquoted[0] if unquoted else int(order[0])


def select(articles: Sequence[Article], encode: Encode, *, limit: int = MAX_POINTS) -> Selection:
    """Headline and 2–4 key points for the story made of ``articles``."""
    cands = candidates(articles) or candidates(articles, strict=False)
    headlines = list(dict.fromkeys(h for h in map(headline_text, articles) if h))
    if not cands:
        return Selection(fallback_headline(articles), [])
    vectors = encode([c.text for c in cands] + headlines)
    sentence_vectors, headline_vectors = vectors[: len(cands)], vectors[len(cands) :]
    centroid = story_centroid(cands, sentence_vectors)
    scores = score(cands, sentence_vectors, centroid, article_scores(cands, encode))
    said = None
    if headlines:
        headline = best_headline(headlines, headline_vectors, centroid)
    else:  # a lead sentence stands in, shortened; its fact is not repeated as a point
        said = _stand_in(cands, scores)
        headline = from_sentence(cands[said].text)
    wanted = max(MIN_POINTS, min(limit, len(cands)))
    points = select_points(cands, sentence_vectors, scores, wanted, said=said)
    return Selection(headline, points)
