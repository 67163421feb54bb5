"""Counter QR pay

channel_order: the scan-to-pay orders the payment dialog opens on a channel (issue 18
item 4); channel_held may now hold money for an order that was already closed
(cancelled or timed out) when the channel's notification came: reason 'order_closed'.

Revision ID: 0021
Revises: 0020
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.models.base import Money, UTCDateTime

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

HELD = ("'unknown_customer', 'amount_mismatch', 'closed_account', 'key_conflict'")


def upgrade() -> None:
    op.create_table(
        "channel_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("out_trade_no", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("code_url", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("transaction_id", sa.String(length=64), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("channel IN ('wechat', 'alipay')", name=op.f("ck_channel_order_channel")),
        sa.CheckConstraint("state IN ('created', 'paid', 'timed_out', 'cancelled')",
                           name=op.f("ck_channel_order_state")),
        sa.ForeignKeyConstraint(["created_by"], ["app_user.id"],
                                name=op.f("fk_channel_order_created_by_app_user")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_channel_order_customer_id_customer")),
        sa.ForeignKeyConstraint(["payment_id"], ["payment.id"],
                                name=op.f("fk_channel_order_payment_id_payment")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_channel_order_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_order")),
    )
    op.create_index(op.f("ix_channel_order_customer_id"), "channel_order", ["customer_id"])
    op.create_index("ix_channel_order_open", "channel_order", ["state", "expires_at"])
    op.create_index("ux_channel_order_out_trade_no", "channel_order", ["out_trade_no"],
                    unique=True)
    _held_reasons(f"reason IN ({HELD}, 'order_closed')")


def _held_reasons(check: str) -> None:
    # SQLite cannot change a CHECK in place: batch mode copies the table (its other
    # constraints are reflected by name and kept).
    with op.batch_alter_table("channel_held", recreate="auto") as batch:
        batch.drop_constraint(op.f("ck_channel_held_reason"), type_="check")
        batch.create_check_constraint(op.f("ck_channel_held_reason"), sa.text(check))


def downgrade() -> None:
    op.execute("DELETE FROM channel_held WHERE reason = 'order_closed'")
    _held_reasons(f"reason IN ({HELD})")
    op.drop_index("ux_channel_order_out_trade_no", table_name="channel_order")
    op.drop_index("ix_channel_order_open", table_name="channel_order")
    op.drop_index(op.f("ix_channel_order_customer_id"), table_name="channel_order")
    op.drop_table("channel_order")
