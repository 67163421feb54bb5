"""Customer lookup speed at a million customers

Each lookup row shows the customer's first meter. Through the plain index on
meter.customer_id that costs a visit to the meter row for each of the 50
rows shown, a random page each in a million-row table; measured on SQLite at
a million customers, that visit was two thirds of the time to build the
rows. An index that carries the asset number answers from the index alone.

Engine-specific like the other search structures (ix_search_ prefix: owned
by the migrations, not the models): PostgreSQL keeps the asset number as an
INCLUDE column, SQLite as a trailing key column (the id, the rowid alias,
keeps "first meter" an index order on both).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SQLITE_UP = "CREATE INDEX ix_search_meter_customer_asset ON meter (customer_id, id, asset_no)"
POSTGRES_UP = "CREATE INDEX ix_search_meter_customer_asset ON meter (customer_id, id) INCLUDE (asset_no)"


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.execute(POSTGRES_UP if postgres else SQLITE_UP)


def downgrade() -> None:
    op.execute("DROP INDEX ix_search_meter_customer_asset")
