"""The people index: sentences, mentions, entities, aliases and indexed-article markers.

Revision ID: 0003_people
Revises: 0002_stories
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from summarizer.store.base import UTCDateTime

revision = "0003_people"
down_revision = "0002_stories"
branch_labels = None
depends_on = None


def _article_fk(table: str) -> sa.Column:
    return sa.Column(
        "article_id",
        sa.Integer(),
        sa.ForeignKey("articles.id", name=f"fk_{table}_article_id_articles"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "people_indexed",
        _article_fk("people_indexed"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("indexed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_people_indexed"),
    )
    op.create_table(
        "people_sentences",
        sa.Column("id", sa.Integer(), nullable=False),
        _article_fk("people_sentences"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("readable", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_people_sentences"),
    )
    op.create_index("ix_people_sentences_article_id", "people_sentences", ["article_id"])
    op.create_table(
        "people_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "sentence_id",
            sa.Integer(),
            sa.ForeignKey(
                "people_sentences.id", name="fk_people_mentions_sentence_id_people_sentences"
            ),
            nullable=False,
        ),
        _article_fk("people_mentions"),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("surface", sa.String(200), nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("context", sa.String(8)),
        sa.Column("role", sa.Text()),
        sa.Column("quote", sa.Text()),
        sa.PrimaryKeyConstraint("id", name="pk_people_mentions"),
    )
    for column in ("sentence_id", "article_id", "key"):
        op.create_index(f"ix_people_mentions_{column}", "people_mentions", [column])
    op.create_table(
        "people_entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("media", sa.Boolean(), nullable=False),
        sa.Column("role", sa.Text()),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("outlets", sa.Integer(), nullable=False),
        sa.Column("first_seen", UTCDateTime()),
        sa.Column("last_seen", UTCDateTime()),
        sa.PrimaryKeyConstraint("id", name="pk_people_entities"),
        sa.UniqueConstraint("key", name="uq_people_entities_key"),
    )
    op.create_table(
        "people_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(200), nullable=False),
        sa.Column(
            "entity_id",
            sa.Integer(),
            sa.ForeignKey("people_entities.id", name="fk_people_aliases_entity_id_people_entities"),
            nullable=False,
        ),
        sa.Column("owns", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_people_aliases"),
        sa.UniqueConstraint("alias", "entity_id", name="uq_people_aliases_alias"),
    )
    op.create_index("ix_people_aliases_alias", "people_aliases", ["alias"])
    op.create_index("ix_people_aliases_entity_id", "people_aliases", ["entity_id"])


def downgrade() -> None:
    op.drop_table("people_aliases")
    op.drop_table("people_entities")
    op.drop_table("people_mentions")
    op.drop_table("people_sentences")
    op.drop_table("people_indexed")
