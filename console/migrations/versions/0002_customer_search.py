"""Customer search structures: FTS5 trigram on SQLite, pg_trgm GIN on PostgreSQL

Owned by migrations, not by the models: they are engine-specific and
`console.migrate.include_name` keeps autogenerate from proposing to drop them.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Names are wrapped in ^…$ so a two-character name or its two-character
# start or end still forms a trigram (a trigram index alone never finds 王伟).
# "The last four digits" of a phone ride a B-tree on the phone's last four.
SQLITE_UP = [
    "CREATE INDEX ix_search_customer_initials ON customer (name_initials)",
    "CREATE INDEX ix_search_customer_pinyin ON customer (name_pinyin)",
    "CREATE INDEX ix_search_customer_phone_tail ON customer (substr(phone, -4))",
    "CREATE VIEW customer_search (id, name_key, address) AS "
    "SELECT id, '^' || name || '$', address FROM customer",
    "CREATE VIRTUAL TABLE customer_fts USING fts5(name_key, address, "
    "content='customer_search', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN "
    "INSERT INTO customer_fts (rowid, name_key, address) "
    "VALUES (new.id, '^' || new.name || '$', new.address); END",
    "CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer BEGIN "
    "INSERT INTO customer_fts (customer_fts, rowid, name_key, address) "
    "VALUES ('delete', old.id, '^' || old.name || '$', old.address); END",
    "CREATE TRIGGER customer_fts_update AFTER UPDATE OF name, address ON customer BEGIN "
    "INSERT INTO customer_fts (customer_fts, rowid, name_key, address) "
    "VALUES ('delete', old.id, '^' || old.name || '$', old.address); "
    "INSERT INTO customer_fts (rowid, name_key, address) "
    "VALUES (new.id, '^' || new.name || '$', new.address); END",
    "INSERT INTO customer_fts (customer_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER customer_fts_update",
    "DROP TRIGGER customer_fts_delete",
    "DROP TRIGGER customer_fts_insert",
    "DROP TABLE customer_fts",
    "DROP VIEW customer_search",
    "DROP INDEX ix_search_customer_phone_tail",
    "DROP INDEX ix_search_customer_pinyin",
    "DROP INDEX ix_search_customer_initials",
]
POSTGRES_UP = [
    "CREATE INDEX ix_search_customer_name_trgm ON customer USING gin (name gin_trgm_ops)",
    "CREATE INDEX ix_search_customer_address_trgm ON customer USING gin (address gin_trgm_ops)",
    "CREATE INDEX ix_search_customer_phone_tail ON customer (right(phone, 4))",
    "CREATE INDEX ix_search_customer_initials ON customer (name_initials text_pattern_ops)",
    "CREATE INDEX ix_search_customer_pinyin ON customer (name_pinyin text_pattern_ops)",
    "CREATE INDEX ix_search_customer_no ON customer (customer_no text_pattern_ops)",
    "CREATE INDEX ix_search_customer_name ON customer (name text_pattern_ops)",
]
POSTGRES_DOWN = [
    f"DROP INDEX {statement.split()[2]}" for statement in reversed(POSTGRES_UP)
]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    _run(POSTGRES_UP if postgres else SQLITE_UP)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    _run(POSTGRES_DOWN if postgres else SQLITE_DOWN)
