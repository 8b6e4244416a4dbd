"""A cheap language guess: the share of each language's commonest words, or the script."""

from __future__ import annotations

import re
from collections import Counter

_STOPWORDS = {
    "en": "the of and to in a is that for on it with as was he said by at from his be are have "
    "has but not this they an which or were had their been will would who its after we more",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch "
    "es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über",
    "fr": "de la le et les des en un une du est pour que qui dans a par au sur pas plus ne se "
    "avec il ce sont mais ont aux été son sa cette elle",
    "es": "de la que el en y a los del se las por un para con no una su al es lo como más pero "
    "sus le ya o fue este ha sí porque esta entre cuando muy",
    "it": "di e il la che in a per un del non è una con le si da i dei sono al della ha più nel "
    "anche gli come ma alla delle questo",
    "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi "
    "ao ele das tem à seu sua ou ser quando muito",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er die maar ook als bij door "
    "om dan nog wel naar uit",
}
_WORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+")
_SCRIPTS = (
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
)


def guess_language(text: str, *, sample: int = 3000) -> str:
    """An ISO 639-1 code (``en``, ``de``…), or ``und`` when the text is too short to tell."""
    head = text[:sample]
    tokens = _TOKEN.findall(head.lower())
    if not tokens:
        return "und"
    if not head.isascii():
        letters = sum(len(token) for token in tokens)
        for code, script in _SCRIPTS:
            if len(script.findall(head)) > 0.3 * letters:
                return code
    if len(tokens) < 8:
        return "und"
    counts = Counter(tokens)
    scores = {
        lang: sum(counts[word] for word in words) / len(tokens) for lang, words in _WORDS.items()
    }
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= 0.12 else "und"
