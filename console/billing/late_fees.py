"""Late fees (电费违约金), 《供电营业规则》 Art. 98, as a pure calculation.

- Days run from the first day after the due date to the day of payment, both
  counted: due 11-04, paid 11-27 -> 23 days. Paying on the due date costs nothing.
- Residential customers: 1‰ of the arrears a day. Others: 2‰ a day on
  current-year arrears and 3‰ on arrears carried over from earlier years.
  "Current year" is the year the arrears arose, i.e. the due date's year: the
  days of a bill's arrears inside that year cost 2‰, every day in a later year
  3‰ (a bill due 2025-12-18 and paid 2026-01-10 pays 13 days at 2‰ and 10 at 3‰).
- Precision: the daily amounts are summed exactly (Decimal) and the total is
  rounded half up to the fen once, at the end.
- "总额不足1元者按1元收取": the total of one bill's late fee (its arrears is
  one debt) under 1 yuan is charged as 1 yuan. A bill's fee can be posted in
  several settlements (partial payments); `already_charged` carries what was
  posted before, so the minimum applies to the bill's total, not per payment.

Rates and the minimum are data (the `late_fee_rule` table): see `LateFeeRule`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from console.billing.money import ZERO, to_fen


@dataclass(frozen=True)
class LateFeeRule:
    """Daily rates and the minimum total of one customer category."""

    current_year_rate: Decimal
    carried_over_rate: Decimal
    minimum_fee: Decimal = Decimal("1.00")


RESIDENTIAL = LateFeeRule(Decimal("0.001"), Decimal("0.001"))
OTHER = LateFeeRule(Decimal("0.002"), Decimal("0.003"))


def days_overdue(due_date: dt.date, today: dt.date) -> int:
    """Whole days past the due date; the due date itself is still on time."""
    return max(0, (today - due_date).days)


def late_fee(outstanding: Decimal, rule: LateFeeRule, due_date: dt.date, today: dt.date, *,
             charged_through: dt.date | None = None, already_charged: Decimal = ZERO) -> Decimal:
    """Late fee on `outstanding` for the days after `charged_through` (else the due date) to `today`.

    96.40 yuan, residential, due 2026-11-04, paid 2026-11-27: 96.40 x 1‰ x 23 = 2.2172 -> 2.22.
    """
    start = max(due_date, charged_through or due_date)
    if outstanding <= 0 or today <= start:
        return ZERO
    current, carried = _days_by_year(due_date.year, start, today)
    fee = to_fen(outstanding * (rule.current_year_rate * current + rule.carried_over_rate * carried))
    if ZERO < already_charged + fee < rule.minimum_fee:
        fee = rule.minimum_fee - already_charged
    return fee


def _days_by_year(arrears_year: int, start: dt.date, today: dt.date) -> tuple[int, int]:
    """Days in (start, today]: in the arrears' own year, and in later years."""
    year_end = dt.date(arrears_year, 12, 31)
    current = max(0, (min(today, year_end) - start).days)
    return current, (today - start).days - current
