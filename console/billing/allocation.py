"""What each open bill owes today, and how a payment settles them (pure).

Order: oldest bill first (due date, then bill id); within a bill its late fee
before its principal, so a bill is never left with a fee and no principal. The
late fee accrued to the payment day is posted as it is settled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from console.billing.late_fees import LateFeeRule, late_fee
from console.billing.money import ZERO
from console.models.enums import BillStatus

# The bill states that still owe something (what payments allocate to, oldest due first).
OPEN_STATES = (BillStatus.OPEN.value, BillStatus.PARTIAL.value)


@dataclass(frozen=True)
class OpenBill:
    """An open or partly paid bill and its late-fee state."""

    bill_id: int
    due_date: dt.date
    amount: Decimal
    paid_amount: Decimal
    late_fee_charged: Decimal
    late_fee_paid: Decimal
    fee_through: dt.date | None

    @property
    def principal_due(self) -> Decimal:
        return self.amount - self.paid_amount

    def accruing_fee(self, rule: LateFeeRule, today: dt.date) -> Decimal:
        """Late fee not yet posted: from `fee_through` (else the due date) to `today`."""
        return late_fee(self.principal_due, rule, self.due_date, today,
                        charged_through=self.fee_through, already_charged=self.late_fee_charged)

    def fee_due(self, rule: LateFeeRule, today: dt.date) -> Decimal:
        """Posted but unpaid late fee plus what accrues to `today`."""
        return self.late_fee_charged - self.late_fee_paid + self.accruing_fee(rule, today)


@dataclass(frozen=True)
class Allocation:
    """What a payment does to one bill."""

    bill_id: int
    fee_charged: Decimal  # late fee posted now (a LATE_FEE ledger entry)
    late_fee: Decimal  # late fee paid
    principal: Decimal  # principal paid
    settled: bool  # nothing left on the bill


def allocate(bills: list[OpenBill], funds: Decimal, rule: LateFeeRule,
             today: dt.date) -> list[Allocation]:
    """Spread `funds` over `bills`, oldest first, each bill's fee with its principal.

    A bill the funds do not reach is left alone (no fee is posted for it).
    """
    result = []
    for bill in sorted(bills, key=lambda b: (b.due_date, b.bill_id)):
        if funds <= 0:
            break
        charged = bill.accruing_fee(rule, today)
        fee_open = bill.late_fee_charged - bill.late_fee_paid + charged
        fee = min(funds, fee_open)
        principal = min(funds - fee, bill.principal_due)
        funds -= fee + principal
        settled = fee == fee_open and principal == bill.principal_due
        result.append(Allocation(bill.bill_id, charged, fee, principal, settled))
    return result


def total_due(bills: list[OpenBill], rule: LateFeeRule, today: dt.date) -> tuple[Decimal, Decimal]:
    """Unpaid principal and late fees (posted unpaid + accruing) of the bills."""
    principal = sum((b.principal_due for b in bills), ZERO)
    fees = sum((b.fee_due(rule, today) for b in bills), ZERO)
    return principal, fees


class BillAmounts(Protocol):
    """What bill_status reads of a bill (the Bill row, or anything shaped like it)."""

    @property
    def amount(self) -> Decimal: ...
    @property
    def paid_amount(self) -> Decimal: ...
    @property
    def late_fee_charged(self) -> Decimal: ...
    @property
    def late_fee_paid(self) -> Decimal: ...


def bill_status(bill: BillAmounts) -> str:
    """paid when principal and posted late fee are settled; partial when something is; else open."""
    if bill.paid_amount >= bill.amount and bill.late_fee_paid >= bill.late_fee_charged:
        return "paid"
    return "partial" if bill.paid_amount > 0 or bill.late_fee_paid > 0 else "open"
