"""Customer messages

channel_binding: a customer's WeChat / Alipay / SMS recipient with their consent (who
recorded it, when, and when it was withdrawn); notice.kind gains bill_issued and
payment_received, notice.channel gains alipay (issue 18 item 5). SQLite changes a CHECK
by copying the table (batch mode); PostgreSQL drops and adds the constraint.

Revision ID: 0022
Revises: 0021
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.models.base import UTCDateTime

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

OLD_KINDS = ("reminder", "alert", "disconnect", "disconnect_reminder", "reconnect")
NEW_KINDS = (*OLD_KINDS, "bill_issued", "payment_received")
OLD_CHANNELS = ("sms", "wechat", "paper", "phone")
NEW_CHANNELS = (*OLD_CHANNELS, "alipay")


def _in(column: str, options: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(o) for o in options)})"


def upgrade() -> None:
    op.create_table(
        "channel_binding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("consent_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("consent_by", sa.Integer(), nullable=True),
        sa.Column("withdrawn_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("channel IN ('wechat', 'alipay', 'sms')",
                           name=op.f("ck_channel_binding_channel")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_channel_binding_customer_id_customer")),
        sa.ForeignKeyConstraint(["consent_by"], ["app_user.id"],
                                name=op.f("fk_channel_binding_consent_by_app_user")),
        sa.ForeignKeyConstraint(["withdrawn_by"], ["app_user.id"],
                                name=op.f("fk_channel_binding_withdrawn_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_binding")),
    )
    op.create_index("ux_channel_binding_customer_channel", "channel_binding",
                    ["customer_id", "channel"], unique=True)
    _checks(NEW_KINDS, NEW_CHANNELS)


def downgrade() -> None:
    op.execute("DELETE FROM notice WHERE kind IN ('bill_issued', 'payment_received') "
               "OR channel = 'alipay'")
    _checks(OLD_KINDS, OLD_CHANNELS)
    op.drop_index("ux_channel_binding_customer_channel", table_name="channel_binding")
    op.drop_table("channel_binding")


def _checks(kinds: tuple[str, ...], channels: tuple[str, ...]) -> None:
    with op.batch_alter_table("notice") as batch:
        batch.drop_constraint(op.f("ck_notice_kind"), type_="check")
        batch.drop_constraint(op.f("ck_notice_channel"), type_="check")
        batch.create_check_constraint(op.f("ck_notice_kind"), _in("kind", kinds))
        batch.create_check_constraint(op.f("ck_notice_channel"), _in("channel", channels))
