"""Attribution on real-world furniture: a copyright *policy* is not an outlet.

Texts here are written for the tests (the shape of a financial paper's footer, a picture
credit), not copied from any page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_support import Corpus, write

from summarizer.ingest.attribution import owner_in

POLICY_PAGE = "\n".join(
    [
        "Harbour tolls rise for the third year in a row",
        "The port authority raised tolls for container ships by 4 per cent on Monday, the "
        "third rise in as many years.",
        "Shipping lines said the increase would be passed on to importers within weeks.",
        "Quality journalism costs money. Please share this article using the link below. "
        "See our Ts&Cs and Copyright Policy for more detail. Email rights@quayside.example "
        "to buy more rights. https://quayside.example/s/tolls-2026",
        "Quality journalism costs money. Please share this article using the link below. "
        "See our Ts&Cs and Copyright Policy for more detail. Email rights@quayside.example "
        "to buy more rights. https://quayside.example/s/tolls-2026",
        "©EPA",
    ]
)


@pytest.fixture
def corpus(tmp_path: Path, database_url: str):
    made = Corpus(tmp_path, database_url)
    yield made
    made.close()


def test_copyright_policy_sentence_names_no_outlet(corpus: Corpus) -> None:
    """Before: the article's outlet read "Policy for more detail" in every listing."""
    write(corpus.folder, "tolls.txt", POLICY_PAGE)
    corpus.ingest()
    (article,) = corpus.articles()
    assert article.outlet is None
    assert "Copyright Policy" not in article.text  # the rights notice itself is removed
    assert article.headline == "Harbour tolls rise for the third year in a row"


@pytest.mark.parametrize(
    ("unit", "owner"),
    [
        ("See our Ts&Cs and Copyright Policy for more detail.", None),
        ("Copyright Policy", None),
        ("A note from the editor:", None),  # lower-case words are not a name
        ("©EPA", None),  # a picture credit under a photo, not the page's owner
        ("© Reuters", None),
        ("© 2026 The Harbour Ledger", "The Harbour Ledger"),
        ("© The Harbour Ledger 2026", "The Harbour Ledger"),  # no year in the name
        ("All content © 2026 Island Post. All rights reserved.", "Island Post"),
        ("Copyright 2015 The Quayside Times Limited. All rights reserved.", "The Quayside Times"),
        ("A Message from The Moscow Times:", "The Moscow Times"),
    ],
)
def test_owner_in_reads_only_real_owner_lines(unit: str, owner: str | None) -> None:
    """Before: "Policy for more detail", "the editor", "EPA" or "X 2026" became outlets."""
    assert owner_in(unit) == owner
