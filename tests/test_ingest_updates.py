"""Re-runs, changed and deleted files, duplicates, re-scrapes, and repeated outlet boilerplate."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from ingest_support import LEDGER_STORY, NOW, Corpus, article_text, write

from summarizer.ingest import ingest_corpus
from summarizer.store.articles import ArticleRow, ArticleVersionRow, ParagraphStatRow, RejectRow


@pytest.fixture
def corpus(tmp_path: Path, database_url: str):
    corpus = Corpus(tmp_path, database_url)
    yield corpus
    corpus.close()


def test_rerun_on_an_unchanged_corpus_changes_nothing(corpus: Corpus) -> None:
    write(corpus.folder, "a.txt", LEDGER_STORY)
    write(corpus.folder, "sub/b.md", "---\ntitle: Second\n---\n\nA second story, told briefly.\n")
    write(corpus.folder, "bad.pdf", b"%PDF")
    first = corpus.ingest()
    assert first.counts()["ingested"] == 2 and first.changed
    before = [(r.id, r.updated_at, r.version) for r in corpus.rows(ArticleRow)]
    second = corpus.ingest(NOW + timedelta(hours=1))
    assert second.counts() == {
        "ingested": 0,
        "updated": 0,
        "duplicates": 0,
        "rejected": 0,
        "pending": 0,
        "deleted": 0,
        "unchanged": 3,
        "recleaned": 0,
    }
    assert not second.changed
    assert [(r.id, r.updated_at, r.version) for r in corpus.rows(ArticleRow)] == before


def test_changed_file_becomes_a_new_version_and_keeps_the_old_text(corpus: Corpus) -> None:
    path = write(corpus.folder, "story.txt", LEDGER_STORY)
    corpus.ingest()
    edited = LEDGER_STORY.replace("first Monday", "second Monday")
    write(corpus.folder, "story.txt", edited, age=30.0)
    report = corpus.ingest()
    assert [(e.path, e.version) for e in report.updated] == [("story.txt", 2)]
    (article,) = corpus.articles()
    assert article.version == 2 and "second Monday" in article.text
    versions = sorted(corpus.rows(ArticleVersionRow), key=lambda v: v.version)
    assert [v.version for v in versions] == [1, 2]
    assert "first Monday" in versions[0].text and "second Monday" in versions[1].text
    # Touching the file without changing its text makes no new version.
    path.touch()
    write(corpus.folder, "story.txt", edited, age=10.0)
    assert corpus.ingest().updated == []
    assert corpus.articles()[0].version == 2


def test_deleted_file_keeps_its_history_and_can_come_back(corpus: Corpus) -> None:
    path = write(corpus.folder, "story.txt", LEDGER_STORY)
    corpus.ingest()
    path.unlink()
    report = corpus.ingest()
    assert [(e.path, e.article_id) for e in report.deleted] == [("story.txt", 1)]
    assert corpus.articles() == []
    (row,) = corpus.rows(ArticleRow)
    assert row.deleted_at == NOW and row.text and len(corpus.rows(ArticleVersionRow)) == 1
    write(corpus.folder, "story.txt", LEDGER_STORY)
    restored = corpus.ingest(NOW + timedelta(minutes=5))
    assert [e.article_id for e in restored.updated] == [1]
    assert [a.id for a in corpus.articles()] == [1]


def test_same_article_under_two_names_is_stored_once(corpus: Corpus) -> None:
    write(corpus.folder, "2026/story.txt", LEDGER_STORY)
    write(corpus.folder, "copy-of-story.txt", LEDGER_STORY)
    report = corpus.ingest()
    assert len(corpus.articles()) == 1
    assert [(d.path, d.duplicate_of, d.duplicate_of_path) for d in report.duplicates] == [
        ("copy-of-story.txt", 1, "2026/story.txt")
    ]
    (reject,) = corpus.rows(RejectRow)
    assert reject.duplicate_of == 1 and reject.reason == "duplicate of article 1 (2026/story.txt)"
    assert corpus.ingest().counts()["unchanged"] == 2
    # When the original goes, the copy is read as an article in its own right.
    (corpus.folder / "2026" / "story.txt").unlink()
    later = corpus.ingest()
    assert [e.path for e in later.ingested] == ["copy-of-story.txt"]


def test_rescrape_with_small_edits_points_to_the_original(corpus: Corpus) -> None:
    write(corpus.folder, "scrape-1.txt", LEDGER_STORY)
    rescrape = LEDGER_STORY.replace("on Friday", "late on Friday").replace(
        "“It is not everything", "“It’s not everything"
    )
    write(corpus.folder, "scrape-2.txt", rescrape + "\nRead more\n")
    write(corpus.folder, "other.txt", article_text(
        "Ferry service resumes after storm",
        "The island ferry resumed its normal timetable on Sunday after two days of cancellations "
        "caused by high winds.",
        "The operator said extra sailings would clear the backlog of passengers by Monday.",
    ))  # fmt: skip
    report = corpus.ingest()
    by_path = {e.path: e for e in report.ingested}
    assert by_path["scrape-2.txt"].update_of == by_path["scrape-1.txt"].article_id
    assert by_path["other.txt"].update_of is None
    originals = corpus.articles(include_updates=False)
    assert sorted(Path(a.path).name for a in originals) == ["other.txt", "scrape-1.txt"]


def _outlet_story(number: int) -> str:
    return article_text(
        f"Harbour report number {number} is published",
        f"The harbour master published report number {number} on Tuesday, listing "
        f"{number * 7} ship movements and no serious incidents.",
        f"Officials said report {number} showed traffic rising for a {number + 2}th month.",
        "This report was produced with help from the Coastal Fund for Local Journalism.",
        "– Harbour Ledger.",
    )


def test_paragraphs_repeated_across_an_outlet_are_removed_incrementally(corpus: Corpus) -> None:
    footer = "This report was produced with help from the Coastal Fund for Local Journalism."
    write(corpus.folder, "one.txt", _outlet_story(1))
    write(corpus.folder, "two.txt", _outlet_story(2))
    first = corpus.ingest()
    assert all(e.outlet == "Harbour Ledger" for e in first.ingested)
    assert all(footer in a.text for a in corpus.articles())  # twice is not yet a pattern
    write(corpus.folder, "three.txt", _outlet_story(3))
    second = corpus.ingest()
    assert second.recleaned == 2  # the two stored articles lose the footer too
    articles = corpus.articles()
    assert len(articles) == 3
    assert all(footer not in a.text for a in articles)
    assert all("ship movements and no serious incidents." in a.text for a in articles)
    counts = {row.documents for row in corpus.rows(ParagraphStatRow)}
    assert counts == {1, 3}


def test_same_wire_story_from_two_outlets_stays_two_articles(corpus: Corpus) -> None:
    write(corpus.folder, "ledger.txt", LEDGER_STORY + "\n– Harbour Ledger.\n")
    edited = LEDGER_STORY.replace("on Friday", "late on Friday")
    write(corpus.folder, "gazette.txt", edited + "\n– Northbridge Gazette.\n")
    report = corpus.ingest()
    assert {(e.outlet, e.update_of) for e in report.ingested} == {
        ("Harbour Ledger", None),
        ("Northbridge Gazette", None),
    }


def test_progress_is_reported_per_file(corpus: Corpus) -> None:
    for number in range(3):
        write(corpus.folder, f"{number}.txt", LEDGER_STORY.replace("Friday", f"day {number}"))
    calls: list[tuple[int, int]] = []
    ingest_corpus(
        corpus.store,
        corpus.folder,
        corpus.config,
        clock=lambda: NOW,
        progress=lambda *a: calls.append(a),
    )
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
