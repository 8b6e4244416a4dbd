"""Articles, their versions, rejected and pending files, and paragraph statistics.

Revision ID: 0001_articles
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from summarizer.store.base import UTCDateTime

revision = "0001_articles"
down_revision = None
branch_labels = ("summarizer",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("path", sa.String(1024), nullable=False),
        sa.Column("headline", sa.Text()),
        sa.Column("outlet", sa.String(200)),
        sa.Column("url", sa.String(2048)),
        sa.Column("published", UTCDateTime(), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "update_of",
            sa.Integer(),
            sa.ForeignKey("articles.id", name="fk_articles_update_of_articles"),
        ),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("file_mtime", sa.Float(), nullable=False),
        sa.Column("ingested_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("deleted_at", UTCDateTime()),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("path", name="uq_articles_path"),
    )
    for column in ("outlet", "published", "content_hash", "update_of", "updated_at"):
        op.create_index(f"ix_articles_{column}", "articles", [column])
    op.create_table(
        "article_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer(),
            sa.ForeignKey("articles.id", name="fk_article_versions_article_id_articles"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("headline", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("ingested_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_article_versions"),
    )
    op.create_index("ix_article_versions_article_id", "article_versions", ["article_id"])
    op.create_index("ix_article_versions_content_hash", "article_versions", ["content_hash"])
    op.create_table(
        "rejects",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("path", sa.String(1024), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("file_mtime", sa.Float(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column(
            "duplicate_of",
            sa.Integer(),
            sa.ForeignKey("articles.id", name="fk_rejects_duplicate_of_articles"),
        ),
        sa.PrimaryKeyConstraint("id", name="pk_rejects"),
        sa.UniqueConstraint("path", name="uq_rejects_path"),
    )
    op.create_index("ix_rejects_duplicate_of", "rejects", ["duplicate_of"])
    op.create_table(
        "pending_files",
        sa.Column("path", sa.String(1024), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("file_mtime", sa.Float(), nullable=False),
        sa.Column("observed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("path", name="pk_pending_files"),
    )
    op.create_table(
        "paragraph_stats",
        sa.Column("outlet", sa.String(200), nullable=False),
        sa.Column("paragraph_hash", sa.String(16), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("outlet", "paragraph_hash", name="pk_paragraph_stats"),
    )


def downgrade() -> None:
    op.drop_table("paragraph_stats")
    op.drop_table("pending_files")
    op.drop_table("rejects")
    op.drop_table("article_versions")
    op.drop_table("articles")
