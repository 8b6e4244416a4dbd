"""Inbound events already handled (Slack redeliveries answered once, on any machine).

Revision ID: b0003_seen_events
Revises: b0002_outbox_claims
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from summarizer.store.base import UTCDateTime

revision = "b0003_seen_events"
down_revision = "b0002_outbox_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bot_seen_events",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_bot_seen_events"),
    )
    op.create_index("ix_bot_seen_events_seen_at", "bot_seen_events", ["seen_at"])


def downgrade() -> None:
    op.drop_table("bot_seen_events")
