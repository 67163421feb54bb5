"""Data of the monthly management summary (月度经营分析): billing and collection over twelve
bill months, the month's takings, arrears and the largest debtors, switch success, notices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import and_, func, or_, select

from console.db import Database
from console.errors import ValidationError
from console.models import (
    Bill,
    ControlCommand,
    Customer,
    Notice,
    Payment,
    PaymentAllocation,
)
from console.models.enums import CommandState, PaymentStatus
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.messages.keys import official
from console.services.permissions import Permission
from console.services.report_data.cash import Owed, raw, top_debtors, yuan
from console.services.report_data.common import (
    OUTCOMES,
    SWITCHES,
    header,
    range_bounds,
    require_report,
    scope,
)
from console.services.report_data.types import MonthlySummaryData, PeriodFigures
from console.timeutil import local_today

TREND_MONTHS = 12


def month_span(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


@use_case(None, filters=True, unit="unit_id")  # right: require_report
def monthly_summary_data(db: Database, actor: Actor, *, month: dt.date | None,
                         unit_id: int | None = None, top: int = 10,
                         now: dt.datetime | None = None) -> MonthlySummaryData:
    """The month containing `month`: figures for the unit and the units under it.

    A past month is a snapshot of its last moment: bills issued by then, payments received
    by then and not yet reversed then; what was paid or reversed later does not change it
    (the same report printed today and next year agrees). The current month is live."""
    require_report(actor, Permission.VIEW_ARREARS)
    if month is None:
        raise ValidationError("a month is required", field="month", reason="empty")
    first, last = month_span(month)
    today = local_today(now)
    if first > today:
        raise ValidationError("the month has not begun", field="month", reason="future")
    with db.read() as session:
        unit, units = scope(session, actor, unit_id)
        ids = list(units)
        start, end = range_bounds(first, last)
        cutoff = end if last < today else None
        as_of = min(last + dt.timedelta(days=1), today)
        owed = Owed.on(last, today)
        overdue = and_(owed.condition, Bill.due_date < as_of, Customer.unit_id.in_(ids))
        count, received, by_method = _takings(session, ids, start, end)
        total = session.scalar(select(raw(func.sum(owed.amount)))
                               .select_from(owed.bills()).where(overdue))
        return MonthlySummaryData(
            header(session, actor, unit, "YD", period=(first, last), now=now),
            f"{first:%Y-%m}", _periods(session, ids, first, cutoff), count, received,
            by_method, yuan(total), top_debtors(session, overdue, as_of, units, top, owed=owed),
            _commands(session, ids, start, end), _notices(session, ids, start, end),
            last if cutoff else None)


def _periods(session, ids: list[int], first: dt.date,
             cutoff: dt.datetime | None) -> tuple[PeriodFigures, ...]:
    index = first.year * 12 + first.month - 1
    periods = [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - TREND_MONTHS + 1, index + 1)]
    where = [Customer.unit_id.in_(ids), Bill.period >= periods[0], Bill.period <= periods[-1]]
    if cutoff is None:
        rows = dict((p, (a, b)) for p, a, b in session.execute(
            select(Bill.period, raw(func.sum(Bill.amount)), raw(func.sum(Bill.paid_amount)))
            .join(Customer, Customer.id == Bill.customer_id).where(*where)
            .group_by(Bill.period)).all())
    else:
        rows = _periods_then(session, [*where, Bill.issued_at < cutoff], cutoff)
    result = []
    for period in periods:
        billed, paid = (yuan(v) for v in rows.get(period, (None, None)))
        result.append(PeriodFigures(period, billed, paid, billed - paid))
    return tuple(result)


def _periods_then(session, where: list, cutoff: dt.datetime) -> dict:
    """Billed and collected principal per bill month at `cutoff`: bills issued by then, and
    the principal that payments received by then (and not reversed by then) settled."""
    billed = session.execute(
        select(Bill.period, raw(func.sum(Bill.amount)))
        .join(Customer, Customer.id == Bill.customer_id).where(*where)
        .group_by(Bill.period)).all()
    paid = dict(session.execute(
        select(Bill.period, raw(func.sum(PaymentAllocation.principal)))
        .join(Bill, Bill.id == PaymentAllocation.bill_id)
        .join(Customer, Customer.id == Bill.customer_id)
        .join(Payment, Payment.id == PaymentAllocation.payment_id)
        .where(*where, Payment.received_at < cutoff, _not_reversed_by(cutoff))
        .group_by(Bill.period)).all())
    return {period: (amount, paid.get(period)) for period, amount in billed}


def _not_reversed_by(moment: dt.datetime):
    """The payment still stood at `moment` (a reversal after it does not count then)."""
    return or_(Payment.status == PaymentStatus.POSTED.value, Payment.reversed_at >= moment)


def _takings(session, ids: list[int], start: dt.datetime, end: dt.datetime):
    rows = session.execute(
        select(Payment.method, func.count(), raw(func.sum(Payment.amount)))
        .where(Payment.unit_id.in_(ids), _not_reversed_by(end),
               Payment.received_at >= start, Payment.received_at < end)
        .group_by(Payment.method).order_by(Payment.method)).all()
    by_method = tuple((m, int(n), yuan(a)) for m, n, a in rows)
    return (sum(n for _m, n, _a in by_method),
            sum((a for _m, _n, a in by_method), Decimal("0.00")), by_method)


def _commands(session, ids: list[int], start: dt.datetime, end: dt.datetime):
    c = ControlCommand
    rows = session.execute(
        select(c.action, c.state, func.count())
        .join(Customer, Customer.id == c.customer_id)
        .where(Customer.unit_id.in_(ids), c.action.in_(SWITCHES),
               c.state.in_(OUTCOMES), c.finished_at >= start, c.finished_at < end)
        .group_by(c.action, c.state)).all()
    counts = {(a, s): int(n) for a, s, n in rows}
    return tuple((a.value, counts.get((a, CommandState.CONFIRMED), 0),
                  counts.get((a, CommandState.FAILED), 0)) for a in SWITCHES)


def _notices(session, ids: list[int], start: dt.datetime, end: dt.datetime):
    rows = session.execute(
        select(Notice.kind, func.count()).join(Customer, Customer.id == Notice.customer_id)
        .where(Customer.unit_id.in_(ids), Notice.created_at >= start, Notice.created_at < end, official())
        .group_by(Notice.kind).order_by(Notice.kind)).all()
    return tuple((k, int(n)) for k, n in rows)
