"""The data of the printed reports: scope, date ranges, document numbers, the customer statement.

Each `*_data` function checks the caller's permission, reads in one read-only
unit of work and returns a frozen value (console.services.report_data.types)
that `reports/` draws. Sums are the database's own (SUM … GROUP BY), so a
report agrees with the tables to the fen. The cash reports (daily collection,
aging) are in report_data_cash, the supervisors' logs in report_data_ops.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from console.billing.allocation import total_due
from console.db import Database
from console.errors import NotFound, OutOfScope, PermissionDenied, ValidationError
from console.models import Bill, Customer, LedgerEntry, Payment, Tariff, Unit, User, utcnow
from console.models.enums import CommandAction, CommandState, LedgerKind, Role
from console.privacy import mask_phone
from console.services.acting import covers, use_case
from console.services.actor import SYSTEM_ROLE, Actor
from console.services.billing.reads import load_rules, open_bills
from console.services.payments.cashup import day_bounds
from console.services.payments.receipts import company_name
from console.services.permissions import Permission, require
from console.services.report_data.types import (
    DocumentHeader,
    ReportChoices,
    StatementBill,
    StatementData,
    StatementPayment,
)
from console.services.rows import existing
from console.services.unit_scope import units_in_scope
from console.timeutil import LOCAL, local_today

CENT = Decimal("0.01")
LONGEST_RANGE_DAYS = 366
STATEMENT_MONTHS = 13
SWITCHES = (CommandAction.DISCONNECT, CommandAction.RECONNECT)
"""The relay commands the reports count (alarms and power guarantee are not switching)."""
OUTCOMES = (CommandState.CONFIRMED, CommandState.FAILED)
"""The ends of a command that count towards the success rate."""


# -- shared by every report -------------------------------------------------------------------

def require_report(actor: Actor, permission: Permission) -> None:
    """The role's permission; the CLI's scheduled runs act on their own authority.

    That is why the reports' rules (@use_case) name no permission and the body asks here;
    the rules still name the unit, customer or notice a report is about, so a report of
    another unit is refused before anything is read (console.services.acting)."""
    if actor.role != SYSTEM_ROLE:
        require(actor, permission)


def check_range(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    """A range of local days, both ends included: present, ordered, at most a year."""
    if start is None or end is None:
        raise ValidationError("a date range is required", field="range", reason="empty")
    if start > end:
        raise ValidationError("the range ends before it starts", field="range", reason="reversed",
                              start=start.isoformat(), end=end.isoformat())
    if (end - start).days >= LONGEST_RANGE_DAYS:
        raise ValidationError("the range is longer than a year", field="range", reason="too_long")
    return start, end


def range_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The local days start..end (inclusive) as a half-open UTC interval."""
    return day_bounds(start)[0], day_bounds(end)[1]


def scope(session: Session, actor: Actor, unit_id: int | None) -> tuple[Unit, dict[int, str]]:
    """The unit a report is about (default: the actor's, or the company for the CLI) and
    the units under it. A unit outside the actor's is refused (OutOfScope): the use case's
    rule refused a named one already, this is the same line for the default."""
    if unit_id is not None:
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise NotFound(f"no such unit: {unit_id}", entity="unit", id=unit_id)
    elif actor.unit_id is not None:
        unit = existing(session, Unit, actor.unit_id, "unit")
    else:
        unit = session.scalar(select(Unit).where(Unit.parent_id.is_(None)).order_by(Unit.id))
        if unit is None:
            raise NotFound("the database has no units", entity="unit", id=None)
    if not covers(unit.id):
        raise OutOfScope(f"{actor.username} may not see unit {unit.id}", entity="unit",
                         id=unit.id, unit_id=unit.id)
    return unit, units_in_scope(session, unit.id)


def header(session: Session, actor: Actor, unit: Unit, prefix: str, *,
           period: tuple[dt.date, dt.date] | None = None,
           now: dt.datetime | None = None) -> DocumentHeader:
    """Company, unit, and a draft document number: prefix, unit code, year and sequence 0.
    The real number is taken when the document is drawn (console.services.report_data.documents, through
    reports.registry); 0 is never handed out, so a draft is never mistaken for a document."""
    now = now or utcnow()
    return DocumentHeader(company_name(session, unit.id) or unit.name, unit.name, unit.phone,
                          document_no(prefix, unit.code, now), actor.full_name, now, period,
                          prefix=prefix, unit_id=unit.id, unit_code=unit.code)


def document_no(prefix: str, unit_code: str, at: dt.datetime, seq: int = 0) -> str:
    """`{prefix}{unit code}{local year}{seq:06d}`, e.g. SF370102026000042."""
    return f"{prefix}{unit_code}{at.astimezone(LOCAL):%Y}{seq:06d}"


def find_customer(session: Session, *, customer_id: int | None = None,
                  customer_no: str | None = None) -> Customer:
    if customer_id is not None:
        customer = session.get(Customer, customer_id)
    else:
        customer = session.scalar(select(Customer).where(Customer.customer_no == customer_no))
    if customer is None:
        wanted = customer_no if customer_id is None else customer_id
        raise NotFound(f"no such customer: {wanted}", entity="customer", id=wanted)
    return customer


def money(value: Decimal | int | str | None) -> Decimal:
    return Decimal(value or 0).quantize(CENT)


def unit_in_scope(session: Session, actor: Actor, unit_id: int) -> None:
    """Refuse a customer of a unit outside the actor's branch.

    The reports no longer use it (their rules name what they are about); kept for callers
    that are not use cases of console.services.acting yet."""
    if actor.unit_id is not None and unit_id not in units_in_scope(session, actor.unit_id):
        raise PermissionDenied(f"{actor.username} may not see unit {unit_id}",
                               permission=Permission.LOOKUP.value, role=actor.role)


@use_case(None, filters=True)  # right: require_report
def report_choices(db: Database, actor: Actor) -> ReportChoices:
    """Units and operators the reports panel lets the actor pick."""
    require_report(actor, Permission.VIEW_REPORTS)
    with db.read() as session:
        top, units = scope(session, actor, None)
        ordered = [(top.id, top.name)] + sorted(
            ((uid, name) for uid, name in units.items() if uid != top.id), key=lambda u: u[1])
        operators = session.execute(
            select(User.id, User.full_name).where(User.unit_id.in_(list(units)),
                                                  User.role.in_((Role.COUNTER, Role.SUPERVISOR)))
            .order_by(User.full_name)).all()
        return ReportChoices(tuple(ordered), tuple((uid, name) for uid, name in operators))


# -- customer statement (对账单) -----------------------------------------------------------------

def statement_periods(today: dt.date, months: int = STATEMENT_MONTHS) -> tuple[str, ...]:
    """The `months` billing months ending with today's, oldest first."""
    index = today.year * 12 + today.month - 1
    return tuple(f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - months + 1, index + 1))


@use_case(None, customer="customer_id", customer_no="customer_no")  # right: require_report
def statement_data(db: Database, actor: Actor, *, customer_id: int | None = None,
                   customer_no: str | None = None, today: dt.date | None = None,
                   now: dt.datetime | None = None) -> StatementData:
    """A customer's statement: 13 months of bills and payments, and the ledger over them."""
    require_report(actor, Permission.LOOKUP)
    today = today or local_today(now)
    periods = statement_periods(today)
    start = dt.date.fromisoformat(periods[0] + "-01")
    with db.read() as session:
        c = find_customer(session, customer_id=customer_id, customer_no=customer_no)
        unit = existing(session, Unit, c.unit_id, "unit")
        first, last = range_bounds(start, today)
        ledger = _ledger(session, c.id, first, last)
        rule = load_rules(session, today).for_category(c.category)
        arrears, fees = total_due(open_bills(session, c.id), rule, today)
        return StatementData(
            header=header(session, actor, unit, "DZ", period=(start, today), now=now),
            customer_no=c.customer_no, name=c.name, address=c.address,
            phone=mask_phone(c.phone), category=c.category,
            tariff=session.scalar(select(Tariff.name).where(Tariff.id == c.tariff_id)) or "",
            periods=periods, bills=_statement_bills(session, c.id, periods, first, last),
            payments=_statement_payments(session, c.id, first, last),
            arrears=money(arrears), accrued_fees=money(fees), **ledger)


def _ledger(session: Session, customer_id: int, first: dt.datetime,
            last: dt.datetime) -> dict[str, Decimal]:
    """Opening balance, movements by kind inside [first, last), closing balance."""
    entry = LedgerEntry
    opening = session.scalar(select(func.sum(entry.amount)).where(
        entry.customer_id == customer_id, entry.posted_at < first))
    kinds = dict(session.execute(
        select(entry.kind, func.sum(entry.amount))
        .where(entry.customer_id == customer_id, entry.posted_at >= first, entry.posted_at < last)
        .group_by(entry.kind)).all())
    kinds = {kind: money(value) for kind, value in kinds.items()}
    moved = sum(kinds.values(), Decimal("0.00"))
    return {
        "opening_balance": money(opening), "closing_balance": money(opening) + moved,
        "charged": -kinds.get(LedgerKind.CHARGE, Decimal("0.00")),
        "late_fees": -kinds.get(LedgerKind.LATE_FEE, Decimal("0.00")),
        "paid": kinds.get(LedgerKind.PAYMENT, Decimal("0.00"))
        + kinds.get(LedgerKind.REVERSAL, Decimal("0.00")),
        "adjusted": kinds.get(LedgerKind.ADJUSTMENT, Decimal("0.00"))
        + kinds.get(LedgerKind.REFUND, Decimal("0.00")),
    }


def _statement_bills(session: Session, customer_id: int, periods: tuple[str, ...],
                     first: dt.datetime, last: dt.datetime) -> tuple[StatementBill, ...]:
    # Also the bills issued inside the window for a month before it (a month is billed
    # early the next): the ledger's "charged" counts them, so the table must list them.
    in_window = or_(and_(Bill.period >= periods[0], Bill.period <= periods[-1]),
                    and_(Bill.issued_at >= first, Bill.issued_at < last))
    rows = session.execute(
        select(Bill.period, Bill.bill_no, Bill.kwh, Bill.amount, Bill.paid_amount, Bill.due_date,
               Bill.status)
        .where(Bill.customer_id == customer_id, in_window)
        .order_by(Bill.period, Bill.id))
    return tuple(StatementBill(*row) for row in rows)


def _statement_payments(session: Session, customer_id: int, first: dt.datetime,
                        last: dt.datetime) -> tuple[StatementPayment, ...]:
    rows = session.execute(
        select(Payment.received_at, Payment.receipt_no, Payment.method, Payment.amount,
               User.full_name, Payment.status)
        .outerjoin(User, User.id == Payment.operator_id)
        .where(Payment.customer_id == customer_id, Payment.received_at >= first,
               Payment.received_at < last)
        .order_by(Payment.received_at, Payment.id))
    return tuple(StatementPayment(at, no, method, amount, who or "", status)
                 for at, no, method, amount, who, status in rows)
