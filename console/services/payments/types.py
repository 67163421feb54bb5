"""What the payment services hand to the payment dialog, the receipt and the cash-up: frozen values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from console.changes import Changes


@dataclass(frozen=True)
class DueBill:
    """One open bill as the payment dialog lists it."""

    bill_id: int
    bill_no: str
    period: str
    due_date: dt.date
    days_overdue: int
    principal: Decimal  # unpaid principal
    late_fee: Decimal  # posted-but-unpaid plus accrued to today

    @property
    def total(self) -> Decimal:
        return self.principal + self.late_fee


@dataclass(frozen=True)
class PrepaidTerms:
    """What the policy says about a prepaid (智能费控) account's balance at the counter."""

    alert_balance: Decimal  # under it: balance alert and the meter's pre-trip alarm
    disconnect_balance: Decimal  # under it: disconnect notice, then the cut
    alarm: bool  # the policy sends the meter's pre-trip alarm with the alert
    suggested: Decimal  # what the counter proposes: what is owed plus the policy's top-up


@dataclass(frozen=True)
class AmountDue:
    """What a customer owes today; `total` pre-fills the payment dialog."""

    customer_id: int
    customer_no: str
    customer_name: str
    category: str
    status: str  # "closed" accounts cannot pay
    balance: Decimal  # ledger sum: negative is owed
    bills: tuple[DueBill, ...]
    principal: Decimal
    late_fees: Decimal
    total: Decimal  # clears the account today: -balance + late fees not yet posted, >= 0
    owed: Decimal = Decimal("0.00")  # like total, but negative for credit on the account
    prepaid: PrepaidTerms | None = None  # None: postpaid

    def balance_after(self, amount: Decimal) -> Decimal:
        """The account's balance once `amount` is paid today."""
        return amount - self.owed


@dataclass(frozen=True)
class SettledBill:
    """What one payment did to one bill."""

    bill_id: int
    bill_no: str
    period: str
    principal: Decimal
    late_fee: Decimal
    settled: bool  # nothing left on the bill


@dataclass(frozen=True)
class PostedPayment:
    """A recorded payment. `replayed` is True when the idempotency key had been posted before
    and this is the original payment, returned without writing anything."""

    payment_id: int
    receipt_no: str
    customer_id: int
    customer_no: str
    customer_name: str
    amount: Decimal
    method: str
    tendered: Decimal | None  # cash only
    change: Decimal | None  # cash only: tendered - amount
    received_at: dt.datetime  # UTC
    operator_id: int | None
    operator_name: str
    workstation: str
    bills: tuple[SettledBill, ...]
    balance_after: Decimal  # ledger balance right after this payment
    status: str  # posted / reversed
    replayed: bool = False

    @property
    def changes(self) -> Changes:
        # Bills settle and a reconnect may be queued in the same transaction. A replay
        # wrote nothing now, but this desk had not seen the first answer either.
        return Changes.of([self.customer_id], payments=True, bills=True, commands=True)


@dataclass(frozen=True)
class ReversedPayment:
    payment_id: int
    receipt_no: str
    amount: Decimal
    reversed_at: dt.datetime
    reason: str
    balance_after: Decimal

    @property
    def changes(self) -> Changes:
        return Changes(payments=True, bills=True)


@dataclass(frozen=True)
class ReceiptLine:
    period: str
    bill_no: str
    principal: Decimal
    late_fee: Decimal


@dataclass(frozen=True)
class ReceiptData:
    """Everything a receipt shows; `reports.receipt.render_receipt` turns it into a PDF."""

    company: str
    unit_name: str
    unit_phone: str
    receipt_no: str
    customer_no: str
    customer_name: str
    phone: str  # masked
    address: str
    amount: Decimal
    method: str  # PaymentMethod value; the report labels it
    tendered: Decimal | None
    change: Decimal | None
    lines: tuple[ReceiptLine, ...]
    balance_after: Decimal
    operator: str
    workstation: str
    received_at: dt.datetime  # aware; the report shows Asia/Shanghai
    reversed: bool = False


@dataclass(frozen=True)
class CashUpLine:
    method: str
    expected: Decimal
    counted: Decimal
    difference: Decimal  # counted - expected: positive over, negative short


@dataclass(frozen=True)
class DayCloseResult:
    """A closed day: expected against counted per method."""

    day_close_id: int
    operator_id: int
    operator_name: str
    day: dt.date
    closed_by: str
    closed_at: dt.datetime
    payments: int  # posted (not reversed) payments of the day
    lines: tuple[CashUpLine, ...]

    @property
    def expected(self) -> Decimal:
        return sum((line.expected for line in self.lines), Decimal("0.00"))

    @property
    def counted(self) -> Decimal:
        return sum((line.counted for line in self.lines), Decimal("0.00"))

    @property
    def difference(self) -> Decimal:
        return self.counted - self.expected
