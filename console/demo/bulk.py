"""Bulk writes: raw DBAPI executemany on SQLite, COPY on PostgreSQL.

Generators hand over rows in SQLite's storage form (money as integer fen,
times as UTC text, flags as 0/1); for PostgreSQL each value is converted to
what the column type expects, using the model's own column types.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Connection, Table, text

from console.models import Base
from console.models.base import FixedPoint, UTCDateTime

Row = Sequence[object]
_INSERT_INTO = re.compile(r"^\s*INSERT INTO (\w+)", re.IGNORECASE)


def _pg_converter(column) -> Callable[[Any], object] | None:
    kind = column.type
    if isinstance(kind, FixedPoint):
        scale = kind.scale
        return lambda v: None if v is None else Decimal(int(v)).scaleb(-scale)
    if isinstance(kind, UTCDateTime):
        return lambda v: None if v is None or not isinstance(v, str) else v + "+00"
    if isinstance(kind, Boolean):
        return lambda v: None if v is None else bool(v)
    return None


class BulkWriter:
    """Writes rows fast into the tables of one connection's open transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.pg = conn.dialect.name == "postgresql"
        # Rows written per model table: counting a 25-million-row table
        # afterwards would cost seconds.
        self.counts: Counter[str] = Counter()

    @property
    def raw(self):
        return self.conn.connection.driver_connection

    def rows(self, table: str, columns: Sequence[str], rows: Iterable[Row]) -> None:
        """Insert rows given in SQLite storage form."""
        if self.pg:
            self.counts[table] += self._copy_model(Base.metadata.tables[table], columns, rows)
            return
        marks = ", ".join("?" * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        self.counts[table] += self.raw.cursor().executemany(sql, rows).rowcount

    def work_rows(self, table: str, columns: Sequence[str], rows: Iterable[Row]) -> None:
        """Insert into one of the generator's own temp tables: values already native."""
        if self.pg:
            self._copy(table, columns, rows, [])
            return
        marks = ", ".join("?" * len(columns))
        self.raw.cursor().executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    def _copy_model(self, table: Table, columns: Sequence[str], rows: Iterable[Row]) -> int:
        convert = [_pg_converter(table.c[name]) for name in columns]
        active = [(i, f) for i, f in enumerate(convert) if f is not None]
        return self._copy(table.name, columns, rows, active)

    def _copy(self, table: str, columns: Sequence[str], rows: Iterable[Row], active: list) -> int:
        names = ", ".join(f'"{c}"' for c in columns)
        written = 0  # COPY's rowcount is not reported by every psycopg version
        with self.raw.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                if active:
                    row = list(row)
                    for i, f in active:
                        row[i] = f(row[i])
                copy.write_row(row)
                written += 1
        return written

    def sql(self, statement: str, params: dict | None = None) -> int:
        """Run one statement (usually INSERT ... SELECT); returns its row count."""
        count = self.conn.execute(text(statement), params or {}).rowcount
        target = _INSERT_INTO.match(statement)
        if target and target.group(1) in Base.metadata.tables:
            self.counts[target.group(1)] += count
        return count

    def scalar(self, statement: str) -> Any:
        return self.conn.execute(text(statement)).scalar()

    def fetch(self, statement: str) -> list[tuple]:
        return [tuple(r) for r in self.conn.execute(text(statement))]

    def temp_table(self, name: str, columns: str) -> None:
        self.sql(f"DROP TABLE IF EXISTS {name}")
        self.sql(f"CREATE TEMPORARY TABLE {name} ({columns})")
