"""What the customer view (客户统一视图) shows: plain frozen values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Identity:
    id: int
    customer_no: str
    name: str
    category: str
    phone: str  # always masked here: whole numbers only through reveal_contact
    id_number: str
    address: str
    unit_name: str
    protected: bool
    protected_reason: str
    status: str
    opened_on: dt.date | None
    tariff_name: str
    can_reveal: bool  # the role may ask for the whole numbers (audited)


@dataclass(frozen=True)
class AccountState:
    balance: Decimal  # ledger sum: negative is owed
    arrears: Decimal  # unpaid principal of overdue bills (console.billing.owing.arrears)
    late_fees: Decimal  # accrued to today on overdue bills, not yet posted
    oldest_due: dt.date | None
    days_overdue: int
    cost_control_mode: str
    control_state: str
    owed: Decimal = Decimal("0.00")  # unpaid principal of every open bill (owing.owed)

    @property
    def not_yet_due(self) -> Decimal:
        return self.owed - self.arrears

    @property
    def amount_due(self) -> Decimal:
        """What clears the account today: everything owed and the late fees."""
        return self.owed + self.late_fees


@dataclass(frozen=True)
class MeterRow:
    id: int
    asset_no: str
    address: str
    model: str
    phases: int
    multiplier: int
    relay_state: str
    relay_changed_at: dt.datetime | None
    guarantee: bool
    last_reading_at: dt.datetime | None
    last_energy: Decimal | None


@dataclass(frozen=True)
class BillRow:
    id: int
    bill_no: str
    period: str
    kwh: Decimal
    amount: Decimal
    paid_amount: Decimal
    due_date: dt.date
    status: str
    estimated: bool


@dataclass(frozen=True)
class PaymentRow:
    id: int
    receipt_no: str
    received_at: dt.datetime
    amount: Decimal
    method: str
    operator: str
    status: str
    # Why the viewer may not reverse it ("" when they may): "own_payment", "other_unit",
    # "reversed", "refund_window", "no_right" (console.services.payments.reversals.refusal).
    refusal: str = ""


@dataclass(frozen=True)
class NoticeRow:
    id: int
    doc_no: str
    kind: str
    channel: str
    status: str
    created_at: dt.datetime
    served_at: dt.datetime | None
    amount: Decimal | None


@dataclass(frozen=True)
class CommandRow:
    id: int
    action: str
    reason: str
    state: str
    requested_at: dt.datetime
    finished_at: dt.datetime | None
    refused_rule: str
    error: str


@dataclass(frozen=True)
class SealRow:
    seal_no: str
    meter_asset_no: str
    position: str
    state: str
    installed_at: dt.datetime | None


@dataclass(frozen=True)
class WorkOrderRow:
    id: int
    order_no: str
    kind: str
    state: str
    created_at: dt.datetime
    due_at: dt.datetime
    finished_at: dt.datetime | None
    satisfaction: int | None


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: dt.datetime
    actor_name: str
    workstation: str
    action: str


@dataclass(frozen=True)
class CustomerDetail:
    """Everything the counter needs about one customer, read in one transaction."""

    identity: Identity
    account: AccountState
    meters: tuple[MeterRow, ...]
    bills: tuple[BillRow, ...]  # last 13 months, newest first
    payments: tuple[PaymentRow, ...]
    notices: tuple[NoticeRow, ...]
    commands: tuple[CommandRow, ...]
    seals: tuple[SealRow, ...]
    work_orders: tuple[WorkOrderRow, ...]
    audit: tuple[AuditRow, ...]


@dataclass(frozen=True)
class Contact:
    """Whole phone and ID numbers, after an audited reveal."""

    phone: str
    id_number: str
