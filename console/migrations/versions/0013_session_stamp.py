"""Session stamp on staff accounts

app_user.session_stamp: raised when an account is disabled, its password reset or changed.
Every use case compares it with the stamp the session logged in with (issue 16 item 3), so
a disabled user's open window stops at its next action.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("app_user", sa.Column("session_stamp", sa.Integer(), nullable=False,
                                        server_default=sa.text("0")))


def downgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("session_stamp")
