"""Billing and counter payments: late-fee rules, reading reviews, receipt counters, day close

Adds the late-fee state of a bill (posted, paid, charged through), cash tendered
and change on a payment, what each allocation posted as late fee (so a
reversal restores it), and seeds the late-fee rules of 《供电营业规则》 Art. 98.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

from console.models.base import Energy, Money, Price, UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

METHODS = "method IN ('cash', 'card', 'wechat', 'alipay', 'transfer')"
# The rules came into force on 1996-10-08; a later revision is a new row.
RULES_FROM = dt.date(1996, 10, 8)
READING_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _zero(name: str) -> sa.Column:
    return sa.Column(name, Money(), server_default=sa.text("0"), nullable=False)


# (table, column factory): a Column object belongs to one table, so make a new one each time.
NEW_COLUMNS: tuple[tuple[str, Callable[[], sa.Column]], ...] = (
    ("bill", lambda: _zero("late_fee_charged")),
    ("bill", lambda: _zero("late_fee_paid")),
    ("bill", lambda: sa.Column("fee_through", sa.Date(), nullable=True)),
    ("payment", lambda: sa.Column("tendered", Money(), nullable=True)),
    ("payment", lambda: sa.Column("change_given", Money(), nullable=True)),
    ("payment", lambda: sa.Column("reversed_at", UTCDateTime(timezone=True), nullable=True)),
    ("payment_allocation", lambda: _zero("fee_charged")),
    ("payment_allocation", lambda: sa.Column("prev_fee_through", sa.Date(), nullable=True)),
)


def upgrade() -> None:
    _late_fee_rule()
    _reading_review()
    _cash_tables()
    # Plain ALTER TABLE ADD COLUMN on both engines: a batch copy of bill or
    # payment would drop a table others reference, which a populated SQLite
    # database with foreign keys on refuses.
    for table, column in NEW_COLUMNS:
        op.add_column(table, column())


def _late_fee_rule() -> None:
    table = op.create_table(
        "late_fee_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=True),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("current_year_rate", Price(precision=10, scale=4), nullable=False),
        sa.Column("carried_over_rate", Price(precision=10, scale=4), nullable=False),
        sa.Column("minimum_fee", Money(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_late_fee_rule")),
    )
    op.create_index("ux_late_fee_rule_category_from", "late_fee_rule",
                    ["category", "effective_from"], unique=True)
    one = Decimal("1.00")
    # No explicit ids: PostgreSQL's serial sequence must hand out the next ones.
    op.bulk_insert(table, [
        {"category": "residential", "effective_from": RULES_FROM,
         "current_year_rate": Decimal("0.0010"), "carried_over_rate": Decimal("0.0010"),
         "minimum_fee": one},
        {"category": None, "effective_from": RULES_FROM,
         "current_year_rate": Decimal("0.0020"), "carried_over_rate": Decimal("0.0030"),
         "minimum_fee": one},
    ])


def _reading_review() -> None:
    op.create_table(
        "reading_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("meter_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("prev_reading_id", READING_ID, nullable=True),
        sa.Column("curr_reading_id", READING_ID, nullable=True),
        sa.Column("prev_energy", Energy(), nullable=False),
        sa.Column("curr_energy", Energy(), nullable=False),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("reason IN ('lower_than_previous', 'estimate_exceeds_actual')",
                           name=op.f("ck_reading_review_reason")),
        sa.CheckConstraint("status IN ('open', 'resolved')", name=op.f("ck_reading_review_status")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_reading_review_customer_id_customer")),
        sa.ForeignKeyConstraint(["meter_id"], ["meter.id"],
                                name=op.f("fk_reading_review_meter_id_meter")),
        sa.ForeignKeyConstraint(["prev_reading_id"], ["reading.id"],
                                name=op.f("fk_reading_review_prev_reading_id_reading")),
        sa.ForeignKeyConstraint(["curr_reading_id"], ["reading.id"],
                                name=op.f("fk_reading_review_curr_reading_id_reading")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reading_review")),
    )
    op.create_index("ix_reading_review_customer_id", "reading_review", ["customer_id"])
    op.create_index("ix_reading_review_status", "reading_review", ["status"])
    op.create_index("ux_reading_review_meter_period", "reading_review", ["meter_id", "period"],
                    unique=True)


def _cash_tables() -> None:
    op.create_table(
        "receipt_counter",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("next_no", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_receipt_counter_unit_id_unit")),
        sa.PrimaryKeyConstraint("unit_id", "year", name=op.f("pk_receipt_counter")),
    )
    op.create_table(
        "day_close",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("closed_by", sa.Integer(), nullable=False),
        sa.Column("closed_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["operator_id"], ["app_user.id"],
                                name=op.f("fk_day_close_operator_id_app_user")),
        sa.ForeignKeyConstraint(["closed_by"], ["app_user.id"],
                                name=op.f("fk_day_close_closed_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_close")),
    )
    op.create_index("ux_day_close_operator_day", "day_close", ["operator_id", "day"], unique=True)
    op.create_table(
        "day_close_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day_close_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("expected", Money(), nullable=False),
        sa.Column("counted", Money(), nullable=False),
        sa.Column("difference", Money(), nullable=False),
        sa.CheckConstraint(METHODS, name=op.f("ck_day_close_line_method")),
        sa.ForeignKeyConstraint(["day_close_id"], ["day_close.id"],
                                name=op.f("fk_day_close_line_day_close_id_day_close")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_close_line")),
    )
    op.create_index("ux_day_close_line_method", "day_close_line", ["day_close_id", "method"],
                    unique=True)


def downgrade() -> None:
    for table, column in reversed(NEW_COLUMNS):
        # SQLite (3.35+) drops a plain column in place, like PostgreSQL.
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column().name}")
    for table in ("day_close_line", "day_close", "receipt_counter", "reading_review",
                  "late_fee_rule"):
        op.drop_table(table)
