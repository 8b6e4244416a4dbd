"""Single-article extractive summaries: a learned sentence scorer, MMR, openings and the lede.

One method for every kind of news. Each sentence is described by signals computed
within its article (lexical, phrase and embedding centralities, PACSUM's directed
centrality, word frequency, length, position, echoes of earlier sentences); a linear
model fitted on BBC and CNN/DM jointly (``bench/summarize_fit.py``) scores it. When a
headline is given, sentences that merely restate it lose score. The summary is the
best of a few candidate sets by summed score plus a set-level bonus: Maximal Marginal
Relevance's picks, the first sentence or two completed by MMR, and the lede, all drawn
from the article's first 550 words.
"""

from summarizer.summarize.features import FEATURE_NAMES, sentence_features
from summarizer.summarize.rank import (
    DEFAULT_WEIGHTS,
    SummaryWeights,
    candidate_sets,
    mmr_select,
    rank_sentences,
    reading_window,
    sentence_scores,
    set_bonus,
    summarize_article,
)
from summarizer.summarize.signals import (
    STOPWORDS,
    directed_centrality,
    lexical_centrality,
    phrase_centrality,
    phrase_frequency,
    rescale,
    standardise,
    word_frequency,
)

__all__ = [
    "DEFAULT_WEIGHTS",
    "FEATURE_NAMES",
    "STOPWORDS",
    "SummaryWeights",
    "candidate_sets",
    "directed_centrality",
    "lexical_centrality",
    "mmr_select",
    "phrase_centrality",
    "phrase_frequency",
    "rank_sentences",
    "reading_window",
    "rescale",
    "sentence_features",
    "sentence_scores",
    "set_bonus",
    "standardise",
    "summarize_article",
    "word_frequency",
]
