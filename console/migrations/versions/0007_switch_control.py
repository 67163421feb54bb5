"""Switch control: meter relay capability, command claims and retries

meter.has_relay: False for meters that cannot switch (CT-connected industrial
meters); no switch command is requested for or sent to them.
control_command.claimed_by / claimed_until: which collector put a command on
the wire and until when, so a command left 'sent' by a collector that died is
reconciled (status word read) by the next one.
control_command.retry_of: the failed or expired command a supervisor retried.

Plain ALTER TABLE ADD COLUMN on both engines (see 0003 and 0005 why no batch
copy); retry_of carries no foreign key because SQLite cannot add one in place.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from console.models.base import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# (table, column factory): a Column object belongs to one table, so make a new one each time.
NEW_COLUMNS: tuple[tuple[str, Callable[[], sa.Column]], ...] = (
    ("meter", lambda: sa.Column("has_relay", sa.Boolean(), server_default=sa.true(),
                                nullable=False)),
    ("control_command", lambda: sa.Column("retry_of", sa.Integer(), nullable=True)),
    ("control_command", lambda: sa.Column("claimed_by", sa.String(length=64),
                                          server_default=sa.text("''"), nullable=False)),
    ("control_command", lambda: sa.Column("claimed_until", UTCDateTime(timezone=True),
                                          nullable=True)),
)


def upgrade() -> None:
    for table, column in NEW_COLUMNS:
        op.add_column(table, column())


def downgrade() -> None:
    for table, column in reversed(NEW_COLUMNS):
        # SQLite (3.35+) drops a plain column in place, like PostgreSQL.
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column().name}")
