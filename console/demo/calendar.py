"""The demo's clock: everything is dated relative to one as-of day.

The data covers the previous and the current calendar year up to the start
of the as-of day (00:00 in Heze): month-start readings from 1 January of
the previous year, one more reading at that midnight, the bills of every
bill run held before it, payments up to the day before. Whole calendar years
keep the annual tiers (阶梯) exact: every year's running total starts at
its January bill. The same as-of day gives the same data on any day it is
generated; without one the demo is as of today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

UTC = dt.UTC
SHANGHAI = dt.timezone(dt.timedelta(hours=8))  # no DST in China: a fixed offset is exact

ISSUE_DAY = 3  # the bill run issues last month's bills on the 3rd, 09:00 local
DUE_DAY = 18  # the first due day; billing routes fall due on the 18th to the 25th
ROUTES = 8  # due-day offsets 0..7 (a route of meter readers, 抄表段)
# Seasonal use per calendar month, permille of the base: winter heating, summer cooling.
SEASON = (1250, 1150, 950, 850, 880, 1050, 1400, 1450, 1050, 850, 950, 1150)


def local(day: dt.date, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A local (Asia/Shanghai) wall-clock time as an aware UTC datetime."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def local_today() -> dt.date:
    return dt.datetime.now(SHANGHAI).date()


def sqlite_ts(value: dt.datetime) -> str:
    """How UTCDateTime stores an aware time on SQLite: UTC text, no offset."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + year, month + 1, 1)


@dataclass(frozen=True)
class DemoCalendar:
    """Month boundaries, bill runs and "now" of a demo as of `as_of` (a local day).

    Boundary k is the first of the k-th month since 1 January of the previous
    year (k = 0 .. last_boundary); reading index `last_boundary + 1` is the
    as-of midnight, when that is not a month start itself. Period p is the
    month between boundaries p and p + 1; its bill is issued on the 3rd of
    the month after it and falls due 15 to 22 days later, by route.
    """

    as_of: dt.date
    # When the meters were last heard: the moment of writing for a demo of today (so
    # they answer until the embedded collector's first round is done), else `now`.
    heard: dt.datetime | None = None

    @property
    def last_heard(self) -> dt.datetime:
        return self.heard or self.now

    @property
    def year(self) -> int:
        """The first of the two calendar years."""
        return self.as_of.year - 1

    @property
    def now(self) -> dt.datetime:
        """The start of the as-of day: everything in the data happened before it."""
        return local(self.as_of)

    @property
    def last_boundary(self) -> int:
        return 12 + self.as_of.month - 1

    @property
    def extra_reading(self) -> bool:
        """A reading at `now` besides the month starts (not on the 1st: it is one)."""
        return self.as_of.day > 1

    @property
    def readings(self) -> int:
        """Readings per meter."""
        return self.last_boundary + 1 + int(self.extra_reading)

    @cached_property
    def periods(self) -> int:
        """Bills per customer: every bill run before `now`."""
        last = self.last_boundary - 1
        return last + 1 if self.issued_at(last) < self.now else last

    def month_start(self, k: int) -> dt.date:
        return _add_months(dt.date(self.year, 1, 1), k)

    def read_at(self, k: int) -> dt.datetime:
        return self.now if k > self.last_boundary else local(self.month_start(k))

    def season_total(self, k: int) -> int:
        """Cumulative season factor (permille months) from boundary 0 to reading k."""
        whole = sum(SEASON[j % 12] for j in range(min(k, self.last_boundary)))
        if k <= self.last_boundary:
            return whole
        first = self.month_start(self.last_boundary)
        days = (self.month_start(self.last_boundary + 1) - first).days
        return whole + SEASON[first.month - 1] * (self.as_of - first).days // days

    def period(self, p: int) -> str:
        return f"{self.month_start(p):%Y-%m}"

    def issued_at(self, p: int) -> dt.datetime:
        return local(self.month_start(p + 1).replace(day=ISSUE_DAY), 9)

    def due_date(self, p: int, route: int = 0) -> dt.date:
        return self.month_start(p + 1).replace(day=DUE_DAY + route)

    def overdue_periods(self, route: int) -> int:
        """How many bills of a route are past their due date on the as-of day."""
        return sum(self.due_date(p, route) < self.as_of for p in range(self.periods))

    def days_before_now(self, p: int) -> int:
        """Whole days from the issue day of period p's bill to the as-of day."""
        return (self.as_of - self.issued_at(p).astimezone(SHANGHAI).date()).days

    def year_start(self, k: int) -> int:
        """The boundary that starts the calendar year of period (or reading) k."""
        return 0 if k < 12 else 12

    def weekdays_before(self, days: int) -> list[dt.date]:
        """Monday-to-Friday days among the `days` days before the as-of day, oldest first."""
        span = (self.as_of - dt.timedelta(days=n) for n in range(days, 0, -1))
        return [d for d in span if d.weekday() < 5]


def parse_as_of(text: str | None) -> dt.date:
    """An ISO date, or today in Heze when none is given."""
    return dt.date.fromisoformat(text) if text else local_today()
