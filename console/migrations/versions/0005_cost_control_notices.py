"""Smart cost control and the notice outbox

Notices get a unique dedupe key, the rule that produced them and outbox
bookkeeping (attempts, next attempt, claim, sent, gateway reference, last
error); commands get the rule that produced them; policies get the alarm flag
and the postpaid days overdue before a disconnect notice. New tables:
calendar_block (holidays, blackouts, worked weekend days) and prepaid_drawdown
(how far each prepaid meter's use has been charged between bills).

Plain ALTER TABLE ADD COLUMN on both engines (see 0003: a batch copy of a
table others reference breaks their foreign keys on a populated SQLite file).
The demo generator writes the policies, so none are seeded here.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from console.models.base import Energy, Money, UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

READING_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _text(name: str, length: int) -> sa.Column:
    return sa.Column(name, sa.String(length=length), server_default=sa.text("''"), nullable=False)


def _int(name: str, default: int) -> sa.Column:
    return sa.Column(name, sa.Integer(), server_default=sa.text(str(default)), nullable=False)


def _time(name: str) -> sa.Column:
    return sa.Column(name, UTCDateTime(timezone=True), nullable=True)


# (table, column factory): a Column object belongs to one table, so make a new one each time.
NEW_COLUMNS: tuple[tuple[str, Callable[[], sa.Column]], ...] = (
    ("notice", lambda: sa.Column("dedupe_key", sa.String(length=80), nullable=True)),
    ("notice", lambda: _text("rule", 40)),
    ("notice", lambda: _int("attempts", 0)),
    ("notice", lambda: _time("next_attempt_at")),
    ("notice", lambda: sa.Column("claim_token", sa.String(length=32), nullable=True)),
    ("notice", lambda: _time("claimed_until")),
    ("notice", lambda: _time("sent_at")),
    ("notice", lambda: _text("external_ref", 64)),
    ("notice", lambda: _text("last_error", 200)),
    ("control_command", lambda: _text("rule", 40)),
    ("cost_control_policy", lambda: sa.Column("alarm_command", sa.Boolean(),
                                              server_default=sa.true(), nullable=False)),
    ("cost_control_policy", lambda: _int("disconnect_after_days", 30)),
)


def upgrade() -> None:
    for table, column in NEW_COLUMNS:
        op.add_column(table, column())
    op.create_index("ux_notice_dedupe_key", "notice", ["dedupe_key"], unique=True)
    op.create_index("ix_notice_outbox", "notice", ["status", "next_attempt_at"])
    _calendar_block()
    _prepaid_drawdown()


def _calendar_block() -> None:
    op.create_table(
        "calendar_block",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('holiday', 'blackout', 'workday')",
                           name=op.f("ck_calendar_block_kind")),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_calendar_block_days_ordered")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_calendar_block_unit_id_unit")),
        sa.ForeignKeyConstraint(["created_by"], ["app_user.id"],
                                name=op.f("fk_calendar_block_created_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_block")),
    )
    op.create_index("ix_calendar_block_days", "calendar_block", ["starts_on", "ends_on"])


def _prepaid_drawdown() -> None:
    op.create_table(
        "prepaid_drawdown",
        sa.Column("meter_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("base_reading_id", READING_ID, nullable=True),
        sa.Column("through_reading_id", READING_ID, nullable=True),
        sa.Column("through_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("kwh", Energy(), nullable=False),
        sa.Column("drawn", Money(), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["meter_id"], ["meter.id"], name=op.f("fk_prepaid_drawdown_meter_id_meter")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_prepaid_drawdown_customer_id_customer")),
        sa.ForeignKeyConstraint(["base_reading_id"], ["reading.id"],
                                name=op.f("fk_prepaid_drawdown_base_reading_id_reading")),
        sa.ForeignKeyConstraint(["through_reading_id"], ["reading.id"],
                                name=op.f("fk_prepaid_drawdown_through_reading_id_reading")),
        sa.PrimaryKeyConstraint("meter_id", name=op.f("pk_prepaid_drawdown")),
    )
    op.create_index("ix_prepaid_drawdown_customer_id", "prepaid_drawdown", ["customer_id"])


def downgrade() -> None:
    op.drop_table("prepaid_drawdown")
    op.drop_table("calendar_block")
    op.drop_index("ix_notice_outbox", table_name="notice")
    op.drop_index("ux_notice_dedupe_key", table_name="notice")
    for table, column in reversed(NEW_COLUMNS):
        # SQLite (3.35+) drops a plain column in place, like PostgreSQL.
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column().name}")
