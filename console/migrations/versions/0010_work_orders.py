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

def _fieldwork_upgrade() -> None:
    t = "field_package"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_no", sa.String(length=32), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("route_no", sa.String(length=32), nullable=True),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("results_key", sa.LargeBinary(length=32), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("applied", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.CheckConstraint("direction IN ('export', 'import')", name=op.f("ck_field_package_direction")),
        _fk(t, "unit_id", "unit"), _fk(t, "actor_id", "app_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_package")),
        sa.UniqueConstraint("package_no", name=op.f("uq_field_package_package_no")),
    )
    op.create_index("ix_field_package_route_no", t, ["route_no"])
    t = "field_package_order"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("work_order_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("meter_id", sa.Integer(), nullable=True),
        _fk(t, "package_id", "field_package"), _fk(t, "work_order_id", "work_order"),
        _fk(t, "customer_id", "customer"), _fk(t, "meter_id", "meter"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_package_order")),
    )
    op.create_index("ux_field_package_order", t, ["package_id", "customer_id"], unique=True)
    op.create_index("ix_field_package_order_work_order_id", t, ["work_order_id"])
    _field_items()


def _field_items() -> None:
    t = "field_item"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=80), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("item_type", sa.String(length=12), nullable=False),
        sa.Column("work_order_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("meter_id", sa.Integer(), nullable=True),
        sa.Column("observed_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("finding", sa.String(length=16), nullable=True),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("conflict", sa.String(length=24), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("resolved_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("outcome IN ('applied', 'conflict')", name=op.f("ck_field_item_outcome")),
        _fk(t, "package_id", "field_package"), _fk(t, "work_order_id", "work_order"),
        _fk(t, "customer_id", "customer"), _fk(t, "meter_id", "meter"),
        _fk(t, "resolved_by", "app_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_item")),
        sa.UniqueConstraint("item_key", name=op.f("uq_field_item_item_key")),
    )
    op.create_index("ix_field_item_package_id", t, ["package_id"])
    op.create_index("ix_field_item_customer_id", t, ["customer_id"])
    op.create_index("ix_field_item_meter_finding", t, ["meter_id", "finding"])
    t = "field_attachment"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("media_type", sa.String(length=20), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        _fk(t, "item_id", "field_item"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_attachment")),
    )
    op.create_index("ix_field_attachment_item_id", t, ["item_id"])


def _fieldwork_downgrade() -> None:
    for table in ("field_attachment", "field_item", "field_package_order", "field_package"):
        op.drop_table(table)


def upgrade() -> None:
    _work_orders_upgrade()
    _fieldwork_upgrade()


def downgrade() -> None:
    _fieldwork_downgrade()
    _work_orders_downgrade()
