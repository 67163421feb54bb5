"""Service accounts

service_account: programs that act without a person at the keyboard (the collector, later
the channel gateway, scheduled reports) sign in to the command line with a token file; the
table keeps the SHA-256 of each token's secret, never the secret (issue 17 item 6).

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.models.base import UTCDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("duty", sa.String(length=12), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("token_id", sa.String(length=16), nullable=False),
        sa.Column("token_issued_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("token_revoked_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("duty IN ('collector', 'gateway', 'reports')",
                           name=op.f("ck_service_account_duty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_account")),
        sa.UniqueConstraint("name", name=op.f("uq_service_account_name")),
    )


def downgrade() -> None:
    op.drop_table("service_account")
