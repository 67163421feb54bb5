"""Set-based reads and writes of many rows without the per-row ORM type machinery.

The bill run reads and writes a few hundred thousand money and energy values
per 100,000 accounts. Through the ORM each one passes `FixedPoint`'s
conversion (and each batch's `IN (…5,000 ids…)` is compiled again); here:

- `IdSet`: a batch's ids as ONE parameter, a JSON array read by `json_each` on
  SQLite and an array read by `unnest` on PostgreSQL, so a statement compiles
  once and is served from SQLAlchemy's cache for every batch after;
- `Raw`: money/energy columns read as the database holds them (integer
  hundredths on SQLite, NUMERIC on PostgreSQL), made `Decimal` once;
- `BulkInsert`: many rows through the driver's executemany, each column's
  conversion looked up once.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, overload

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Integer,
    Numeric,
    String,
    Table,
    bindparam,
    cast,
    func,
    select,
    text,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, QueryableAttribute, Session

CENT = Decimal("0.01")
# A column as the helpers take it: a Core expression or a mapped attribute (Bill.kwh).
ColumnArg = ColumnElement[Any] | QueryableAttribute[Any]


def core_table(model: type[DeclarativeBase]) -> Table:
    """A mapped class's Table (declarative types `__table__` as any FROM clause)."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to one table")
    return table


class IdSet:
    """A set of ids bound as one parameter `name` (see the module docstring)."""

    def __init__(self, dialect: str, name: str = "ids") -> None:
        self.dialect, self.name = dialect, name
        param: ColumnElement[Any]
        if dialect == "postgresql":
            # Bound as the array's text form ('{1,2,3}'), cast by the server: psycopg
            # dumps a list of ints element by element in Python (a second of a
            # 100,000-account run); one str.join is ~20x cheaper.
            param = cast(bindparam(name, type_=String), ARRAY(BigInteger))
            self.table = func.unnest(param).table_valued("value").render_derived(
                name=f"{name}_set")
        else:
            param = bindparam(name, type_=String)
            self.table = func.json_each(param).table_valued("value").alias(f"{name}_set")

    @property
    def value(self) -> ColumnElement[Any]:
        """The id column, to join or correlate with (`FROM` this set)."""
        return self.table.c.value

    def has(self, column: ColumnArg) -> ColumnElement[bool]:
        """`column IN (the set)`."""
        return column.in_(select(self.table.c.value))

    def bind(self, ids: Iterable[int]) -> dict[str, object]:
        """The parameter to execute with."""
        text_ids = ",".join(str(int(i)) for i in ids)
        return {self.name: f"{{{text_ids}}}" if self.dialect == "postgresql" else f"[{text_ids}]"}


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a batch builds its rows.

    A batch makes a few hundred thousand small acyclic objects (rows, readings,
    dicts); each 700 allocations the collector would walk all of them again: a
    sixth of a bill run's CPU time. Reference counting still frees them; the
    collector runs again when the batch is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def probe_plans(session: Session) -> None:
    """PostgreSQL, this transaction: plans that probe indexes once per id of the batch.

    A batch joins 5,000 ids to tables of 100,000s of rows. The planner prefers to hash
    the whole table each time (a scan per batch: quadratic over a run of 1,000,000) and
    to JIT-compile queries it thinks costly (~0.1 s each, saving nothing here).
    """
    if dialect_of(session) == "postgresql":
        for setting in ("jit", "enable_hashjoin", "enable_mergejoin"):
            session.execute(text(f"SET LOCAL {setting} = off"))


def dialect_of(session: Session) -> str:
    return session.get_bind().dialect.name


class Raw:
    """Reading money/energy and timestamps as stored; one conversion per value."""

    def __init__(self, dialect: str) -> None:
        self.sqlite = dialect == "sqlite"

    def fixed(self, column: ColumnArg) -> ColumnElement[Any]:
        """A money/energy column without FixedPoint's per-value processing."""
        return type_coerce(column, Integer() if self.sqlite else Numeric(14, 2))

    def when(self, column: ColumnArg) -> ColumnArg:
        """A UTC timestamp column as the driver gives it (text on SQLite)."""
        return type_coerce(column, String()) if self.sqlite else column

    @overload
    def dec(self, value: None) -> None: ...
    @overload
    def dec(self, value: int | Decimal) -> Decimal: ...
    def dec(self, value: Any) -> Decimal | None:
        """Integer hundredths (SQLite) or NUMERIC's Decimal (PostgreSQL), as the driver gives
        it: typed Any here because which one is decided by the engine, not by the caller."""
        if value is None:
            return None
        # Integer hundredths times 0.01 is exact and already has two places.
        return Decimal(value) * CENT if self.sqlite else value

    def at(self, value: Any) -> dt.datetime:
        """UTC text (SQLite) or an aware datetime (PostgreSQL), as the driver gives it."""
        if self.sqlite:
            return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class BulkInsert:
    """INSERT of many rows, built once per table and engine: SQLite's executemany, or
    PostgreSQL's COPY (one row at a time over the wire cost the server a parse-bind-
    execute each: 60 % of a 100,000-account bill run).

    Each column's bind processing (FixedPoint's integer hundredths, SQLite's date
    text) is looked up once; values that are the same for every row (`fixed`) are
    processed once per call instead of once per row.
    """

    def __init__(self, table: Table, varying: Sequence[str], fixed: Sequence[str],
                 dialect: Dialect) -> None:
        quote = dialect.identifier_preparer.quote
        names = [*varying, *fixed]
        self.copy = dialect.name == "postgresql"
        self.table = table.name
        columns = f"{quote(table.name)} ({', '.join(map(quote, names))})"
        mark = "%s" if self.copy else "?"
        self.insert = f"INSERT INTO {columns} VALUES ({', '.join([mark] * len(names))})"
        self.sql = f"COPY {columns} FROM STDIN" if self.copy else self.insert
        # Under row-level security COPY goes to a session-private staging table of
        # the same columns, moved on by one INSERT … SELECT that the policy checks.
        stage = quote(f"gd_stage_{table.name}")
        column_list = ", ".join(map(quote, names))
        self.stage_create = (f"CREATE TEMP TABLE IF NOT EXISTS {stage} AS "
                             f"SELECT {column_list} FROM {quote(table.name)} WITH NO DATA")
        self.stage_copy = f"COPY {stage} ({column_list}) FROM STDIN"
        self.stage_move = (f"INSERT INTO {quote(table.name)} ({column_list}) "
                           f"SELECT {column_list} FROM {stage}")
        self.stage_clear = f"TRUNCATE {stage}"
        self.fixed = fixed
        # psycopg adapts Decimal, dates and times itself; SQLite needs SQLAlchemy's forms.
        self._procs: dict[str, Callable[[Any], Any] | None] = {
            n: None if self.copy else table.c[n].type.dialect_impl(dialect).bind_processor(dialect)
            for n in names}
        self._varying = [(i, proc) for i, n in enumerate(varying)
                         if (proc := self._procs[n]) is not None]

    def execute(self, conn: Connection, rows: Iterable[Sequence[object]],
                fixed: dict[str, object]) -> None:
        """Insert `rows` (the varying columns) with the `fixed` values.

        PostgreSQL: each row is sent as `rows` yields it, so a generator that prices
        the rows keeps the client busy while the server inserts the ones sent so far.
        """
        tail = tuple(fixed[n] if (proc := self._procs[n]) is None else proc(fixed[n])
                     for n in self.fixed)
        if self.copy:
            if _row_security_active(conn, self.table):
                self._staged(conn, rows, tail)
            else:
                self._copy(conn, self.sql, rows, tail)
            return
        params = []
        for row in rows:
            row = list(row)
            for i, process in self._varying:
                row[i] = process(row[i])
            params.append((*row, *tail))
        if params:
            conn.exec_driver_sql(self.insert, params)


    def _copy(self, conn: Connection, sql: str, rows: Iterable[Sequence[object]],
              tail: tuple) -> None:
        driver = conn.connection.driver_connection
        assert driver is not None  # a Connection in use holds its DBAPI connection
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row((*row, *tail))

    def _staged(self, conn: Connection, rows: Iterable[Sequence[object]], tail: tuple) -> None:
        """COPY into a temporary table, then one INSERT … SELECT into the real one.

        Row by row, a seated bill run's INSERTs cost the server a parse-bind-execute
        each (twice the superuser's COPY); this way every row still passes the
        policy's WITH CHECK, in one statement. A temporary table is the session's
        own (no other connection sees it) and needs no grant beyond TEMP.
        """
        conn.exec_driver_sql(self.stage_create)
        conn.exec_driver_sql(self.stage_clear)
        self._copy(conn, self.stage_copy, rows, tail)
        conn.exec_driver_sql(self.stage_move)
        conn.exec_driver_sql(self.stage_clear)


def _row_security_active(conn: Connection, table: str) -> bool:
    """PostgreSQL refuses COPY FROM into a table whose row-level security applies to the
    connection's role (a supervisor's bill run with database roles on, console.dbroles):
    then the rows go by INSERT, checked by the policy like any other."""
    return bool(conn.exec_driver_sql("SELECT row_security_active(%s)", (table,)).scalar())
