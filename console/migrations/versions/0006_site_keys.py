"""Site signing keys (Ed25519) shared by seal QR codes, notices and field packages

Reserved in the chain so that work on several issues can land in any order;
a revision that adds nothing yet upgrades and downgrades as a no-op.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
