"""Customer satisfaction (满意度): a 1–5 rating and a comment after an order or a counter visit.

One rating per work order (stored on the order too, where the lists show
it); counter visits may be rated as often as they happen. Summed up by unit
and kind for the supervisor.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError

from console.db import Database
from console.errors import NotFound, ValidationError
from console.models import Customer, Unit, User, utcnow
from console.models.enums import WorkOrderState
from console.models.work import COUNTER_VISIT, Satisfaction, WorkOrder
from console.services import audit
from console.services.acting import in_scope, use_case
from console.services.actor import Actor
from console.services.permissions import Permission
from console.services.work_orders.types import SatisfactionRow, SatisfactionSummary

COMMENT_MAX = 400


@use_case(Permission.WORK_ORDERS, customer="customer_id", work_order="work_order_id")
def record_satisfaction(db: Database, actor: Actor, *, customer_id: int, rating: int,
                        comment: str = "", work_order_id: int | None = None,
                        idempotency_key: str | None = None) -> SatisfactionRow:
    """Record a rating of a finished work order of the customer, or of a counter visit.

    The same `idempotency_key` again returns the first rating. Refused:
    ValidationError (rating not 1–5, comment too long, order not done or
    already rated, order of another customer), NotFound.
    """
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise ValidationError("a rating is 1 to 5", field="rating", value=rating,
                              reason="out_of_range")
    text = (comment or "").strip()
    if len(text) > COMMENT_MAX:
        raise ValidationError("the comment is too long", field="comment", reason="too_long")
    try:
        with db.uow() as session:
            earlier = _by_key(session, idempotency_key)
            if earlier is not None:
                return earlier
            row = _new_rating(session, actor, customer_id, rating, text, work_order_id,
                              idempotency_key)
            return _rows(session, Satisfaction.id == row.id)[0]
    except IntegrityError as exc:
        with db.read() as session:
            earlier = _by_key(session, idempotency_key)
        if earlier is None:
            raise ValidationError("the order is rated already", field="work_order_id",
                                  reason="already_rated") from exc
        return earlier


def _new_rating(session, actor: Actor, customer_id: int, rating: int, text: str,
                order_id: int | None, key: str | None) -> Satisfaction:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("no such customer", entity="customer", id=customer_id)
    kind, unit_id = COUNTER_VISIT, actor.unit_id or customer.unit_id
    if order_id is not None:
        order = _rated_order(session, order_id, customer_id)
        order.satisfaction, order.satisfaction_comment = rating, text
        kind, unit_id = order.kind, order.unit_id
    row = Satisfaction(customer_id=customer_id, work_order_id=order_id, unit_id=unit_id,
                       kind=kind, rating=rating, comment=text, recorded_by=actor.user_id,
                       recorded_at=utcnow(), idempotency_key=key)
    session.add(row)
    session.flush()
    audit.record(session, actor, "satisfaction.recorded", entity_type="customer",
                 entity_id=customer_id, after={"rating": rating, "kind": kind,
                                               "work_order_id": order_id})
    return row


def _rated_order(session, order_id: int, customer_id: int) -> WorkOrder:
    order = session.get(WorkOrder, order_id)
    if order is None:
        raise NotFound("no such work order", entity="work_order", id=order_id)
    if order.customer_id != customer_id:
        raise ValidationError("the order is another customer's", field="work_order_id",
                              reason="not_of_customer")
    if order.state != WorkOrderState.DONE:
        raise ValidationError("only a finished order is rated", field="work_order_id",
                              reason="not_done", state=order.state)
    if order.satisfaction is not None:
        raise ValidationError("the order is rated already", field="work_order_id",
                              reason="already_rated")
    return order


@use_case(Permission.LOOKUP, customer="customer_id")
def customer_satisfaction(db: Database, actor: Actor, customer_id: int) -> list[SatisfactionRow]:
    """The customer's ratings, newest first."""
    with db.read() as session:
        return _rows(session, Satisfaction.customer_id == customer_id)


@use_case(Permission.WORK_ORDERS, unit="unit_id", filters=True)
def satisfaction_summary(db: Database, actor: Actor, *, since: dt.datetime | None = None,
                         unit_id: int | None = None) -> list[SatisfactionSummary]:
    """Count, mean rating and how many rated 4 or 5, per unit (of the actor's) and kind."""
    happy = func.sum(case((Satisfaction.rating >= 4, 1), else_=0))
    query = (select(Satisfaction.unit_id, Unit.name, Satisfaction.kind,
                    func.count(Satisfaction.id), func.sum(Satisfaction.rating), happy)
             .join(Unit, Unit.id == Satisfaction.unit_id).where(in_scope(Satisfaction.unit_id))
             .group_by(Satisfaction.unit_id, Unit.name, Satisfaction.kind)
             .order_by(Unit.name, Satisfaction.kind))
    if since is not None:
        query = query.where(Satisfaction.recorded_at >= since)
    if unit_id is not None:
        query = query.where(Satisfaction.unit_id == unit_id)
    with db.read() as session:
        return [SatisfactionSummary(u, name, kind, n,
                                    (Decimal(total) / n).quantize(Decimal("0.01")), int(ok))
                for u, name, kind, n, total, ok in session.execute(query)]


def _by_key(session, key: str | None) -> SatisfactionRow | None:
    if key is None:
        return None
    rows = _rows(session, Satisfaction.idempotency_key == key)
    return rows[0] if rows else None


def _rows(session, condition) -> list[SatisfactionRow]:
    query = (select(Satisfaction.id, Satisfaction.recorded_at, Satisfaction.kind,
                    WorkOrder.order_no, Satisfaction.rating, Satisfaction.comment, User.full_name)
             .outerjoin(WorkOrder, WorkOrder.id == Satisfaction.work_order_id)
             .outerjoin(User, User.id == Satisfaction.recorded_by)
             .where(condition).order_by(Satisfaction.recorded_at.desc(), Satisfaction.id.desc()))
    return [SatisfactionRow(i, at, kind, no or "", r, c, who or "")
            for i, at, kind, no, r, c, who in session.execute(query)]
