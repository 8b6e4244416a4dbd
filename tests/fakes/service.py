"""A small in-memory stand-in for ``summarizer.service.Briefbot`` with the same method names.

Digests and briefings are the real ``summarizer.briefing.models`` types; /who and
/search answers carry the attribute names the real ones have (``WhoAnswer.status``,
``SearchHit.article_id`` …). Every call is recorded in :attr:`FakeService.calls`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from summarizer.briefing.models import Briefing, Digest, KeyPoint
from summarizer.models import Article
from summarizer.people.answer import Cited, Match, Related, WhoAnswer
from summarizer.service import Backlog, SourceCount

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""The fake's clock: two hours after the articles were published."""


def article(id: int, headline: str, outlet: str, url: str) -> Article:
    """A stored article as the service returns it."""
    return Article(
        id=id,
        path=f"{outlet.lower().replace(' ', '-')}/{id}.html",
        headline=headline,
        outlet=outlet,
        url=url,
        published=T0,
        language="en",
        text=headline,
        content_hash=f"hash{id}",
        version=1,
    )


@dataclass(frozen=True)
class FakeHit:
    headline: str
    outlet: str
    published: datetime
    snippet: str
    article_id: int
    score: float = 1.0


GAZA = (
    article(1, "Envoy lands in Cairo for truce talks", "Wire One", "https://one.example/a1"),
    article(2, "Talks resume as envoy arrives", "Daily Two", "https://two.example/a2"),
)
RATES = (article(3, "Bank holds rates at 4%", "Daily Two", "https://two.example/a3"),)
ARTICLES = {a.id: a for a in (*GAZA, *RATES)}


def sample_stories() -> tuple[Briefing, ...]:
    """Two stories: one across two outlets, one from a single outlet."""
    return (
        Briefing(
            id=11,
            headline="Envoy Witkoff arrives for truce talks",
            points=[
                KeyPoint("Steve Witkoff landed in Cairo on Monday.", "Wire One", 1),
                KeyPoint("Talks are expected to last three days.", "Daily Two", 2, ("Wire One",)),
            ],
            outlets=["Wire One", "Daily Two"],
            articles=[1, 2],
            people=["Steve Witkoff"],
            last_published=T0,
            rank=1,
            is_new=True,
        ),
        Briefing(
            id=12,
            headline="Central bank holds rates",
            points=[KeyPoint("The bank kept its rate at 4% & signalled patience.", "Daily Two", 3)],
            outlets=["Daily Two"],
            articles=[3],
            last_published=T0,
            rank=2,
        ),
    )


WITKOFF = WhoAnswer(
    status="found",
    query="Witkoff",
    message="Steve Witkoff: US special envoy.",
    name="Steve Witkoff",
    kind="person",
    role="US special envoy",
    roles=[Cited("US special envoy", "Wire One", 1, T0, "https://one.example/a1")],
    facts=[
        Cited("Witkoff landed in Cairo on Monday.", "Wire One", 1, T0, "https://one.example/a1")
    ],
    quotes=[Cited("We are here to get a deal done", "Daily Two", 2, T0, "https://two.example/a2")],
    articles=2,
    outlets=["Wire One", "Daily Two"],
    related=[Related("Cairo", "place", 2)],
    first_seen=T0,
    last_seen=T0,
    stories=[11],
)


@dataclass
class FakeService:
    """Answers from fixed data; records every call as ``(method, args, kwargs)``."""

    stories: tuple[Briefing, ...] = field(default_factory=sample_stories)
    people: list[WhoAnswer] = field(default_factory=lambda: [WITKOFF])
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    clock: Callable[[], datetime] = lambda: NOW
    unread: Backlog = field(default_factory=Backlog)
    """What :meth:`backlog` reports (nothing unread unless a test says so)."""

    def backlog(self) -> Backlog:
        self.calls.append(("backlog", (), {}))
        return self.unread

    def digest(
        self,
        *,
        since: datetime | None = None,
        limit: int | None = None,
        topic: str | None = None,
    ) -> Digest:
        self.calls.append(("digest", (), {"since": since, "limit": limit, "topic": topic}))
        return Digest(T0, since, list(self.stories[: limit or 5]), topic)

    def story(self, story_id: int) -> Briefing | None:
        self.calls.append(("story", (story_id,), {}))
        return next((s for s in self.stories if s.id == story_id), None)

    def who(self, name: str) -> WhoAnswer:
        self.calls.append(("who", (name,), {}))
        if not name.strip() or len(name) > 80:
            return WhoAnswer(status="usage", query=name, message="Usage: /who NAME")
        found = [who for who in self.people if name.lower() in (who.name or "").lower()]
        if len(found) == 1:
            return found[0]
        matches = [Match(w.name or "", w.kind or "person", w.role, w.articles) for w in found]
        if found:
            return WhoAnswer(status="ambiguous", query=name, message="", matches=matches)
        return WhoAnswer(status="unknown", query=name, message=f"Nothing about {name}.")

    def search(self, query: str, *, limit: int = 5) -> list[FakeHit]:
        self.calls.append(("search", (query,), {"limit": limit}))
        words = query.lower().split()
        articles = [ARTICLES[i] for s in self.stories for i in s.articles]
        return [
            FakeHit(a.headline, a.outlet, a.published, f"…{a.headline}…", a.id)
            for a in articles
            if any(w in a.headline.lower() for w in words)
        ][:limit]

    def article(self, article_id: int) -> Article | None:
        self.calls.append(("article", (article_id,), {}))
        return ARTICLES.get(article_id)

    def sources(self) -> list[SourceCount]:
        self.calls.append(("sources", (), {}))
        counts: dict[str, int] = {}
        for article_id in {i for s in self.stories for i in s.articles}:
            outlet = ARTICLES[article_id].outlet or ""
            counts[outlet] = counts.get(outlet, 0) + 1
        return [SourceCount(o, n, T0) for o, n in sorted(counts.items(), key=lambda x: -x[1])]
