"""What the printed reports show: plain frozen values, read by console.services.report_data.common*.

`reports/` draws these and never touches the database; every figure here is
the database's own (sums taken by the database, money as Decimal yuan).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class DocumentHeader:
    """The head of every page: who issues the document, its number, who made it and when."""

    company: str
    unit_name: str
    unit_phone: str
    doc_no: str
    generated_by: str
    generated_at: dt.datetime  # aware UTC
    period: tuple[dt.date, dt.date] | None = None  # the days it covers, when it covers days
    # What console.services.report_data.documents numbers it by: the number's prefix, and the unit
    # whose count it takes. `own_number`: doc_no is the document's own (a notice's), kept.
    prefix: str = ""
    unit_id: int | None = None
    unit_code: str = ""
    own_number: bool = False


# -- customer statement (对账单) ----------------------------------------------------------------

@dataclass(frozen=True)
class StatementBill:
    period: str
    bill_no: str
    kwh: Decimal
    amount: Decimal
    paid: Decimal
    due_date: dt.date
    status: str


@dataclass(frozen=True)
class StatementPayment:
    received_at: dt.datetime
    receipt_no: str
    method: str
    amount: Decimal
    operator: str
    status: str


@dataclass(frozen=True)
class StatementData:
    header: DocumentHeader
    customer_no: str
    name: str
    address: str
    phone: str  # masked
    category: str
    tariff: str
    periods: tuple[str, ...]  # the 13 months covered, oldest first
    bills: tuple[StatementBill, ...]  # oldest first
    payments: tuple[StatementPayment, ...]  # oldest first
    opening_balance: Decimal  # ledger sum before the first day (negative: owed)
    charged: Decimal  # bills charged in the window (positive)
    late_fees: Decimal  # late fees posted in the window (positive)
    paid: Decimal  # payments less reversals in the window
    adjusted: Decimal  # adjustments and refunds (signed, as on the ledger)
    closing_balance: Decimal
    arrears: Decimal  # unpaid principal today
    accrued_fees: Decimal  # late fees owed today (posted unpaid + accruing)


# -- daily collection (日收费报表) ----------------------------------------------------------------

@dataclass(frozen=True)
class CollectionLine:
    """One operator's takings by one method."""

    operator: str
    method: str
    count: int
    amount: Decimal
    reversed_count: int
    reversed_amount: Decimal


@dataclass(frozen=True)
class CollectionPayment:
    received_at: dt.datetime
    receipt_no: str
    customer_no: str
    customer_name: str
    method: str
    amount: Decimal
    operator: str  # the clerk, or the channel (微信支付) for a payment no person took
    status: str
    in_person: bool = True  # taken by a clerk (a till to count), not by a channel's gateway


@dataclass(frozen=True)
class CashUpRow:
    day: dt.date
    operator: str
    method: str
    expected: Decimal
    counted: Decimal
    difference: Decimal
    closed_by: str


@dataclass(frozen=True)
class DailyCollectionData:
    header: DocumentHeader
    lines: tuple[CollectionLine, ...]  # by operator, then method
    by_method: tuple[tuple[str, int, Decimal], ...]  # method, count, amount (posted)
    payments: tuple[CollectionPayment, ...]  # every payment, in time order
    cash_up: tuple[CashUpRow, ...]
    open_operators: tuple[tuple[dt.date, str], ...]  # days with takings not cashed up yet
    count: int  # posted payments
    total: Decimal  # posted amount
    reversed_count: int
    reversed_total: Decimal


# -- arrears aging (欠费账龄) -----------------------------------------------------------------------

@dataclass(frozen=True)
class AgingRow:
    """One unit's overdue unpaid principal by age bucket (by each bill's days overdue)."""

    unit_name: str
    customers: int  # with any overdue bill
    amounts: tuple[Decimal, ...]  # one per bucket
    bills: tuple[int, ...]

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, Decimal("0.00"))


@dataclass(frozen=True)
class Debtor:
    customer_no: str
    name: str
    unit_name: str
    bills: int
    amount: Decimal
    oldest_due: dt.date
    days: int


@dataclass(frozen=True)
class AgingData:
    header: DocumentHeader
    as_of: dt.date
    bucket_limits: tuple[int, ...]  # 30, 60, 90: buckets 1–30, 31–60, 61–90, > 90 days
    rows: tuple[AgingRow, ...]
    totals: AgingRow
    top_debtors: tuple[Debtor, ...]


# -- notices (催费通知单, 停电通知书, 复电通知书) ---------------------------------------------------------

@dataclass(frozen=True)
class NoticeBill:
    period: str
    due_date: dt.date
    unpaid: Decimal


@dataclass(frozen=True)
class NoticeData:
    """One notice as printed; `qr_text` carries its number and the site's signature."""

    header: DocumentHeader
    kind: str  # reminder, alert, disconnect, disconnect_reminder, reconnect
    doc_no: str
    customer_no: str
    name: str
    address: str
    meter_no: str
    amount: Decimal | None  # owed when the notice was written
    owed_today: Decimal  # unpaid principal and late fees today
    bills: tuple[NoticeBill, ...]  # unpaid bills today, oldest first
    created_at: dt.datetime
    deadline: dt.datetime | None
    rule: str  # what produced it: a cost-control rule, or "manual"
    notice_days: int  # the policy's notice period (停电通知 3–7 days)
    last_payment: tuple[dt.datetime, str, Decimal] | None  # reconnect: what cleared the arrears
    qr_text: str
    key_id: str


@dataclass(frozen=True)
class ReportChoices:
    """What the reports panel offers: the units in the actor's branch and their operators."""

    units: tuple[tuple[int, str], ...]  # (id, name), the actor's own unit first
    operators: tuple[tuple[int, str], ...]  # (user id, full name) of counter staff


# -- supervisors' logs --------------------------------------------------------------------------

@dataclass(frozen=True)
class CommandLogRow:
    requested_at: dt.datetime
    action: str
    reason: str
    customer_no: str
    customer_name: str
    meter_no: str
    state: str
    requested_by: str
    approved_by: str
    finished_at: dt.datetime | None
    refused: str  # refused_rule or error, "" when none


@dataclass(frozen=True)
class ControlLogData:
    header: DocumentHeader
    rows: tuple[CommandLogRow, ...]
    by_state: tuple[tuple[str, str, int], ...]  # action, state, count
    success_rate: Decimal | None  # confirmed / (confirmed + failed), percent
    mean_minutes: Decimal | None  # request to confirmation, confirmed commands
    outages: int  # confirmed disconnects followed by a confirmed reconnect in the range
    mean_outage_hours: Decimal | None


@dataclass(frozen=True)
class SealMoveRow:
    at: dt.datetime
    seal_no: str
    from_state: str
    to_state: str
    unit_name: str
    actor: str
    meter_no: str
    position: str


@dataclass(frozen=True)
class SealInventoryData:
    header: DocumentHeader
    states: tuple[str, ...]  # the columns of `stock`
    stock: tuple[tuple[str, tuple[int, ...]], ...]  # unit name, count per state
    moves_by_unit: tuple[tuple[str, str, int], ...]  # unit, to_state, count
    installers: tuple[tuple[str, int, int], ...]  # person, installed, removed
    moves: tuple[SealMoveRow, ...]


@dataclass(frozen=True)
class WorkOrderRow:
    order_no: str
    kind: str
    state: str
    unit_name: str
    assignee: str
    created_at: dt.datetime
    due_at: dt.datetime
    finished_at: dt.datetime | None
    hours: Decimal | None  # created to finished
    overdue: bool
    satisfaction: int | None


@dataclass(frozen=True)
class WorkOrderGroup:
    """Orders of one kind, or of one assignee."""

    name: str
    count: int
    done: int
    overdue: int
    mean_hours: Decimal | None
    satisfaction: Decimal | None


@dataclass(frozen=True)
class WorkOrdersData:
    header: DocumentHeader
    by_kind: tuple[WorkOrderGroup, ...]
    by_assignee: tuple[WorkOrderGroup, ...]
    totals: WorkOrderGroup
    rows: tuple[WorkOrderRow, ...]


@dataclass(frozen=True)
class PeriodFigures:
    period: str
    billed: Decimal
    collected: Decimal  # paid of that month's bills so far
    outstanding: Decimal  # still unpaid of that month's bills

    @property
    def rate(self) -> Decimal | None:
        return (self.collected / self.billed * 100).quantize(Decimal("0.1")) if self.billed else None


@dataclass(frozen=True)
class MonthlySummaryData:
    header: DocumentHeader
    month: str
    periods: tuple[PeriodFigures, ...]  # the 12 bill months ending with `month`
    payments: int  # posted in the month
    received: Decimal
    by_method: tuple[tuple[str, int, Decimal], ...]
    overdue_total: Decimal  # overdue unpaid principal at the month's end
    debtors: tuple[Debtor, ...]
    commands: tuple[tuple[str, int, int], ...]  # action, confirmed, failed
    notices: tuple[tuple[str, int], ...]  # kind, count written in the month
    # A past month: every figure as at the end of this day (later payments and reversals
    # not counted). None: the month is not over, the figures are as at the printing.
    as_at: dt.date | None = None
