"""Meter communication state written by the collector

comm_state (unknown / ok / unreachable), last_seen_at, comm_failures (polls
failed in a row) and comm_error (the reason code of the last failure).

SQLite gets plain ALTER TABLE ADD COLUMN rather than a batch copy of the meter
table: readings and commands reference meter rows, and copying a table that
others reference breaks their foreign keys on a populated database.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.models.base import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COMM_CHECK = "comm_state IN ('unknown', 'ok', 'unreachable')"
SQLITE_UP = [
    "ALTER TABLE meter ADD COLUMN comm_state VARCHAR(12) DEFAULT 'unknown' NOT NULL "
    f"CONSTRAINT ck_meter_comm_state CHECK ({COMM_CHECK})",
    "ALTER TABLE meter ADD COLUMN last_seen_at DATETIME",
    "ALTER TABLE meter ADD COLUMN comm_failures INTEGER DEFAULT 0 NOT NULL",
    "ALTER TABLE meter ADD COLUMN comm_error VARCHAR(200) DEFAULT '' NOT NULL",
]
COLUMNS = ("comm_error", "comm_failures", "last_seen_at", "comm_state")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
        return
    op.add_column("meter", sa.Column("comm_state", sa.String(length=12),
                                     server_default=sa.text("'unknown'"), nullable=False))
    op.add_column("meter", sa.Column("last_seen_at", UTCDateTime(timezone=True), nullable=True))
    op.add_column("meter", sa.Column("comm_failures", sa.Integer(),
                                     server_default=sa.text("0"), nullable=False))
    op.add_column("meter", sa.Column("comm_error", sa.String(length=200),
                                     server_default=sa.text("''"), nullable=False))
    op.create_check_constraint(op.f("ck_meter_comm_state"), "meter", COMM_CHECK)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_meter_comm_state"), "meter", type_="check")
    for column in COLUMNS:
        # SQLite >= 3.35 drops a column (and its own CHECK) in place.
        op.execute(f"ALTER TABLE meter DROP COLUMN {column}")
