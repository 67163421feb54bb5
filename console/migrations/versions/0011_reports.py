"""Report documents: numbers and signatures of generated documents

Reserved in the chain so that work on several issues can land in any order;
a revision that adds nothing yet upgrades and downgrades as a no-op.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
