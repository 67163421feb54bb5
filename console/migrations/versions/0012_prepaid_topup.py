"""Prepaid top-up suggestion per cost-control policy

cost_control_policy.topup_amount: what the counter's payment dialog suggests a
prepaid customer tops up beyond what she owes (issue 13 item 15: paying exactly
the arrears leaves 0.00, under the alert line, and the meter alarms minutes
later). Existing policies get 100.00 yuan; admins change it per policy.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from alembic import op

from console.models.base import Money

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

DEFAULT = Decimal("100.00")


def upgrade() -> None:
    op.add_column("cost_control_policy", sa.Column("topup_amount", Money(14, 2), nullable=True))
    policy = sa.table("cost_control_policy", sa.column("topup_amount", Money(14, 2)))
    op.execute(policy.update().values(topup_amount=DEFAULT))


def downgrade() -> None:
    with op.batch_alter_table("cost_control_policy") as batch:
        batch.drop_column("topup_amount")
