"""Customer lookup speed at a million customers

Reserved in the chain so that work on several issues can land in any order;
a revision that adds nothing yet upgrades and downgrades as a no-op.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
