"""``/who`` on the five seed articles (read raw, boilerplate included) plus written fixtures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from summarizer.people import people_in_articles, update_people, who
from summarizer.store import Store
from summarizer.store.articles import ArticleRow
from summarizer.store.people import PeopleMentionRow
from tests.article_rows import article_row

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
NOW = datetime(2025, 4, 23, tzinfo=UTC)
SEED_META = {  # outlet, publication date (the seeds carry no reliable dates)
    "000": ("France24", datetime(2025, 3, 17, tzinfo=UTC)),
    "001": ("The Moscow Times", datetime(2025, 3, 16, tzinfo=UTC)),
    "002": (None, datetime(2025, 4, 22, tzinfo=UTC)),
    "003": ("The Independent", datetime(2025, 3, 16, 12, tzinfo=UTC)),
    "004": ("The Moscow Times", datetime(2025, 3, 14, tzinfo=UTC)),
}
SMITHS = {  # written for these tests: two different Smiths and a bare "Smith"
    "smith-1": (
        "Ledger Daily",
        "Finance minister John Smith said on Monday that the budget would be published in "
        "June. John Smith told reporters the plan was ready and fully costed.",
    ),
    "smith-2": (
        "Harbour Post",
        "Jane Smith, the chief executive of Northwind Mining, said profits rose sharply this "
        "year. Jane Smith said the company would hire four hundred more staff.",
    ),
    "smith-3": ("Harbour Post", "Smith was not available for comment on Tuesday evening."),
}


def seed_rows() -> list[ArticleRow]:
    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} is absent: clone the project beside shared/ to run this test")
    rows = []
    for path in sorted(SEEDS.glob("*.txt")):
        outlet, published = SEED_META[path.name[:3]]
        rows.append(
            article_row(
                path=str(path),
                text=path.read_text(encoding="utf-8"),
                outlet=outlet,
                published=published,
            )
        )
    for name, (outlet, text) in SMITHS.items():
        rows.append(
            article_row(
                path=name, text=text, outlet=outlet, published=datetime(2025, 3, 1, tzinfo=UTC)
            )
        )
    return rows


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store for the module: seeds and fixtures ingested, people indexed once."""
    path = tmp_path_factory.mktemp("people") / "briefbot.db"
    store = Store(f"sqlite:///{path}")
    with store.session() as session:
        session.add_all(seed_rows())
    report = update_people(store)
    assert report.indexed == 8 and report.entities > 10
    yield store
    store.close()


def test_witkoff_is_the_us_special_envoy_who_met_putin(store: Store) -> None:
    answer = who(store, "Witkoff", now=NOW)
    assert answer.status == "found"
    assert answer.name == "Steve Witkoff" and answer.kind == "person"
    assert "envoy" in answer.role and ("special" in answer.role or "US" in answer.role)
    facts = " ".join(f.text for f in answer.facts)
    assert 2 <= len(answer.facts) <= 4
    assert "Moscow" in facts and "met" in facts
    assert "expected some sort of deal" in facts
    assert {"France24", "The Moscow Times", "The Independent"} <= set(answer.outlets)
    assert all(f.outlet or f.article for f in answer.facts)
    related = [r.name for r in answer.related]
    assert "Vladimir Putin" in related and "Donald Trump" in related
    assert answer.articles == 4 and answer.first_seen < answer.last_seen


def test_facts_and_quotes_are_verbatim_from_the_articles(store: Store) -> None:
    answer = who(store, "Witkoff", now=NOW)
    texts = {p.name[:3]: " ".join(p.read_text(encoding="utf-8").split()) for p in SEEDS.glob("*")}
    corpus = " ".join(texts.values())
    for item in [*answer.facts, *answer.quotes, *answer.roles]:
        assert " ".join(item.text.split()) in corpus, item.text


def test_peskov_is_the_kremlin_spokesman(store: Store) -> None:
    answer = who(store, "Peskov", now=NOW)
    assert answer.name == "Dmitry Peskov" and answer.role == "Kremlin spokesman"
    assert any("conversation" in q.text for q in answer.quotes)
    assert {r.text for r in answer.roles} >= {"Kremlin spokesman", "spokesperson"}


def test_grushko_is_deputy_foreign_minister_with_his_quotes(store: Store) -> None:
    answer = who(store, "Grushko", now=NOW)
    assert answer.name == "Alexander Grushko"
    assert "deputy foreign minister" in answer.role.lower()
    assert any("ironclad" in q.text for q in answer.quotes)
    assert all(q.outlet == "The Independent" for q in answer.quotes)


def test_zelensky_spellings_are_one_person(store: Store) -> None:
    answers = [who(store, q, now=NOW) for q in ("Zelensky", "Zelenskyy", "Volodymyr Zelenskyy")]
    assert {a.name for a in answers} == {"Volodymyr Zelensky"}
    assert answers[0].articles == 3  # 000, 001 and seed 002's "Zelenskyy"
    assert any("Zelenskyy" in f.text for f in answers[0].facts)


def test_organisations_and_case_variants(store: Store) -> None:
    kremlin = who(store, "the Kremlin", now=NOW)
    assert kremlin.status == "found" and kremlin.kind == "organisation"
    assert kremlin.articles == 5
    assert who(store, "NATO", now=NOW).name == who(store, "nato", now=NOW).name


def test_model_slips_are_outvoted(store: Store) -> None:
    kyiv = who(store, "Kyiv", now=NOW)
    assert kyiv.status == "unknown" and "place" in kyiv.message
    trump = who(store, "Trump", now=NOW)
    assert trump.name == "Donald Trump" and trump.kind == "person" and trump.articles == 5


def test_unknown_name_gets_suggestions(store: Store) -> None:
    answer = who(store, "Witkof Stev", now=NOW)
    assert answer.status == "unknown"
    assert "No one called “Witkof Stev”" in answer.message
    assert "Steve Witkoff" in [m.name for m in answer.matches]
    assert "Did you mean" in answer.message


def test_shared_surname_lists_both_people(store: Store) -> None:
    answer = who(store, "Smith", now=NOW)
    assert answer.status == "ambiguous"
    assert {m.name for m in answer.matches} == {"John Smith", "Jane Smith"}
    assert who(store, "Jane Smith", now=NOW).role == "chief executive of Northwind Mining"
    assert who(store, "John Smith", now=NOW).role == "Finance minister"


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_empty_or_overlong_name_gets_usage(store: Store, name: str) -> None:
    answer = who(store, name, now=NOW)
    assert answer.status == "usage" and answer.message.startswith("Usage: /who NAME")


def test_json_has_the_contract_fields(store: Store) -> None:
    data = json.loads(json.dumps(who(store, "Witkoff", now=NOW).to_json()))
    for field in ("name", "kind", "role", "roles", "facts", "quotes", "articles", "outlets"):
        assert field in data
    for field in ("related", "first_seen", "last_seen", "stories", "matches", "status"):
        assert field in data
    assert {"text", "outlet", "article"} <= set(data["roles"][0])
    assert {"text", "outlet", "article"} <= set(data["facts"][0])


def test_people_in_articles_lists_those_involved(store: Store) -> None:
    with store.session() as session:
        ids = list(session.scalars(select(ArticleRow.id).where(ArticleRow.path.like("%/00%"))))
        names = people_in_articles(session, ids, limit=5)
    assert names[:2] == ["Vladimir Putin", "Donald Trump"] or set(names[:2]) == {
        "Vladimir Putin",
        "Donald Trump",
    }
    assert "CNN" not in names and len(names) == 5


def test_a_second_update_runs_no_ner(store: Store) -> None:
    with store.session() as session:
        before = session.scalar(select(func.count(PeopleMentionRow.id)))
    report = update_people(store)
    with store.session() as session:
        after = session.scalar(select(func.count(PeopleMentionRow.id)))
    assert report.indexed == 0 and before == after


def test_stories_come_from_the_membership_table(store: Store) -> None:
    stories = pytest.importorskip("summarizer.store.stories")
    when = datetime(2025, 3, 16, tzinfo=UTC)
    with store.session() as session:
        ids = list(session.scalars(select(ArticleRow.id).where(ArticleRow.path.like("%/00%"))))
        story = stories.StoryRow(
            created_at=when,
            updated_at=when,
            first_published=when,
            last_published=when,
            size=2,
            centroid=b"",
        )
        session.add(story)
        session.flush()
        for article in ids[:2]:  # seeds 000 and 001 both name Witkoff
            session.add(
                stories.StoryMemberRow(article_id=article, story_id=story.id, joined_at=when)
            )
        story_id = story.id
    assert who(store, "Witkoff", now=NOW).stories == [story_id]
    assert who(store, "Grushko", now=NOW).stories == []
