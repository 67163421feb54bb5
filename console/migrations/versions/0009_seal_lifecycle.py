"""Seal batches, labels, scans and inspection checks

Reserved in the chain so that work on several issues can land in any order;
a revision that adds nothing yet upgrades and downgrades as a no-op.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
