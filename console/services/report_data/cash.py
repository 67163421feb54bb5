"""Data of the cash reports: daily collection (日收费报表) and arrears aging (欠费账龄)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import (
    ColumnElement,
    Join,
    Subquery,
    and_,
    case,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from console.billing.allocation import OPEN_STATES
from console.db import Database
from console.models import (
    Bill,
    Customer,
    DayClose,
    DayCloseLine,
    Payment,
    PaymentAllocation,
    User,
)
from console.models.enums import PaymentStatus
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.arrears.types import BUCKET_LIMITS
from console.services.payments.operators import operator_label
from console.services.permissions import Permission
from console.services.report_data.common import (
    check_range,
    header,
    range_bounds,
    require_report,
    scope,
)
from console.services.report_data.types import (
    AgingData,
    AgingRow,
    CashUpRow,
    CollectionLine,
    CollectionPayment,
    DailyCollectionData,
    Debtor,
)
from console.timeutil import LOCAL, local_today

ZERO = Decimal("0.00")
POSTED, REVERSED = PaymentStatus.POSTED.value, PaymentStatus.REVERSED.value


def yuan(value: Decimal | int | None) -> Decimal:
    """A Money sum read raw: integer fen on SQLite (models.base.FixedPoint), NUMERIC on
    PostgreSQL."""
    if value is None:
        return ZERO
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.01"))
    return Decimal(int(value)).scaleb(-2)


def raw(column):
    """The column without its type's result processing (see `yuan`)."""
    return type_coerce(column, NullType())


# -- daily collection -------------------------------------------------------------------------

@use_case(None, filters=True, unit="unit_id")  # right: require_report
def daily_collection_data(db: Database, actor: Actor, *, start: dt.date | None,
                          end: dt.date | None, unit_id: int | None = None,
                          operator_id: int | None = None,
                          now: dt.datetime | None = None) -> DailyCollectionData:
    """Payments taken in the unit (and those below it) from `start` to `end` (local days):
    by operator and method, every payment, and the cash-up of each operator's day."""
    require_report(actor, Permission.VIEW_REPORTS)
    start, end = check_range(start, end)
    with db.read() as session:
        unit, units = scope(session, actor, unit_id)
        first, last = range_bounds(start, end)
        where = [Payment.unit_id.in_(list(units)), Payment.received_at >= first,
                 Payment.received_at < last]
        if operator_id is not None:
            where.append(Payment.operator_id == operator_id)
        lines = _collection_lines(session, where)
        payments = _collection_payments(session, where)
        cash_up = _cash_up(session, units, start, end, operator_id)
        by_method: dict[str, list] = {}
        for line in lines:
            acc = by_method.setdefault(line.method, [0, ZERO])
            acc[0] += line.count
            acc[1] += line.amount
        return DailyCollectionData(
            header=header(session, actor, unit, "SF", period=(start, end), now=now),
            lines=tuple(lines),
            by_method=tuple((m, n, a) for m, (n, a) in sorted(by_method.items())),
            payments=payments, cash_up=cash_up,
            open_operators=_not_cashed_up(payments, cash_up),
            count=sum(x.count for x in lines), total=sum((x.amount for x in lines), ZERO),
            reversed_count=sum(x.reversed_count for x in lines),
            reversed_total=sum((x.reversed_amount for x in lines), ZERO))


def _collection_lines(session: Session, where: list) -> list[CollectionLine]:
    posted = Payment.status == POSTED
    who = operator_label(User.full_name, Payment.method)
    rows = session.execute(
        select(who, Payment.method,
               func.sum(case((posted, 1), else_=0)),
               raw(func.sum(case((posted, Payment.amount), else_=0))),
               func.sum(case((posted, 0), else_=1)),
               raw(func.sum(case((posted, 0), else_=Payment.amount))))
        .outerjoin(User, User.id == Payment.operator_id)
        .where(*where).group_by(who, Payment.method)
        .order_by(who, Payment.method)).all()
    return [CollectionLine(who, method, int(n), yuan(amount), int(rn), yuan(ramount))
            for who, method, n, amount, rn, ramount in rows]


def _collection_payments(session: Session, where: list) -> tuple[CollectionPayment, ...]:
    """Every payment of the range; Core rows, not ORM objects (10,000 on a busy hall)."""
    rows = session.execute(
        select(Payment.received_at, Payment.receipt_no, Customer.customer_no, Customer.name,
               Payment.method, Payment.amount, operator_label(User.full_name, Payment.method),
               Payment.status, Payment.operator_id)
        .join(Customer, Customer.id == Payment.customer_id)
        .outerjoin(User, User.id == Payment.operator_id)
        .where(*where).order_by(Payment.received_at, Payment.id)).all()
    return tuple(CollectionPayment(at, no, cno, name, method, amount, who, status,
                                   in_person=operator_id is not None)
                 for at, no, cno, name, method, amount, who, status, operator_id in rows)


def _cash_up(session: Session, units: dict[int, str], start: dt.date, end: dt.date,
             operator_id: int | None) -> tuple[CashUpRow, ...]:
    boss = select(User.id, User.full_name).subquery()
    where = [User.unit_id.in_(list(units)), DayClose.day >= start, DayClose.day <= end]
    if operator_id is not None:
        where.append(DayClose.operator_id == operator_id)
    rows = session.execute(
        select(DayClose.day, User.full_name, DayCloseLine.method, DayCloseLine.expected,
               DayCloseLine.counted, DayCloseLine.difference, boss.c.full_name)
        .join(DayCloseLine, DayCloseLine.day_close_id == DayClose.id)
        .join(User, User.id == DayClose.operator_id)
        .outerjoin(boss, boss.c.id == DayClose.closed_by)
        .where(*where).order_by(DayClose.day, User.full_name, DayCloseLine.method))
    return tuple(CashUpRow(day, who, method, expected, counted, diff, closer or "")
                 for day, who, method, expected, counted, diff, closer in rows
                 if expected or counted)


def _not_cashed_up(payments: tuple[CollectionPayment, ...],
                   cash_up: tuple[CashUpRow, ...]) -> tuple[tuple[dt.date, str], ...]:
    closed = {(row.day, row.operator) for row in cash_up}
    # Online channels (no person took the money) have no till to count.
    taken = {(p.received_at.astimezone(LOCAL).date(), p.operator) for p in payments
             if p.status == POSTED and p.in_person}
    return tuple(sorted(taken - closed))


# -- arrears aging ----------------------------------------------------------------------------

def _bucket(today: dt.date):
    """The age bucket of a bill by its own days overdue: 0 for 1–30 … 3 for > 90."""
    limits = [today - dt.timedelta(days=d) for d in BUCKET_LIMITS]
    return case(*((Bill.due_date >= limit, i) for i, limit in enumerate(limits)),
                else_=len(limits))


@use_case(None, filters=True, unit="unit_id")  # right: require_report
def aging_data(db: Database, actor: Actor, *, as_of: dt.date | None = None,
               unit_id: int | None = None, top: int = 30,
               now: dt.datetime | None = None) -> AgingData:
    """Overdue unpaid principal (late fees not included) by unit and age bucket on `as_of`,
    and the largest debtors. One GROUP BY in the database: fast on a million customers.

    A past `as_of` is a true snapshot of that day's end: bills issued by then, less what
    payments received by then settled (a payment reversed later still counted that day;
    payments after it do not), not the bills' status today."""
    require_report(actor, Permission.VIEW_ARREARS)
    today = local_today(now)
    day = min(as_of or today, today)
    with db.read() as session:
        unit, units = scope(session, actor, unit_id)
        owed = Owed.on(day, today)
        overdue = and_(owed.condition, Bill.due_date < day, Customer.unit_id.in_(list(units)))
        rows = _aging_rows(session, overdue, day, units, owed)
        totals = _aging_totals(session, overdue, rows, owed)
        return AgingData(header(session, actor, unit, "ZL", period=(day, day), now=now),
                         day, BUCKET_LIMITS, rows, totals,
                         top_debtors(session, overdue, day, units, top, owed=owed))


@dataclass(frozen=True)
class Owed:
    """What each bill still owed on a day: its unpaid principal then, and which bills count."""

    amount: ColumnElement  # of the bill
    condition: ColumnElement
    paid: Subquery | None = None  # principal paid by that day, per bill (past days)

    @classmethod
    def on(cls, day: dt.date, today: dt.date) -> Owed:
        if day >= today:
            return cls(Bill.amount - Bill.paid_amount, Bill.status.in_(OPEN_STATES))
        cutoff = range_bounds(day, day)[1]
        paid = (select(PaymentAllocation.bill_id, func.sum(PaymentAllocation.principal).label("p"))
                .join(Payment, Payment.id == PaymentAllocation.payment_id)
                .where(Payment.received_at < cutoff,
                       or_(Payment.reversed_at.is_(None), Payment.reversed_at >= cutoff))
                .group_by(PaymentAllocation.bill_id).subquery())
        amount = Bill.amount - func.coalesce(paid.c.p, 0)
        return cls(amount, and_(Bill.issued_at < cutoff, amount > 0), paid)

    def bills(self) -> Join:
        """bill JOIN customer, with what was paid by the day where it matters."""
        joined = Bill.__table__.join(Customer.__table__, Customer.id == Bill.customer_id)
        return joined if self.paid is None else joined.outerjoin(
            self.paid, self.paid.c.bill_id == Bill.id)


def _aging_rows(session: Session, overdue, today: dt.date,
                units: dict[int, str], owed: Owed) -> tuple[AgingRow, ...]:
    bucket = _bucket(today)
    found = session.execute(
        select(Customer.unit_id, bucket, func.count(Bill.id), raw(func.sum(owed.amount)))
        .select_from(owed.bills()).where(overdue).group_by(Customer.unit_id, bucket)).all()
    people = dict(session.execute(
        select(Customer.unit_id, func.count(func.distinct(Bill.customer_id)))
        .select_from(owed.bills()).where(overdue).group_by(Customer.unit_id)).all())
    width = len(BUCKET_LIMITS) + 1
    cells: dict[int, tuple[list, list]] = {}
    for uid, b, count, amount in found:
        amounts, bills = cells.setdefault(uid, ([ZERO] * width, [0] * width))
        amounts[int(b)], bills[int(b)] = yuan(amount), int(count)
    return tuple(AgingRow(units[uid], int(people.get(uid, 0)), tuple(a), tuple(n))
                 for uid, (a, n) in sorted(cells.items(), key=lambda item: units[item[0]]))


def _aging_totals(session: Session, overdue, rows: tuple[AgingRow, ...], owed: Owed) -> AgingRow:
    people = session.scalar(select(func.count(func.distinct(Bill.customer_id)))
                            .select_from(owed.bills()).where(overdue))
    width = len(BUCKET_LIMITS) + 1
    return AgingRow("", int(people or 0),
                    tuple(sum((r.amounts[i] for r in rows), ZERO) for i in range(width)),
                    tuple(sum(r.bills[i] for r in rows) for i in range(width)))


def top_debtors(session: Session, overdue, today: dt.date, units: dict[int, str],
                top: int, *, owed: Owed | None = None) -> tuple[Debtor, ...]:
    owed = owed or Owed(Bill.amount - Bill.paid_amount, Bill.status.in_(OPEN_STATES))
    total = func.sum(owed.amount)
    rows = session.execute(
        select(Customer.customer_no, Customer.name, Customer.unit_id, func.count(Bill.id),
               raw(total), func.min(Bill.due_date))
        .select_from(owed.bills())
        .where(overdue).group_by(Customer.id, Customer.customer_no, Customer.name,
                                 Customer.unit_id)
        .order_by(total.desc(), Customer.customer_no).limit(top)).all()
    result = []
    for number, name, uid, bills, amount, oldest in rows:
        oldest = oldest if isinstance(oldest, dt.date) else dt.date.fromisoformat(str(oldest))
        result.append(Debtor(number, name, units[uid], int(bills), yuan(amount), oldest,
                             (today - oldest).days))
    return tuple(result)
