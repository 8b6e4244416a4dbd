"""The real WikiRef220 set (cp1252, CRLF, 220 scraped pages) through the real pipeline.

Checks by rule, quoting none of the third-party text: every outlet found is a name, and no
stored paragraph is the tail of a sentence the scraper cut off the paragraph before it.
"""

from __future__ import annotations

import re
import shutil
from itertools import pairwise
from pathlib import Path

from ingest_support import Corpus


def test_wikiref_outlets_are_names_and_no_sentence_is_cut(
    eval_dir: Path, tmp_path: Path, database_url: str
) -> None:
    """Before: one page's outlet read "Policy for more detail" (from a rights notice), and
    four articles had paragraphs starting mid-sentence ("rolling cuts aimed at …")."""
    corpus = Corpus(tmp_path, database_url)
    try:
        shutil.copytree(eval_dir / "wikiref220", corpus.folder, dirs_exist_ok=True)
        report = corpus.ingest()
        articles = corpus.articles()
    finally:
        corpus.close()
    assert not report.rejected
    assert len(articles) >= 215
    small = {"of", "the", "and", "for", "&"}
    for article in articles:
        if article.outlet:
            words = article.outlet.split()
            assert len(words) <= 5 and not any(w[:1].islower() and w not in small for w in words), (
                f"{article.path}: outlet {article.outlet!r} is not a name"
            )
        for before, after in pairwise(article.paragraphs):
            cut = re.search(r"[^\W\d_]$", before) and re.match(r"[a-z]{2,}\s", after)
            assert not cut, f"{article.path}: a sentence is cut between two paragraphs"
