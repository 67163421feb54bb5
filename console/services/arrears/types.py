"""What the arrears panel shows: one row per customer in arrears, and the change marker."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

# Age buckets (days overdue of the oldest unpaid bill): 0–30, 31–60, 61–90, > 90.
BUCKET_LIMITS = (30, 60, 90)


def bucket_of(days: int) -> int:
    """0, 1, 2 or 3 for 0–30, 31–60, 61–90 and more than 90 days overdue."""
    first, second, third = BUCKET_LIMITS
    return 0 if days <= first else 1 if days <= second else 2 if days <= third else 3


class ArrearsRow(NamedTuple):
    """One customer with overdue unpaid bills, as of `ArrearsList.today`.

    A NamedTuple, not a frozen dataclass: the panel builds 50,000 of them in
    one go, and a tuple is made several times faster while just as immutable.
    """

    customer_id: int
    customer_no: str
    name: str
    unit_id: int
    unit_name: str
    category: str
    protected: bool
    bills: int  # overdue unpaid bills
    arrears: Decimal  # their unpaid principal
    late_fees: Decimal  # posted but unpaid plus accrued to today
    total: Decimal  # arrears + late_fees: what clears the overdue bills today
    oldest_due: dt.date
    days_overdue: int
    bucket: int  # bucket_of(days_overdue)
    notice_kind: str  # latest notice ("" when none)
    notice_status: str
    control_state: str  # customer.control_state: normal, alert, notice, disconnected
    cost_control_mode: str  # postpaid / prepaid


class ArrearsList(NamedTuple):
    """Every customer in arrears in the actor's units, and the marker it was read at."""

    rows: list[ArrearsRow]
    units: list[tuple[int, str]]  # (id, name) of the units in scope, for the filter
    today: dt.date
    marker: tuple[int, ...]


class BatchOutcome(NamedTuple):
    """What a batch action did: rows written, and customers left alone with why."""

    action: str  # reminder, disconnect_notice, disconnect_request
    done: int
    skipped: dict[str, int]  # reason -> customers: already_sent, protected, no_meter, pending
