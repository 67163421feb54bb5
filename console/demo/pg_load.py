"""PostgreSQL side of the bulk load: session settings, and constraints put aside.

With every index and foreign key in place, a million-customer load (78 M
rows) did not finish in 35 minutes: each row paid for a check of its parents
through the foreign-key triggers, for random-order B-tree inserts (names,
receipt numbers, reading keys) and for trigram GIN entries. Dropping them
for the load and building each once from the finished table (a sort, or
one join per foreign key) does the same work in bulk. It all happens in the
load's one transaction, so a failed load leaves the schema as it was.

A role that may (a superuser) skips the foreign-key checks altogether, as the
SQLite load does: the keys stay in the schema and the session does not fire
their triggers (session_replication_role = replica). Checking them afterwards
was a join per key over the finished tables, a sixth of the server's time at
20,000 customers; the tests hold the generator to every key instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

# Session settings for the load, each tried on its own (temp_buffers is
# refused once the session has touched a temporary table). work_mem keeps the
# hash joins of INSERT ... SELECT in memory (the per-meter work table holds a
# row per customer); maintenance_work_mem lets an index build sort in memory;
# temp_buffers keeps the work tables out of temporary files; the load is one
# transaction, so an asynchronous commit only spares waiting for its flush.
# JIT stays for expressions and tuple deforming (tens of milliseconds to
# compile), but not optimised or inlined: the tables are not analysed while
# they fill, so the planner guesses costs that turn on LLVM's optimiser, which
# spent 2.7 s compiling the bill statement of a 20,000-customer load (more than
# running it). maintenance_work_mem: a million customers' bill numbers
# (23 M keys) sort in memory. wal_compression (superusers only): an index build
# writes its every page to the WAL as well; lz4 made that 43 % smaller for the
# ledger's (customer, time) index, for little CPU (the disk is the limit here).
LOAD_SETTINGS = {
    "synchronous_commit": "off",
    "work_mem": "'256MB'",
    "maintenance_work_mem": "'1GB'",
    "temp_buffers": "'512MB'",
    "jit_inline_above_cost": "-1",
    "jit_optimize_above_cost": "-1",
    "wal_compression": "lz4",
}


def apply_settings(conn: Connection) -> None:
    """SET each load setting on the session; one refused only makes the load slower."""
    for name, value in LOAD_SETTINGS.items():
        _each(conn, f"SET {name} = {value}")


def reset_settings(conn: Connection) -> None:
    """Back to the server's defaults before the connection returns to the pool."""
    conn.rollback()  # a failed load leaves the transaction aborted
    for name in LOAD_SETTINGS:
        _each(conn, f"RESET {name}")  # a role may not RESET what it may not SET


def _each(conn: Connection, statement: str) -> None:
    try:
        conn.exec_driver_sql(statement)
        conn.commit()
    except DBAPIError:
        conn.rollback()


@dataclass(frozen=True)
class Saved:
    """One index or constraint, with the DDL that puts it back."""

    table: str
    name: str
    kind: str  # 'f' foreign key, 'u' unique constraint, 'i' plain index
    definition: str

    def drop(self) -> str:
        if self.kind == "i":
            return f'DROP INDEX "{self.name}"'
        return f'ALTER TABLE "{self.table}" DROP CONSTRAINT "{self.name}"'

    def create(self) -> str:
        if self.kind == "i":
            return self.definition
        return f'ALTER TABLE "{self.table}" ADD CONSTRAINT "{self.name}" {self.definition}'


# An index a kept foreign key leans on (its referenced key) cannot be dropped.
_NEEDED_BY_KEY = """EXISTS (SELECT 1 FROM pg_constraint f
                     WHERE f.contype = 'f' AND f.conindid = {index} AND NOT :drop_keys)"""
_CONSTRAINTS = text(f"""
    SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
    FROM pg_constraint c
    WHERE c.connamespace = current_schema()::regnamespace
      AND (c.contype = 'u' OR (c.contype = 'f' AND :drop_keys))
      AND NOT {_NEEDED_BY_KEY.format(index="c.conindid")}
      AND (c.conrelid::regclass::text = ANY(:tables) OR c.confrelid::regclass::text = ANY(:tables))
    ORDER BY c.contype, c.conname""")
# Plain indexes (not the ones behind a primary key or unique constraint).
_INDEXES = text(f"""
    SELECT i.indrelid::regclass::text, x.relname, pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
    WHERE x.relnamespace = current_schema()::regnamespace
      AND i.indrelid::regclass::text = ANY(:tables)
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid
                      AND c.contype <> 'f')
      AND NOT {_NEEDED_BY_KEY.format(index="i.indexrelid")}
    ORDER BY x.relname""")


def saved_definitions(conn: Connection, tables: Iterable[str],
                      drop_keys: bool = True) -> list[Saved]:
    """Unique constraints and plain indexes of `tables` (and their foreign keys
    when `drop_keys`), in drop order.

    Primary keys stay: the load's own joins go by id, and ids arrive in order.
    """
    params = {"tables": list(tables), "drop_keys": drop_keys}
    saved = [Saved(t, n, k, d) for t, n, k, d in conn.execute(_CONSTRAINTS, params)]
    saved.sort(key=lambda s: s.kind != "f")  # foreign keys may lean on a unique constraint
    saved += [Saved(t, n, "i", d) for t, n, d in conn.execute(_INDEXES, params)]
    return saved


def skip_key_checks(conn: Connection) -> bool:
    """Stop firing foreign-key triggers until the transaction ends, if this role may.

    In a savepoint: a role that may not gets an error, which must not abort the load.
    """
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
    except DBAPIError:
        return False
    return True


@contextmanager
def deferred_constraints(conn: Connection, tables: Iterable[str]) -> Iterator[None]:
    """Drop unique constraints and indexes (and foreign keys, unless their
    checks can be skipped); rebuild and ANALYZE afterwards.

    Re-adding a foreign key checks every row against its parent in one join,
    so the finished data is held to the same rules as before. ANALYZE gives
    the planner statistics at once (autovacuum may be off, or late).
    """
    tables = list(tables)
    skipped = skip_key_checks(conn)
    saved = saved_definitions(conn, tables, drop_keys=not skipped)
    for item in saved:
        conn.execute(text(item.drop()))
    yield
    if skipped:  # what the session writes after the load is checked as usual
        conn.exec_driver_sql("SET LOCAL session_replication_role = origin")
    for item in reversed(saved):  # indexes and unique constraints before the keys that need them
        conn.execute(text(item.create()))
    for table in tables:
        conn.execute(text(f'ANALYZE "{table}"'))
