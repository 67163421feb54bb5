"""Day close (cash-up): the clerk counts blind, the supervisor closes the day.

The service then compares what was counted with what the clerk's payments
say per method and records both and the difference. A closed day is final:
its payments can no longer be reversed, and the clerk posts no more payments
on that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from console.billing.money import ZERO, parse_amount
from console.db import Database
from console.errors import DayClosed, NotFound, ValidationError
from console.models import DayClose, DayCloseLine, Payment, User
from console.models.enums import PaymentMethod, PaymentStatus
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.payments.receipts import lock_counter
from console.services.payments.types import CashUpLine, DayCloseResult
from console.services.permissions import Permission
from console.services.rows import existing
from console.timeutil import LOCAL, local_today

METHODS = tuple(m.value for m in PaymentMethod)


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The local (Asia/Shanghai) calendar day as a half-open UTC interval."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=LOCAL)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=LOCAL)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def is_day_closed(session: Session, operator_id: int | None, day: dt.date) -> bool:
    if operator_id is None:
        return False
    return session.execute(_DAY_CLOSE, {"operator_id": operator_id, "day": day}).first() is not None


# Built once: every payment asks it.
_DAY_CLOSE = select(DayClose.id).where(DayClose.operator_id == bindparam("operator_id"),
                                       DayClose.day == bindparam("day"))


def require_open_day(session: Session, operator_id: int | None, day: dt.date) -> None:
    """Raise DayClosed when the operator's day is cashed up."""
    if is_day_closed(session, operator_id, day):
        raise DayClosed(f"the day {day} of operator {operator_id} is closed",
                        operator_id=operator_id, day=day.isoformat())


@use_case(Permission.CLOSE_DAY, user="operator_id")
def close_day(db: Database, actor: Actor, operator_id: int, day: dt.date,
              counted: Mapping[str, Decimal | str | int]) -> DayCloseResult:
    """Close `operator_id`'s `day`: record expected vs counted per method, and the difference.

    `counted` maps payment methods to the amount the clerk counted (missing
    methods count as 0.00). Refused (nothing written) for a day already closed
    (DayClosed), a future day, an unknown method or a bad amount, and a clerk of a unit
    outside the supervisor's (OutOfScope).
    """
    amounts = _counted(counted)
    if day > local_today():
        raise ValidationError("a day cannot be closed before it ends", field="day",
                              day=day.isoformat(), reason="future")
    with db.uow() as session:
        operator = session.get(User, operator_id)
        if operator is None:
            raise NotFound("no such operator", entity="user", id=operator_id)
        # Payments of the operator's unit wait until the close is committed,
        # so none slips in between the sums and the close.
        lock_counter(session, operator.unit_id, day.year)
        require_open_day(session, operator_id, day)
        close = DayClose(operator_id=operator_id, day=day, closed_by=actor.user_id)
        session.add(close)
        session.flush()
        _record_lines(session, close, amounts)
        result = _result(session, close)
        audit.record(session, actor, "day.closed", entity_type="user", entity_id=operator_id,
                     after={"day": day, "expected": str(result.expected),
                            "counted": str(result.counted), "difference": str(result.difference)})
        return result


def _record_lines(session: Session, close: DayClose, counted: dict[str, Decimal]) -> None:
    """One line per method: expected from the day's posted payments, counted, difference."""
    expected = _expected(session, close.operator_id, close.day)
    for method in METHODS:
        got, want = counted.get(method, ZERO), expected.get(method, ZERO)
        session.add(DayCloseLine(day_close_id=close.id, method=method, expected=want,
                                 counted=got, difference=got - want))
    session.flush()


@use_case(Permission.CLOSE_DAY, user="operator_id")
def day_close_result(db: Database, actor: Actor, operator_id: int,
                     day: dt.date) -> DayCloseResult | None:
    """The recorded close of an operator's day, or None when it is still open."""
    with db.uow() as session:
        close = session.scalar(select(DayClose).where(DayClose.operator_id == operator_id,
                                                      DayClose.day == day))
        return _result(session, close) if close else None


def _counted(counted: Mapping[str, Decimal | str | int]) -> dict[str, Decimal]:
    unknown = sorted(set(counted) - set(METHODS))
    if unknown:
        raise ValidationError(f"unknown payment method {unknown[0]!r}", field="method",
                              value=unknown[0], reason="unknown_method")
    return {m: parse_amount(v, field=f"counted.{m}", allow_zero=True, ceiling=None)
            for m, v in counted.items()}


def _posted_on(operator_id: int, day: dt.date):
    start, end = day_bounds(day)
    return (Payment.operator_id == operator_id, Payment.status == PaymentStatus.POSTED,
            Payment.received_at >= start, Payment.received_at < end)


def _expected(session: Session, operator_id: int, day: dt.date) -> dict[str, Decimal]:
    rows = session.execute(select(Payment.method, func.sum(Payment.amount))
                           .where(*_posted_on(operator_id, day)).group_by(Payment.method))
    return {method: Decimal(total) for method, total in rows}


def _result(session: Session, close: DayClose) -> DayCloseResult:
    operator = existing(session, User, close.operator_id, "user")
    boss = session.get(User, close.closed_by)
    count = session.execute(select(func.count(Payment.id))
                            .where(*_posted_on(close.operator_id, close.day))).scalar_one()
    lines = session.scalars(select(DayCloseLine).where(DayCloseLine.day_close_id == close.id)
                            .order_by(DayCloseLine.id))
    return DayCloseResult(
        close.id, close.operator_id, operator.full_name, close.day,
        boss.full_name if boss else "", close.closed_at, count,
        tuple(CashUpLine(x.method, x.expected, x.counted, x.difference) for x in lines),
    )
