"""Payment channels

channel_notification, channel_nonce, channel_held, channel_rejection: what the payment-channel
gateway (python -m console channels serve) accepted, held for a supervisor and refused
(issue 18 item 1). Nonces are kept in the database so a replay is refused after a restart.

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from console.models.base import Money, UTCDateTime

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

CHANNELS = "channel IN ('wechat', 'alipay')"


def _id(table: str) -> list[Any]:
    return [sa.Column("id", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))]


def upgrade() -> None:
    op.create_table(
        "channel_rejection", *_id("channel_rejection"),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("remote", sa.String(length=64), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(CHANNELS, name=op.f("ck_channel_rejection_channel")),
    )
    op.create_index("ix_channel_rejection_reason", "channel_rejection", ["channel", "reason"])
    op.create_table(
        "channel_notification", *_id("channel_notification"),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("transaction_id", sa.String(length=64), nullable=False),
        sa.Column("out_trade_no", sa.String(length=64), nullable=False),
        sa.Column("customer_no", sa.String(length=32), nullable=False),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("trade_status", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=True),
        sa.Column("received_at", UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(CHANNELS, name=op.f("ck_channel_notification_channel")),
        sa.CheckConstraint("outcome IN ('posted', 'held', 'acknowledged')",
                           name=op.f("ck_channel_notification_outcome")),
        sa.ForeignKeyConstraint(["payment_id"], ["payment.id"],
                                name=op.f("fk_channel_notification_payment_id_payment")),
    )
    op.create_index("ux_channel_notification_txn", "channel_notification",
                    ["channel", "transaction_id"], unique=True)
    _held()
    op.create_table(
        "channel_nonce", *_id("channel_nonce"),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=True),
        sa.Column("seen_at", UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(CHANNELS, name=op.f("ck_channel_nonce_channel")),
        sa.ForeignKeyConstraint(
            ["notification_id"], ["channel_notification.id"],
            name=op.f("fk_channel_nonce_notification_id_channel_notification")),
    )
    op.create_index(op.f("ix_channel_nonce_seen_at"), "channel_nonce", ["seen_at"])
    op.create_index("ux_channel_nonce", "channel_nonce", ["channel", "nonce"], unique=True)


def _held() -> None:
    op.create_table(
        "channel_held", *_id("channel_held"),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("due", Money(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("held_at", UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("reason IN ('unknown_customer', 'amount_mismatch', 'closed_account', "
                           "'key_conflict')", name=op.f("ck_channel_held_reason")),
        sa.CheckConstraint("state IN ('open', 'resolved')", name=op.f("ck_channel_held_state")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_channel_held_customer_id_customer")),
        sa.ForeignKeyConstraint(
            ["notification_id"], ["channel_notification.id"],
            name=op.f("fk_channel_held_notification_id_channel_notification")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_channel_held_unit_id_unit")),
        sa.UniqueConstraint("notification_id", name=op.f("uq_channel_held_notification_id")),
    )
    op.create_index(op.f("ix_channel_held_unit_id"), "channel_held", ["unit_id"])


def downgrade() -> None:
    op.drop_index("ux_channel_nonce", table_name="channel_nonce")
    op.drop_index(op.f("ix_channel_nonce_seen_at"), table_name="channel_nonce")
    op.drop_table("channel_nonce")
    op.drop_index(op.f("ix_channel_held_unit_id"), table_name="channel_held")
    op.drop_table("channel_held")
    op.drop_index("ux_channel_notification_txn", table_name="channel_notification")
    op.drop_table("channel_notification")
    op.drop_index("ix_channel_rejection_reason", table_name="channel_rejection")
    op.drop_table("channel_rejection")
