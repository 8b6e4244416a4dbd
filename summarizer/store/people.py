"""Tables of the people index: sentences and name mentions per article, entities, aliases."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from summarizer.store.base import Base, UTCDateTime, unbounded


class PeopleIndexedRow(Base):
    """Marks an article as indexed at one version by one extractor; a changed article, or one
    indexed by another extractor, is indexed again."""

    __tablename__ = "people_indexed"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    indexed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    extractor: Mapped[str | None] = mapped_column(String(100))
    """What indexed it (``summarizer.people.extract.EXTRACTOR``); NULL: a release before
    extractors were recorded. Another extractor's articles are indexed again."""


class PeopleSentenceRow(Base):
    """A sentence (verbatim) that mentions at least one name."""

    __tablename__ = "people_sentences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    readable: Mapped[bool] = mapped_column(Boolean, default=False)
    """Whether it reads cleanly on its own (a candidate for ``/who``'s facts)."""


class PeopleMentionRow(Base):
    """One name in one sentence, as the article resolved it, with any role or quote."""

    __tablename__ = "people_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sentence_id: Mapped[int] = mapped_column(ForeignKey("people_sentences.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    key: Mapped[str] = mapped_column(unbounded(200), index=True)
    """Folded name after in-article resolution ("Witkoff" → "steve witkof")."""
    name: Mapped[str] = mapped_column(unbounded(200))
    """The resolved name as written in the article."""
    surface: Mapped[str] = mapped_column(unbounded(200))
    label: Mapped[str] = mapped_column(String(16))
    """The model's label (PERSON, ORG, GPE, LOC, FAC) or QUOTE for "he said" quotes."""
    context: Mapped[str | None] = mapped_column(String(8))
    """What the words around it say it is: ``place`` ("in Kyiv", "Kyiv's forces"),
    ``person`` ("Mr X", a title, a quote) or ``org`` ("shares in X", "X's chief executive")."""
    role: Mapped[str | None] = mapped_column(Text)
    quote: Mapped[str | None] = mapped_column(Text)


class PeopleEntityRow(Base):
    """A person or organisation resolved across the corpus, with its headline figures."""

    __tablename__ = "people_entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(unbounded(200), unique=True)
    name: Mapped[str] = mapped_column(unbounded(200))
    kind: Mapped[str] = mapped_column(String(16))
    """``person`` or ``organisation``."""
    media: Mapped[bool] = mapped_column(Boolean, default=False)
    """A news outlet or agency (left out of "related" lists)."""
    role: Mapped[str | None] = mapped_column(Text)
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    articles: Mapped[int] = mapped_column(Integer, default=0)
    outlets: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PeopleAliasRow(Base):
    """A folded name that finds an entity; ``owns`` when its mentions belong to it."""

    __tablename__ = "people_aliases"
    __table_args__ = (UniqueConstraint("alias", "entity_id", name="uq_people_aliases_alias"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alias: Mapped[str] = mapped_column(unbounded(200), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("people_entities.id"), index=True)
    owns: Mapped[bool] = mapped_column(Boolean, default=False)
