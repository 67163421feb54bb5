"""Work orders, satisfaction, field inspection packages and theft analysis

Work orders (issue 9, item 1): work_order gets an idempotency key (engines
retry) and its source; new tables work_order_sla (due hours per kind),
meter_change (where a replaced meter stopped and its successor started, so
billing spans the change) and satisfaction (ratings of orders and counter
visits). Plain ALTER TABLE ADD COLUMN / CREATE TABLE on both engines (see
0005). Field inspection packages and theft analysis (items 2 and 3) add
theirs in their own section below.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.models.base import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

READING_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
KINDS = ("'meter_replacement', 'account_closure', 'new_connection', 'inspection', "
         "'seal_check', 'complaint'")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=op.f(f"fk_{table}_{column}_{target}"))


# ---- work orders (item 1) -------------------------------------------------------------

def _work_orders_upgrade() -> None:
    op.add_column("work_order", sa.Column("idempotency_key", sa.String(length=64), nullable=True))
    op.add_column("work_order", sa.Column("source", sa.String(length=20),
                                          server_default=sa.text("'counter'"), nullable=False))
    op.create_index("ux_work_order_idempotency_key", "work_order", ["idempotency_key"],
                    unique=True)
    op.create_table(
        "work_order_sla",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("same_day", sa.Boolean(), nullable=False),
        sa.CheckConstraint(f"kind IN ({KINDS})", name=op.f("ck_work_order_sla_kind")),
        sa.CheckConstraint("hours > 0", name=op.f("ck_work_order_sla_hours_positive")),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_work_order_sla")),
    )
    _meter_change()
    _satisfaction()


def _meter_change() -> None:
    t = "meter_change"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("work_order_id", sa.Integer(), nullable=True),
        sa.Column("old_meter_id", sa.Integer(), nullable=False),
        sa.Column("new_meter_id", sa.Integer(), nullable=True),
        sa.Column("old_final_reading_id", READING_ID, nullable=False),
        sa.Column("new_first_reading_id", READING_ID, nullable=True),
        sa.Column("changed_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        _fk(t, "customer_id", "customer"), _fk(t, "work_order_id", "work_order"),
        _fk(t, "old_meter_id", "meter"), _fk(t, "new_meter_id", "meter"),
        _fk(t, "old_final_reading_id", "reading"), _fk(t, "new_first_reading_id", "reading"),
        _fk(t, "actor_id", "app_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meter_change")),
    )
    op.create_index("ix_meter_change_customer_at", t, ["customer_id", "changed_at"])


def _satisfaction() -> None:
    t = "satisfaction"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("work_order_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("comment", sa.String(length=400), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("recorded_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=True),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_satisfaction_rating_range")),
        sa.CheckConstraint(f"kind IN ({KINDS}, 'counter_visit')",
                           name=op.f("ck_satisfaction_kind")),
        _fk(t, "customer_id", "customer"), _fk(t, "work_order_id", "work_order"),
        _fk(t, "unit_id", "unit"), _fk(t, "recorded_by", "app_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_satisfaction")),
        sa.UniqueConstraint("work_order_id", name=op.f("uq_satisfaction_work_order_id")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_satisfaction_idempotency_key")),
    )
    op.create_index("ix_satisfaction_customer_id", t, ["customer_id"])
    op.create_index("ix_satisfaction_unit_kind", t, ["unit_id", "kind"])


def _work_orders_downgrade() -> None:
    op.drop_table("satisfaction")
    op.drop_table("meter_change")
    op.drop_table("work_order_sla")
    op.drop_index("ux_work_order_idempotency_key", table_name="work_order")
    # SQLite (3.35+) drops a plain column in place, like PostgreSQL.
    op.execute("ALTER TABLE work_order DROP COLUMN source")
    op.execute("ALTER TABLE work_order DROP COLUMN idempotency_key")


# ---- field inspection packages and theft analysis (items 2 and 3) ----------------------


def upgrade() -> None:
    _work_orders_upgrade()


def downgrade() -> None:
    _work_orders_downgrade()
