"""The fixed clock of the demo data.

The data never depends on when it is generated: it describes the calendar year
2025, seen from ANCHOR (2026-01-20). A whole calendar year keeps the annual
tiers (阶梯) exact: every running total starts at the first bill.
"""

from __future__ import annotations

import datetime as dt

UTC = dt.UTC
SHANGHAI = dt.timezone(dt.timedelta(hours=8))  # no DST in China: a fixed offset is exact

ANCHOR = dt.date(2026, 1, 20)
YEAR = 2025
PERIODS = 12  # bills for 2025-01 .. 2025-12
READINGS = PERIODS + 1  # month-start readings 2025-01-01 .. 2026-01-01
NOW = dt.datetime(2026, 1, 20, 10, 0, tzinfo=SHANGHAI).astimezone(UTC)
ISSUE_DAY = 3  # bills go out on the 3rd of the next month, 09:00 local
DUE_DAY = 18  # and fall due on the 18th
LATE_LAST_PERIOD = 10  # late payers can only be late up to the Nov bill before NOW


def month_start(k: int) -> dt.date:
    """Local date of the k-th month boundary (k=0: 2025-01-01)."""
    year, month = divmod(k, 12)
    return dt.date(YEAR + year, month + 1, 1)


def local(day: dt.date, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A local (Asia/Shanghai) wall-clock time as an aware UTC datetime."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def period(p: int) -> str:
    return f"{month_start(p):%Y-%m}"


def read_at(k: int) -> dt.datetime:
    return local(month_start(k))


def issued_at(p: int) -> dt.datetime:
    return local(month_start(p + 1).replace(day=ISSUE_DAY), 9)


def due_date(p: int) -> dt.date:
    return month_start(p + 1).replace(day=DUE_DAY)


def sqlite_ts(value: dt.datetime) -> str:
    """How UTCDateTime stores an aware time on SQLite: UTC text, no offset."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
