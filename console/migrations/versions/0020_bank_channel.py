"""Bank agency channel

'bank' joins 'wechat' and 'alipay' in the channel tables: the bank's signed daily batch
file (代收, `python -m console channels bank-import`) records each of its transactions as a
channel notification, held or posted like a phone payment (issue 18 item 1).

SQLite cannot alter a CHECK in place: batch mode copies each table with the new one (with
foreign keys off meanwhile, console.migrate: channel_held points at channel_notification).

Revision ID: 0020
Revises: 0019
"""

from __future__ import annotations

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

TABLES = ("channel_notification", "channel_nonce", "channel_rejection")
WIDE = "channel IN ('wechat', 'alipay', 'bank')"
NARROW = "channel IN ('wechat', 'alipay')"


def _swap(check: str) -> None:
    for table in TABLES:
        name = op.f(f"ck_{table}_channel")
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(name, type_="check")
            batch.create_check_constraint(name, check)


def upgrade() -> None:
    _swap(WIDE)


def downgrade() -> None:
    # Bank rows cannot stay under the narrow check; a downgrade that keeps them must fail.
    _swap(NARROW)
