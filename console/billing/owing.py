"""What a customer owes, defined once: arrears (欠费) and owed (未缴合计).

- **arrears** — principal of the bills past their due date and still unpaid
  (due date before today; on the due date itself a bill is still on time).
  The arrears panel, the aging report, late fees and cost control act on it.
- **owed** — principal of every unpaid bill, the ones not yet due included:
  what clears the account today together with the late fees on the arrears.

Every screen that shows either labels it by this name ("arrears" / 欠费,
"owed in total" / 未缴合计), so one customer never shows two different
"arrears" (issue 13 item 13: 169.97 in the arrears panel, 233.16 beside it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from console.billing.allocation import OpenBill
from console.billing.money import ZERO


def is_overdue(due_date: dt.date, today: dt.date) -> bool:
    """Past its due date: the due date itself is still on time."""
    return due_date < today


def arrears(bills: Iterable[OpenBill], today: dt.date) -> Decimal:
    """Unpaid principal of the bills past their due date."""
    return sum((b.principal_due for b in bills if is_overdue(b.due_date, today)), ZERO)


def owed(bills: Iterable[OpenBill]) -> Decimal:
    """Unpaid principal of every open bill, due or not."""
    return sum((b.principal_due for b in bills), ZERO)
