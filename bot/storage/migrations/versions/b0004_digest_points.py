"""Key points per story a chat's digests show (NULL: the short default).

Revision ID: b0004_digest_points
Revises: b0003_seen_events
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b0004_digest_points"
down_revision = "b0003_seen_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bot_subscriptions") as batch:
        batch.add_column(sa.Column("points", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bot_subscriptions") as batch:
        batch.drop_column("points")
