"""Chats, subscriptions, deliveries and the outbox.

Revision ID: b0001_chat
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from summarizer.store.base import UTCDateTime

revision = "b0001_chat"
down_revision = None
branch_labels = ("bot",)
depends_on = "0001_articles"


def upgrade() -> None:
    op.create_table(
        "bot_chats",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("chat_id", sa.String(200), nullable=False),
        sa.Column("thread_id", sa.String(200)),
        sa.Column("timezone", sa.String(64)),
        sa.Column("last_story_ids", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_bot_chats"),
        sa.UniqueConstraint("key", name="uq_bot_chats_key"),
    )
    op.create_table(
        "bot_subscriptions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "chat_row_id",
            sa.Integer(),
            sa.ForeignKey("bot_chats.id", name="fk_bot_subscriptions_chat_row_id_bot_chats"),
            nullable=False,
        ),
        sa.Column("send_at", sa.String(5), nullable=False),
        sa.Column("topics", sa.Text(), nullable=False),
        sa.Column("max_stories", sa.Integer()),
        sa.Column("alerts", sa.Boolean(), nullable=False),
        sa.Column("quiet_days", sa.String(10), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("paused_reason", sa.Text()),
        sa.Column("last_digest_at", UTCDateTime()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_bot_subscriptions"),
        sa.UniqueConstraint("chat_row_id", name="uq_bot_subscriptions_chat_row_id"),
    )
    op.create_table(
        "bot_deliveries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column(
            "subscription_id",
            sa.Integer(),
            sa.ForeignKey(
                "bot_subscriptions.id", name="fk_bot_deliveries_subscription_id_bot_subscriptions"
            ),
            nullable=False,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("slot", UTCDateTime()),
        sa.Column("story_ids", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("completed_at", UTCDateTime()),
        sa.PrimaryKeyConstraint("id", name="pk_bot_deliveries"),
        sa.UniqueConstraint("key", name="uq_bot_deliveries_key"),
    )
    op.create_index("ix_bot_deliveries_subscription_id", "bot_deliveries", ["subscription_id"])
    op.create_index("ix_bot_deliveries_status", "bot_deliveries", ["status"])
    op.create_table(
        "bot_outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "delivery_id",
            sa.Integer(),
            sa.ForeignKey("bot_deliveries.id", name="fk_bot_outbox_delivery_id_bot_deliveries"),
            nullable=False,
        ),
        sa.Column("chat_key", sa.String(300), nullable=False),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime()),
        sa.Column("message_id", sa.String(200)),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime()),
        sa.PrimaryKeyConstraint("id", name="pk_bot_outbox"),
        sa.UniqueConstraint("delivery_id", "part", name="uq_bot_outbox_delivery_part"),
    )
    for column in ("delivery_id", "chat_key", "status"):
        op.create_index(f"ix_bot_outbox_{column}", "bot_outbox", [column])


def downgrade() -> None:
    op.drop_table("bot_outbox")
    op.drop_table("bot_deliveries")
    op.drop_table("bot_subscriptions")
    op.drop_table("bot_chats")
