"""SQL fragments that differ between SQLite and PostgreSQL.

The bulk tables are written by INSERT ... SELECT so that no Python runs per
row. Both engines evaluate the same integer expressions, so one seed gives the
same numbers on both; only the storage form differs (SQLite keeps money as
integer fen and times as UTC text, PostgreSQL as NUMERIC and timestamptz).
Inside the generator every amount is an integer of fen (or 0.01 kWh, or
0.0001 yuan for prices) until the final column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from console.demo.calendar import sqlite_ts

P31 = 2147483647  # 2**31 - 1: keeps every product below 2**62 on both engines


@dataclass(frozen=True)
class Dialect:
    """Renders the few fragments whose spelling depends on the engine."""

    name: str

    @property
    def pg(self) -> bool:
        return self.name == "postgresql"

    def money(self, fen: str, scale: int = 2) -> str:
        """A scaled integer as the column's stored value."""
        if self.pg:
            # Times 0.01 rather than divided by 100: the same exact value,
            # and NUMERIC multiplication costs a quarter less per row.
            return f"(CAST({fen} AS NUMERIC) * {Decimal(1).scaleb(-scale):f})"
        return f"({fen})"

    def fen(self, column: str, scale: int = 2) -> str:
        """A stored Money/Energy/Price column back to a scaled integer."""
        if self.pg:
            return f"CAST(ROUND({column} * {10 ** scale}) AS BIGINT)"
        return column

    def flag(self, expr: str) -> str:
        """An integer 0/1 expression as a BOOLEAN value."""
        return f"(({expr}) <> 0)" if self.pg else f"({expr})"

    def least(self, *args: str) -> str:
        return f"{'LEAST' if self.pg else 'MIN'}({', '.join(args)})"

    def greatest(self, *args: str) -> str:
        return f"{'GREATEST' if self.pg else 'MAX'}({', '.join(args)})"

    def lpad(self, expr: str, width: int) -> str:
        if self.pg:
            return f"LPAD(CAST({expr} AS TEXT), {width}, '0')"
        return f"SUBSTR('{'0' * width}' || ({expr}), -{width})"

    def fence(self) -> str:
        """Ends a FROM-subquery the planner must not flatten.

        Flattening would paste a column's (long) expression into every place
        the outer query uses it and evaluate it again each time. SQLite keeps a
        subquery with LIMIT as a co-routine when the outer query has a WHERE;
        PostgreSQL's fence is OFFSET 0.
        """
        return "OFFSET 0" if self.pg else "LIMIT -1"

    def text(self, expr: str) -> str:
        return f"CAST({expr} AS TEXT)"

    def ts_plus(self, base: str, seconds: str) -> str:
        """A timestamp column plus a number of seconds, in storage form."""
        if self.pg:
            return f"({base} + ({seconds}) * INTERVAL '1 second')"
        return f"(STRFTIME('%Y-%m-%d %H:%M:%S', {base}, '+' || ({seconds}) || ' seconds') || '.000000')"

    def ts_type(self) -> str:
        return "TIMESTAMPTZ" if self.pg else "TEXT"

    def ts_value(self, value: dt.datetime) -> object:
        """A Python value for a timestamp in a temp table or a bulk row."""
        return value if self.pg else sqlite_ts(value)

    def date_value(self, value: dt.date) -> object:
        return value if self.pg else value.isoformat()


def weyl(expr: str, salt: int) -> str:
    """A pseudo-random integer in [0, 2**31) from an integer expression.

    Multiplicative (Weyl) hashing with per-salt constants: `expr` appears once,
    so nesting never multiplies the SQL, and the values are evenly spread,
    which is all the demo's choices need.
    """
    a = 1_000_003 + (salt * 2_654_435_761) % 1_000_000_000
    b = (salt * 40_503 + 12_345) % P31
    return f"((CAST({expr} AS BIGINT) * {a} + {b}) % {P31})"
