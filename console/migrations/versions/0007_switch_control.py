"""Switch control: meter relay capability and command reconciliation

Reserved in the chain so that work on several issues can land in any order;
a revision that adds nothing yet upgrades and downgrades as a no-op.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
