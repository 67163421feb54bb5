"""The clerk's blind count of the cash drawer, kept until the supervisor closes the day.

The count is a statement a person makes, so it is written as an audit event
("cash.counted", the clerk as entity): hash-chained, timestamped, never
edited; a recount is a newer event. The supervisor's close
(`cashup.close_day`) takes the latest count and compares it with what the
payments say. The clerk never sees the expected figures.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from console.billing.money import parse_amount
from console.db import Database
from console.errors import ValidationError
from console.models import AuditEvent, DayClose, Payment, User
from console.models.enums import PaymentStatus, Role
from console.services import audit
from console.services.acting import in_scope, use_case
from console.services.actor import Actor
from console.services.payments.cashup import METHODS, day_bounds, require_open_day
from console.services.permissions import Permission
from console.timeutil import local_today

ACTION = "cash.counted"


@dataclass(frozen=True)
class CashCount:
    """What a clerk counted per payment method, and when."""

    operator_id: int
    day: dt.date
    counted: dict[str, Decimal]
    at: dt.datetime


@dataclass(frozen=True)
class ClerkDay:
    """A member of staff who took payments, or may have, on a day: for the close list."""

    operator_id: int
    name: str
    payments: int
    counted: bool
    closed: bool


@use_case(Permission.TAKE_PAYMENT)
def record_count(db: Database, actor: Actor, counted: Mapping[str, object]) -> CashCount:
    """Record the clerk's own count of today (a recount replaces it); refused once closed."""
    if actor.user_id is None:  # the count is the clerk's own: the engine has none
        raise ValidationError("a cash count needs a signed-in clerk", field="clerk",
                              reason="no_user")
    unknown = sorted(set(counted) - set(METHODS))
    if unknown:
        raise ValidationError(f"unknown payment method {unknown[0]!r}", field="method",
                              value=unknown[0], reason="unknown_method")
    amounts = {m: parse_amount(counted.get(m) or "0", field=f"counted.{m}", allow_zero=True,
                               ceiling=None) for m in METHODS}
    day = local_today()
    with db.uow() as session:
        require_open_day(session, actor.user_id, day)
        event = audit.record(session, actor, ACTION, entity_type="user", entity_id=actor.user_id,
                             after={"day": day, "counted": amounts})
        return CashCount(actor.user_id, day, amounts, event.at)


@use_case(Permission.CLOSE_DAY, user="operator_id")
def latest_count(db: Database, actor: Actor, operator_id: int,
                 day: dt.date) -> CashCount | None:
    """The clerk's latest count of `day`, or None when they have not counted."""
    with db.read() as session:
        events = session.execute(
            select(AuditEvent.after, AuditEvent.at)
            .where(AuditEvent.action == ACTION, AuditEvent.entity_type == "user",
                   AuditEvent.entity_id == str(operator_id))
            .order_by(AuditEvent.seq.desc()).limit(50))
        for after, at in events:
            data = json.loads(after)
            if data.get("day") == day.isoformat():
                return CashCount(operator_id, day, {m: Decimal(v) for m, v in
                                                    data["counted"].items()}, at)
    return None


@use_case(Permission.CLOSE_DAY, filters=True)
def clerks_of_day(db: Database, actor: Actor, day: dt.date) -> list[ClerkDay]:
    """Counter staff and supervisors of the actor's units, next to close first."""
    start, end = day_bounds(day)
    with db.read() as session:
        users = session.execute(select(User.id, User.full_name).where(
            in_scope(User.unit_id), User.active.is_(True),
            User.role.in_((Role.COUNTER, Role.SUPERVISOR))).order_by(User.full_name)).all()
        paid = dict(session.execute(
            select(Payment.operator_id, func.count(Payment.id))
            .where(Payment.received_at >= start, Payment.received_at < end,
                   Payment.status == PaymentStatus.POSTED).group_by(Payment.operator_id)).all())
        closed = set(session.scalars(select(DayClose.operator_id).where(DayClose.day == day)))
        counted = {int(e) for e in session.scalars(
            select(AuditEvent.entity_id).where(AuditEvent.action == ACTION,
                                               AuditEvent.at >= start, AuditEvent.at < end))}
    days = [ClerkDay(uid, name, paid.get(uid, 0), uid in counted, uid in closed)
            for uid, name in users]
    # Who took payments and has not been closed comes first: the next one to close.
    return sorted(days, key=lambda d: (d.closed, d.payments == 0, d.name))

