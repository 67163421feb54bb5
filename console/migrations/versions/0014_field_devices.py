"""Sealed field packages: enrolled inspector devices, and a results key per route

New table field_device: the X25519 public key each inspector's device was
enrolled with (routes are sealed for it; the private half lives only on the
device), who enrolled it and when, when it was retired.
field_package.box_key: the X25519 private key a route's results are sealed
for (its public half travels inside the sealed route). Routes exported before
have none: their results are refused and the route is exported again
(issue 16: packages no longer travel unencrypted).

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.models.base import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "field_device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("enrolled_by", sa.Integer(), nullable=True),
        sa.Column("enrolled_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("retired_at", UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"],
                                name=op.f("fk_field_device_user_id_app_user")),
        sa.ForeignKeyConstraint(["enrolled_by"], ["app_user.id"],
                                name=op.f("fk_field_device_enrolled_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_device")),
        sa.UniqueConstraint("key_id", name=op.f("uq_field_device_key_id")),
    )
    op.create_index("ix_field_device_user_id", "field_device", ["user_id"])
    op.add_column("field_package", sa.Column("box_key", sa.LargeBinary(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("field_package") as batch:
        batch.drop_column("box_key")
    op.drop_index("ix_field_device_user_id", table_name="field_device")
    op.drop_table("field_device")
