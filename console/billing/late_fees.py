"""Late fees (电费违约金): a daily rate on the unpaid principal of an overdue bill."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def days_overdue(due_date: dt.date, today: dt.date) -> int:
    """Whole days past the due date; the due date itself is still on time."""
    return max(0, (today - due_date).days)


def late_fee(outstanding: Decimal, rate_per_day: Decimal, due_date: dt.date, today: dt.date) -> Decimal:
    """Fee to `today`, rounded half up to the fen: 96.40 x 0.001 x 23 days = 2.22."""
    if outstanding <= 0:
        return Decimal("0.00")
    fee = outstanding * rate_per_day * days_overdue(due_date, today)
    return fee.quantize(CENT, rounding=ROUND_HALF_UP)
