"""Site key revocation

site_key.revoked_at: a revoked key's signatures report "revoked", not "genuine" (issue 17
item 4). The private keys are not wrapped here: a migration runs as the database owner,
often on a host without the key-encryption key file, so wrapping is done in code by the
first workstation that holds the key file (console.services.admin.site_keys).

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.models.base import UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("site_key") as batch:
        batch.add_column(sa.Column("revoked_at", UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("site_key") as batch:
        batch.drop_column("revoked_at")
