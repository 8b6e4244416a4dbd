"""A portfolio before a role ("Energy minister Lena Marsh") is part of a title, not an
organisation; a department before one ("State Department spokeswoman") still is."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from summarizer.config import PipelineConfig
from summarizer.ingest.pipeline import ingest_corpus
from summarizer.people import update_people, who
from summarizer.people.roles import is_portfolio
from summarizer.store import Store
from tests.article_rows import add_article
from tests.conftest import EXAMPLES

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "after", "portfolio"),
    [
        ("Energy", " minister Lena Marsh announced", True),
        ("Health", " secretary Wes Doyle said", True),
        ("Foreign Affairs", " spokesman Tom Falk", True),
        ("Interior", " deputy minister Tom Falk", True),
        ("Energy", " Minister's plan", True),
        ("Energy", " bills will be capped", False),
        ("State Department", " spokeswoman Tammy Bruce", False),
        ("Kremlin", " spokesman Dmitry Peskov", False),
        ("Labour", " leader Keir Starmer", False),
        ("Treasury", " Secretary Scott Bessent", False),
    ],
)
def test_only_portfolio_words_before_a_role_are_titles(
    name: str, after: str, portfolio: bool
) -> None:
    assert is_portfolio(name, after) is portfolio


@pytest.mark.slow
def test_energy_is_not_mentioned_with_the_energy_minister(database_url: str) -> None:
    """``briefbot who "Lena Marsh"`` on the example corpus: her title is no organisation."""
    if not EXAMPLES.is_dir():
        pytest.skip("examples/corpus is absent")
    store = Store(database_url)
    config = PipelineConfig(corpus_dir=EXAMPLES, database_url=database_url, stable_seconds=0)
    ingest_corpus(store, EXAMPLES, config)
    update_people(store)
    marsh = who(store, "Lena Marsh", now=NOW)
    related = [r.name for r in marsh.related]
    assert marsh.status == "found" and marsh.role == "Energy minister"
    assert "Energy" not in related and "Jonas Berg" in related
    assert "Households" not in related  # "Households will pay …" opens a sentence
    shown = next(line for line in marsh.lines() if line.startswith("Mentioned with: "))
    assert "Energy" not in shown.removeprefix("Mentioned with: ").split(", ")
    berg = who(store, "Jonas Berg", now=NOW)
    assert berg.role == "Finance minister" and "Energy" not in [r.name for r in berg.related]
    assert who(store, "Energy", now=NOW).status == "unknown"
    store.close()


@pytest.mark.slow
def test_a_department_before_a_role_stays_an_organisation(database_url: str) -> None:
    store = Store(database_url)
    text = (  # written for this test
        "State Department spokeswoman Tammy Bruce said on Monday that the talks would resume "
        "in Geneva. Health minister Pia Lund said hospitals were ready for the winter. "
        "The State Department later confirmed the date of the next round."
    )
    add_article(
        store,
        path="bruce.txt",
        text=text,
        outlet="Wire One",
        published=datetime(2026, 11, 19, tzinfo=UTC),
    )
    update_people(store)
    department = who(store, "State Department", now=NOW)
    assert (department.status, department.kind) == ("found", "organisation")
    bruce = who(store, "Tammy Bruce", now=NOW)
    assert bruce.role == "State Department spokeswoman"
    assert "State Department" in [r.name for r in bruce.related]
    assert "Health" not in [r.name for r in who(store, "Pia Lund", now=NOW).related]
    store.close()


@pytest.mark.slow
def test_a_common_word_opening_a_sentence_is_no_organisation(database_url: str) -> None:
    store = Store(database_url)
    text = (  # written for this test
        "Landlords will pay no more than 28 cents per kilowatt hour from 1 December, Finance "
        "minister Ola Dahl said on Monday. Most landlords had asked for it. Labour backed the "
        "plan, and the opposition leader said Labour would vote for it whatever the labour "
        "market did."
    )
    add_article(
        store,
        path="dahl.txt",
        text=text,
        outlet="Wire One",
        published=datetime(2026, 11, 19, tzinfo=UTC),
    )
    update_people(store)
    related = [r.name for r in who(store, "Ola Dahl", now=NOW).related]
    assert "Landlords" not in related and who(store, "Landlords", now=NOW).status == "unknown"
    assert who(store, "Labour", now=NOW).status == "found"  # capitalised mid-sentence too
    store.close()
