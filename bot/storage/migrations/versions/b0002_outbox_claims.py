"""Outbox claims: which sender holds a part, and until when (several senders on PostgreSQL).

Revision ID: b0002_outbox_claims
Revises: b0001_chat
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from summarizer.store.base import UTCDateTime

revision = "b0002_outbox_claims"
down_revision = "b0001_chat"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bot_outbox") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(200), nullable=True))
        batch.add_column(sa.Column("claimed_until", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bot_outbox") as batch:
        batch.drop_column("claimed_until")
        batch.drop_column("claimed_by")
