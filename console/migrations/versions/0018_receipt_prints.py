"""Receipt prints

receipt_print: each paper copy of a payment's receipt that reached a thermal printer ready
to print it (issue 19). A payment without a row has a receipt "not printed"; copies after
the first are reprints, marked 补打 on the paper and audited.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.models.base import UTCDateTime

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "receipt_print",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("copy_no", sa.Integer(), nullable=False),
        sa.Column("reprint", sa.Boolean(), nullable=False),
        sa.Column("printed_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("workstation", sa.String(length=60), nullable=False),
        sa.Column("device", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(["payment_id"], ["payment.id"],
                                name=op.f("fk_receipt_print_payment_id_payment")),
        sa.ForeignKeyConstraint(["operator_id"], ["app_user.id"],
                                name=op.f("fk_receipt_print_operator_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt_print")),
    )
    op.create_index("ux_receipt_print_copy", "receipt_print", ["payment_id", "copy_no"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("ux_receipt_print_copy", table_name="receipt_print")
    op.drop_table("receipt_print")
