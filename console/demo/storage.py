"""Preparing the database for a bulk load, emptying it, and tidying up afterwards."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, func, select, text, update

from console.demo import pg_load
from console.models import AuditHead, Base, Customer, User
from console.services.audit import GENESIS

# Rows the demo never writes and a wipe must keep: the audit head is reset
# instead, settings are site configuration, late-fee rules come with the schema.
KEPT_TABLES = frozenset({"audit_head", "setting", "late_fee_rule"})
# Every other model table, children before parents, so deletes never trip a
# foreign key (tables added later are wiped too).
DOMAIN_TABLES = tuple(t.name for t in reversed(Base.metadata.sorted_tables)
                      if t.name not in KEPT_TABLES)
COUNTED = tuple(t for t in DOMAIN_TABLES if t != "audit_event")


# The load writes every table in id order, so the pages it still needs are
# the right edges of the b-trees: beyond this the cache only holds pages that
# the operating system's file cache would hold as well, and a shared machine
# needs the memory (a million customers weigh about 20 GB).
CACHE_CAP_KIB = 1024 * 1024


def cache_kib(customers: int) -> int:
    """Page cache for the load: about what the database will weigh (10 KiB a
    customer), at most CACHE_CAP_KIB and 40 % of the memory, at least 64 MiB."""
    try:
        memory_kib = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 1024
    except (ValueError, OSError, AttributeError):
        memory_kib = 4 * 1024 * 1024
    return max(64 * 1024, min(customers * 10, memory_kib * 2 // 5, CACHE_CAP_KIB))


@contextmanager
def fast_load(engine: Engine, cache: int = 2_000_000) -> Iterator[Connection]:
    """A connection tuned for one big write, restored to normal settings afterwards.

    SQLite: an in-memory rollback journal instead of WAL (a rollback still
    works), no fsync, a page cache of `cache` KiB, and no foreign-key or CHECK
    constraints evaluated per row (the tests run PRAGMA foreign_key_check and
    integrity_check, which checks the CHECK constraints, instead; the CHECKs
    alone were 30 % of the CPU of writing readings and the ledger). PostgreSQL:
    memory for joins, sorts and work tables (see pg_load.LOAD_SETTINGS).
    """
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if not sqlite:
            pg_load.apply_settings(conn)
        # PRAGMAs go straight to sqlite3: through SQLAlchemy they would open a
        # transaction, inside which the journal mode cannot change.
        raw = conn.connection.driver_connection if sqlite else None
        if raw is not None:
            _pragmas(raw, "journal_mode = MEMORY", "synchronous = OFF",
                     "foreign_keys = OFF", "ignore_check_constraints = ON", "temp_store = MEMORY")
            _grow_pages(raw)
            # Only now: SQLite turns a cache size in KiB into a number of pages
            # with the page size of the moment, and keeps that number when the
            # page size changes. Set before _grow_pages, a 1 GiB cache became
            # 4 GiB of 16 KiB pages; at a million customers the cache never
            # filled, so nothing was written out until the commit (23 GB
            # resident, a 2.3 MB file, killed for memory).
            _pragmas(raw, f"cache_size = -{cache}")
        try:
            yield conn
        finally:
            if raw is not None:
                _pragmas(raw, "foreign_keys = ON", "ignore_check_constraints = OFF",
                         "synchronous = NORMAL", "cache_size = -2000",
                         "journal_mode = WAL")
            elif not sqlite:
                pg_load.reset_settings(conn)


PAGE_SIZE = 16384


def _grow_pages(raw) -> None:
    """16 KiB pages for an empty database about to be filled.

    Measured at 200,000 customers: 10 % less CPU for the load than SQLite's
    default 4 KiB (fewer page splits and shallower trees); bigger pages gained
    little more and make every random read dearer. The page size of a file
    only changes by VACUUM, which costs nothing while it is empty; in WAL
    mode (another connection kept us from leaving it) SQLite ignores it.
    """
    empty = raw.execute("SELECT NOT EXISTS (SELECT 1 FROM customer)"
                        " AND NOT EXISTS (SELECT 1 FROM app_user)").fetchone()[0]
    if empty and raw.execute("PRAGMA page_size").fetchone()[0] < PAGE_SIZE:
        raw.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        raw.execute("VACUUM")


def _pragmas(raw, *pragmas: str) -> None:
    """Apply PRAGMAs one by one; one refused (another connection holds the
    file, so WAL cannot be left) only makes the load slower, never wrong."""
    for pragma in pragmas:
        try:
            raw.execute(f"PRAGMA {pragma}")
        except sqlite3.OperationalError:
            continue


# Indexes built once after the load instead of row by row: their keys arrive
# in random order (names, phones, pinyin, operator and time) or in many
# interleaved runs (bills by status and due day: a customer's 23 bills are
# written together). Measured at 20,000 customers, keeping each of those up
# row by row cost 2-3 times the CPU of building it afterwards. Every other
# index of the bulk tables receives its keys nearly in order (rows are
# written in id order and numbers ascend with ids): appending to those costs
# no more than a rebuild, and the later steps query through them.
DEFERRED_INDEXES = ("ix_customer_name", "ix_customer_phone", "ix_search_customer_initials",
                    "ix_search_customer_pinyin", "ix_payment_operator_time", "ix_bill_status_due")


@contextmanager
def deferred_indexes(conn: Connection) -> Iterator[None]:
    """Drop indexes for the load and build them once afterwards.

    PostgreSQL: every unique constraint and plain index of the domain tables,
    and their foreign keys unless the role may skip the checks
    (pg_load.deferred_constraints). SQLite: DEFERRED_INDEXES and the customer
    triggers.

    Building an index once from sorted data is cheaper than inserting random
    keys row by row, and the customer search triggers would feed the
    FTS5 index one customer at a time; it is rebuilt in one pass instead. The
    exact DDL comes from sqlite_master, so whatever the migrations made is
    what comes back.
    """
    if conn.dialect.name != "sqlite":
        with pg_load.deferred_constraints(conn, DOMAIN_TABLES):
            yield
        return
    names = ", ".join(f"'{t}'" for t in DEFERRED_INDEXES)
    saved = conn.execute(text(
        f"SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND"
        f" ((type = 'index' AND name IN ({names})) OR (type = 'trigger' AND tbl_name = 'customer'))"
        " ORDER BY type, name")).all()
    for kind, name, _sql in saved:
        conn.execute(text(f"DROP {kind.upper()} {name}"))
    yield
    sqlite = conn.connection.driver_connection
    assert sqlite is not None  # a Connection in use always holds its DBAPI connection
    sqlite.execute("PRAGMA threads = 4")
    for _kind, _name, sql in saved:
        conn.execute(text(sql))
    for (fts,) in conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'")):
        conn.execute(text(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')"))


def is_empty(conn: Connection) -> bool:
    customer = conn.execute(select(Customer.id).limit(1)).first()
    user = conn.execute(select(User.id).limit(1)).first()
    return customer is None and user is None


def wipe(conn: Connection) -> None:
    """Delete every domain row and restart the audit chain at its genesis."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"TRUNCATE {', '.join(DOMAIN_TABLES)} RESTART IDENTITY CASCADE"))
    else:
        for table in DOMAIN_TABLES:
            conn.execute(text(f"DELETE FROM {table}"))
    conn.execute(text("DELETE FROM setting WHERE key LIKE 'demo.%'"))
    conn.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=0, hash=GENESIS))


def count_rows(conn: Connection, known: dict[str, int]) -> dict[str, int]:
    """Rows per domain table: the bulk writer's tallies, COUNT(*) for the small rest."""
    table = Base.metadata.tables
    return {t: known[t] if t in known else
            conn.execute(select(func.count()).select_from(table[t])).scalar_one() for t in COUNTED}


def reset_sequences(conn: Connection) -> None:
    """PostgreSQL: explicit ids do not move the serial sequences; move them past the data."""
    if conn.dialect.name != "postgresql":
        return
    for name in DOMAIN_TABLES:
        key = list(Base.metadata.tables[name].primary_key.columns)
        if len(key) != 1 or key[0].name != "id":
            continue  # no serial id to move (e.g. keyed by another column)
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'),"
            f" COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"))
