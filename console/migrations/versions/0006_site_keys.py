"""Site signing keys (Ed25519) shared by seal QR codes, notices and field packages

New table site_key: key id (first 8 hex of SHA-256 of the public key), raw
public and private key, who made it and when, when it was retired. The active
key is the newest not retired; retired keys stay so that old signatures still
verify. No key is made here: console.signing makes the first one on first use
(a migration run on a build server would otherwise bake one key into every copy).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.models.base import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "site_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("private_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("retired_at", UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["created_by"], ["app_user.id"],
                                name=op.f("fk_site_key_created_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_key")),
        sa.UniqueConstraint("key_id", name=op.f("uq_site_key_key_id")),
    )


def downgrade() -> None:
    op.drop_table("site_key")
