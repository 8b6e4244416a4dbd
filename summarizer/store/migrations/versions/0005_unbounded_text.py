"""Text from files and models cannot overflow its column on PostgreSQL.

A 3,000-character URL, a 315-character outlet or a 1,239-character path rolled back a whole
ingest batch, and a 3 GiB file overflowed the 32-bit ``file_size``. PostgreSQL gets ``TEXT``
and ``BIGINT``; SQLite never enforced either limit (its INTEGER is 64-bit), so its files keep
their schema untouched.

Revision ID: 0005_unbounded_text
Revises: 0004_people_extractor
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_unbounded_text"
down_revision = "0004_people_extractor"
branch_labels = None
depends_on = None

TEXT_COLUMNS = {
    "articles": ("path", "outlet", "url", "language"),
    "rejects": ("path",),
    "pending_files": ("path",),
    "paragraph_stats": ("outlet",),
    "people_mentions": ("key", "name", "surface"),
    "people_entities": ("key", "name"),
    "people_aliases": ("alias",),
    "embedding_cache": ("model",),
    "article_embeddings": ("model",),
}
SIZE_COLUMNS = ("articles", "rejects", "pending_files")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, columns in TEXT_COLUMNS.items():
        for column in columns:
            op.alter_column(table, column, type_=sa.Text())
    for table in SIZE_COLUMNS:
        op.alter_column(table, "file_size", type_=sa.BigInteger())


def downgrade() -> None:
    """Not narrowed again: longer values may be stored by now."""
