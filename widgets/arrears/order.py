"""The arrears table's data, ordered and summed in plain Python (no Qt), so that the
heavy part of filling 50,000 rows runs in a worker and a re-sort is one list sort.

An `ArrearsTable` is built once per read, off the UI thread: the rows, the
order for the sort the panel had when the read started, and the totals per age
bucket. Orders are lists of row numbers, made by sorting the row numbers (in
customer id order, so ties always fall the same way) on one key list per column;
the model keeps every order it has made until the next read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum

from console.services.arrears.types import ArrearsRow

ZERO = Decimal("0.00")


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    UNIT = 2
    CATEGORY = 3
    PROTECTED = 4
    BILLS = 5
    ARREARS = 6
    LATE_FEES = 7
    TOTAL = 8
    OLDEST_DUE = 9
    DAYS = 10
    NOTICE = 11
    STATE = 12


NUMERIC = {Column.BILLS, Column.ARREARS, Column.LATE_FEES, Column.TOTAL, Column.DAYS}
FIELDS = {Column.NUMBER: "customer_no", Column.NAME: "name", Column.UNIT: "unit_name",
          Column.BILLS: "bills", Column.ARREARS: "arrears", Column.LATE_FEES: "late_fees",
          Column.TOTAL: "total", Column.OLDEST_DUE: "oldest_due", Column.DAYS: "days_overdue",
          Column.PROTECTED: "protected"}
# Columns shown as a translated word: they sort by that word, which only the UI knows.
WORDED = {Column.CATEGORY: "category", Column.STATE: "control_state"}

Sort = tuple[Column, bool]  # column, descending
Totals = list[tuple[int, Decimal]]  # (customers, total) per age bucket 0–3
Sums = tuple[int, Decimal, Decimal]  # customers, arrears, late fees


@dataclass(frozen=True)
class ArrearsFilter:
    """What the panel's filter row says; None means any."""

    unit_id: int | None = None
    category: str | None = None
    min_amount: Decimal | None = None
    bucket: int | None = None
    control_state: str | None = None

    def accepts(self, row: ArrearsRow, *, ignore_bucket: bool = False) -> bool:
        return ((self.unit_id is None or row.unit_id == self.unit_id)
                and (self.category is None or row.category == self.category)
                and (self.min_amount is None or row.total >= self.min_amount)
                and (ignore_bucket or self.bucket is None or row.bucket == self.bucket)
                and (self.control_state is None or row.control_state == self.control_state))


NO_FILTER = ArrearsFilter()


def sort_keys(rows: Sequence[ArrearsRow], column: Column,
              word: Callable[[Column, str], str] | None = None) -> list:
    """One key per row for `column`; `word(column, code)` names worded columns.

    Keys are values the rows hold or strings, never new tuples: 50,000 new
    tuples set off the cyclic garbage collector, which walks every row.
    """
    if column in FIELDS:
        index = ArrearsRow._fields.index(FIELDS[column])
        return [row[index] for row in rows]
    if column in WORDED:
        if word is None:
            raise ValueError(f"{column.name} sorts by its translated word")
        index = ArrearsRow._fields.index(WORDED[column])
        codes = [row[index] for row in rows]
        words = {code: word(column, code) for code in set(codes)}
        return [words[code] for code in codes]
    return [f"{row.notice_kind}\x00{row.notice_status}" for row in rows]


def by_customer(rows: Sequence[ArrearsRow]) -> list[int]:
    """Row numbers in customer id order: every order starts from it, so ties are stable."""
    return sorted(range(len(rows)), key=[row.customer_id for row in rows].__getitem__)


def ordered(rows: Sequence[ArrearsRow], base: list[int], sort: Sort,
            word: Callable[[Column, str], str] | None = None) -> list[int]:
    """Row numbers in the order `sort` asks for (ties by customer id, ascending)."""
    column, descending = sort
    return sorted(base, key=sort_keys(rows, column, word).__getitem__, reverse=descending)


def bucket_totals(rows: Sequence[ArrearsRow], numbers: Sequence[int] | None = None) -> Totals:
    """(customers, total) per age bucket, over `numbers` (all rows when None)."""
    counts, sums = [0, 0, 0, 0], [ZERO, ZERO, ZERO, ZERO]
    for row in rows if numbers is None else (rows[n] for n in numbers):
        counts[row.bucket] += 1
        sums[row.bucket] += row.total
    return list(zip(counts, sums, strict=True))


def money_sums(rows: Sequence[ArrearsRow], numbers: Sequence[int] | None = None) -> Sums:
    """(customers, arrears, late fees) over `numbers` (all rows when None)."""
    chosen = rows if numbers is None else [rows[n] for n in numbers]
    return (len(chosen), sum((r.arrears for r in chosen), start=ZERO),
            sum((r.late_fees for r in chosen), start=ZERO))


@dataclass
class ArrearsTable:
    """Rows of one read with what the model needs ready: built in a worker thread."""

    rows: list[ArrearsRow]
    base: list[int]  # row numbers in customer id order
    orders: dict[Sort, list[int]] = field(default_factory=dict)
    totals: Totals = field(default_factory=lambda: bucket_totals([]))  # unfiltered
    sums: Sums = (0, ZERO, ZERO)  # unfiltered

    @classmethod
    def prepare(cls, rows: Sequence[ArrearsRow], sort: Sort) -> ArrearsTable:
        """Pure and thread-safe: a worker builds it while the UI shows the first page.
        A worded sort is left to the model (its words are the UI's)."""
        rows = list(rows)
        table = cls(rows, by_customer(rows), totals=bucket_totals(rows), sums=money_sums(rows))
        if sort[0] not in WORDED:
            table.orders[sort] = ordered(rows, table.base, sort)
        return table
