"""Report documents: numbers of generated documents and their register

document_counter hands out gapless document numbers per report kind, unit and
year (like receipt_counter); report_document records every generated document
(number, kind, unit, parameters, who and when, pages) so a printed number can
be traced. Plain CREATE TABLE on both engines (see 0005).

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.models.base import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "document_counter",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("next_no", sa.Integer(), nullable=False),
        _fk("document_counter", "unit_id", "unit"),
        sa.PrimaryKeyConstraint("kind", "unit_id", "year", name=op.f("pk_document_counter")),
    )
    t = "report_document"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_no", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("params", sa.String(length=200), nullable=False),
        sa.Column("generated_by_id", sa.Integer(), nullable=True),
        sa.Column("generated_by", sa.String(length=60), nullable=False),
        sa.Column("generated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        _fk(t, "unit_id", "unit"), _fk(t, "generated_by_id", "app_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_document")),
    )
    op.create_index("ux_report_document_seq", t, ["kind", "unit_id", "year", "seq"], unique=True)
    op.create_index("ix_report_document_doc_no", t, ["doc_no"])


def downgrade() -> None:
    op.drop_index("ix_report_document_doc_no", table_name="report_document")
    op.drop_index("ux_report_document_seq", table_name="report_document")
    op.drop_table("report_document")
    op.drop_table("document_counter")
