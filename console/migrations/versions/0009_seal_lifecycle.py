"""Seal batches, labels, scans and inspection checks

New tables: seal_scan (every scan at a workstation, a seal or not, with its
verdict and idempotency key) and seal_anomaly (what an inspection check found
wrong on a meter and the work order it opened). Batches, seals and their events
exist since 0001. Plain CREATE TABLE on both engines.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.models.base import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _text(name: str, length: int) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "seal_scan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        _text("workstation", 64), _text("purpose", 12), _text("text", 200), _text("verdict", 12),
        sa.Column("seal_id", sa.Integer(), nullable=True),
        sa.Column("meter_id", sa.Integer(), nullable=True),
        _text("key_id", 16),
        sa.Column("idempotency_key", sa.String(length=64), nullable=True),
        _fk("seal_scan", "actor_id", "app_user"), _fk("seal_scan", "seal_id", "seal"),
        _fk("seal_scan", "meter_id", "meter"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seal_scan")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_seal_scan_idempotency_key")),
    )
    op.create_index("ix_seal_scan_at", "seal_scan", ["at"])
    op.create_index("ix_seal_scan_seal_id", "seal_scan", ["seal_id"])
    op.create_table(
        "seal_anomaly",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        _text("kind", 12), _text("seal_no", 64),
        sa.Column("seal_id", sa.Integer(), nullable=True),
        sa.Column("meter_id", sa.Integer(), nullable=False),
        _text("position", 16),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("work_order_id", sa.Integer(), nullable=True),
        sa.Column("reported_by", sa.Integer(), nullable=True),
        _text("detail", 200),
        _fk("seal_anomaly", "seal_id", "seal"), _fk("seal_anomaly", "meter_id", "meter"),
        _fk("seal_anomaly", "unit_id", "unit"), _fk("seal_anomaly", "work_order_id", "work_order"),
        _fk("seal_anomaly", "reported_by", "app_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seal_anomaly")),
    )
    op.create_index("ix_seal_anomaly_unit_at", "seal_anomaly", ["unit_id", "at"])
    op.create_index("ix_seal_anomaly_meter_id", "seal_anomaly", ["meter_id"])
    op.add_column("seal_batch", sa.Column("idempotency_key", sa.String(length=64), nullable=True))
    op.create_index("ux_seal_batch_idempotency_key", "seal_batch", ["idempotency_key"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("ux_seal_batch_idempotency_key", table_name="seal_batch")
    # SQLite (3.35+) drops a plain column in place, like PostgreSQL.
    op.execute("ALTER TABLE seal_batch DROP COLUMN idempotency_key")
    op.drop_table("seal_anomaly")
    op.drop_table("seal_scan")
