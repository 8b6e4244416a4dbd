"""Which extractor indexed each article (NULL for articles indexed before this revision).

Revision ID: 0004_people_extractor
Revises: 0003_people
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_people_extractor"
down_revision = "0003_people"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people_indexed") as batch:
        batch.add_column(sa.Column("extractor", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people_indexed") as batch:
        batch.drop_column("extractor")
