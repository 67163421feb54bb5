"""Work orders (工单): open, assign, start, complete, cancel; every move audited.

Opened at the counter (customer view), by engines (seal anomalies, cost
control, theft analysis, inspection imports) with an idempotency key, or in
the caller's own transaction through `open_order`. The due time comes from
the SLA of the kind (sla.py). Meter replacements and account closures are
completed by their steps (replacement.py, closure.py), not by `complete`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from console.db import Database
from console.errors import AccountClosed, ConcurrentUpdate, NotFound, ValidationError
from console.models import Customer, Meter, Unit, User, utcnow
from console.models.enums import CustomerStatus, MeterStatus, WorkOrderKind, WorkOrderState, values
from console.models.work import WorkOrder
from console.services import audit
from console.services.acting import in_scope, use_case
from console.services.actor import SYSTEM_ROLE, Actor
from console.services.permissions import Permission, allowed, require
from console.services.work_orders import sla
from console.services.work_orders.types import (
    ACTIONS,
    ASSIGN,
    CANCEL,
    COMPLETE,
    FINAL_STATES,
    MOVES,
    OPEN_STATES,
    RESOLUTION_MAX,
    SOURCES,
    STEP_KINDS,
    WorkOrderView,
    is_overdue,
)

METER_KINDS = (WorkOrderKind.METER_REPLACEMENT, WorkOrderKind.ACCOUNT_CLOSURE,
               WorkOrderKind.INSPECTION, WorkOrderKind.SEAL_CHECK)
# Orders the field side opens and dispatches: cancelling one takes CANCEL_FIELD_ORDERS, not
# the counter's WORK_ORDERS (a clerk must not make an inspection disappear).
FIELD_KINDS = (WorkOrderKind.INSPECTION, WorkOrderKind.SEAL_CHECK)
# The right a kind's steps take beyond WORK_ORDERS (replace_meter, close_account).
STEP_PERMISSIONS = {WorkOrderKind.METER_REPLACEMENT: Permission.REPLACE_METERS,
                    WorkOrderKind.ACCOUNT_CLOSURE: Permission.CLOSE_ACCOUNTS}


def may(role: str, action: str, kind: str) -> bool:
    """Whether `role` may take `action` on an order of `kind`: what buttons offer; the use
    cases check the same rights themselves."""
    if not allowed(role, Permission.WORK_ORDERS):
        return False
    if action == CANCEL and kind in FIELD_KINDS:
        return allowed(role, Permission.CANCEL_FIELD_ORDERS)
    if action == COMPLETE and kind in STEP_PERMISSIONS:
        return allowed(role, STEP_PERMISSIONS[WorkOrderKind(kind)])
    return True


def check_actor(actor: Actor) -> None:
    """Staff need WORK_ORDERS; engines act as system actors on their own authority."""
    if actor is None or actor.role != SYSTEM_ROLE:
        require(actor, Permission.WORK_ORDERS)


# No permission in the rule: engines open orders as system actors (check_actor below).
@use_case(None, customer="customer_id", meter="meter_id", unit="unit_id", user="assignee_id")
def create_work_order(db: Database, actor: Actor, *, kind: str, customer_id: int | None = None,
                      meter_id: int | None = None, unit_id: int | None = None,
                      description: str = "", assignee_id: int | None = None,
                      source: str = "counter", idempotency_key: str | None = None,
                      now: dt.datetime | None = None) -> WorkOrderView:
    """Open a work order and return it.

    The unit defaults to the customer's, else the actor's; the meter of a
    replacement, closure, inspection or seal check defaults to the customer's
    meter in service. With `assignee_id` it starts `assigned`. The same
    `idempotency_key` again returns the first order and writes nothing.
    Refused, writing nothing: NotFound (customer, meter, assignee),
    AccountClosed (customer closed), ValidationError (kind, source, meter not
    the customer's, no meter to replace, a closure already open, no unit).
    """
    check_actor(actor)
    try:
        with db.uow() as session:
            order = open_order(session, actor, kind=kind, customer_id=customer_id,
                               meter_id=meter_id, unit_id=unit_id, description=description,
                               assignee_id=assignee_id, source=source,
                               idempotency_key=idempotency_key, now=now)
            return view_of(session, order.id, now=now)
    except IntegrityError:
        # Another workstation committed the same key between our check and insert.
        if idempotency_key is None:
            raise
        with db.read() as session:
            same = session.scalar(select(WorkOrder).where(
                WorkOrder.idempotency_key == idempotency_key))
            if same is None:
                raise
            return view_of(session, same.id, now=now)


def open_order(session: Session, actor: Actor, *, kind: str, customer_id: int | None = None,
               meter_id: int | None = None, unit_id: int | None = None, description: str = "",
               assignee_id: int | None = None, source: str = "counter",
               idempotency_key: str | None = None, now: dt.datetime | None = None) -> WorkOrder:
    """`create_work_order` inside the caller's transaction (engines batch their own writes)."""
    check_actor(actor)
    if idempotency_key is not None:
        earlier = session.scalar(select(WorkOrder).where(
            WorkOrder.idempotency_key == idempotency_key))
        if earlier is not None:
            return earlier
    _check_kind(kind, source)
    customer = _customer(session, customer_id)
    meter_id = _meter_for(session, kind, customer, meter_id)
    unit = unit_id or (customer.unit_id if customer else None) or actor.unit_id
    if unit is None or session.get(Unit, unit) is None:
        raise ValidationError("the order needs a unit", field="unit_id", reason="no_unit")
    now = now or utcnow()
    rule = sla.rules_in(session)[kind]
    order = WorkOrder(order_no=_temporary_no(), kind=kind, unit_id=unit,
                      customer_id=customer.id if customer else None, meter_id=meter_id,
                      created_by=actor.user_id, created_at=now, due_at=sla.due_at(rule, now),
                      description=_text(description, "description"), source=source,
                      idempotency_key=idempotency_key, state=WorkOrderState.OPEN)
    session.add(order)
    session.flush()
    # The number shows the day it was opened and the row id: unique without a counter.
    order.order_no = f"GD{now.astimezone(sla.LOCAL):%Y%m%d}{order.id:06d}"
    audit.record(session, actor, "work_order.created", entity_type="work_order",
                 entity_id=order.id, after={"order_no": order.order_no, "kind": kind,
                                            "customer_id": order.customer_id, "unit_id": unit,
                                            "meter_id": meter_id, "due_at": order.due_at,
                                            "source": source})
    if assignee_id is not None:
        move(session, actor, order, ASSIGN, assignee_id=assignee_id, now=now)
    return order


@use_case(Permission.WORK_ORDERS, work_order="order_id", user="assignee_id")
def transition(db: Database, actor: Actor, order_id: int, action: str, *,
               assignee_id: int | None = None, resolution: str = "",
               expected_version: int | None = None, now: dt.datetime | None = None
               ) -> WorkOrderView:
    """Move an order: assign (to `assignee_id`), start, complete or cancel (with `resolution`).

    open/assigned -> assigned (assign) -> in_progress (start; an unassigned
    order is taken by the actor) -> done (complete) | cancelled (cancel from
    any open state). Refused: ValidationError (unknown action, a move the
    state does not allow, no resolution, a replacement or closure completed
    without its steps), NotFound, ConcurrentUpdate (`expected_version` stale),
    PermissionDenied (cancelling an inspection or seal check without CANCEL_FIELD_ORDERS).
    """
    with db.uow() as session:
        order = load(session, order_id, expected_version)
        if action == CANCEL and order.kind in FIELD_KINDS:
            require(actor, Permission.CANCEL_FIELD_ORDERS)
        if action == COMPLETE and order.kind in STEP_KINDS:
            raise ValidationError("this order completes with its steps", field="action",
                                  value=action, reason="steps_required", kind=order.kind)
        move(session, actor, order, action, assignee_id=assignee_id, resolution=resolution,
             now=now)
        return view_of(session, order.id, now=now)


def load(session: Session, order_id: int, expected_version: int | None = None, *,
         lock: bool = True) -> WorkOrder:
    """The order (locked for update), or NotFound / ConcurrentUpdate."""
    query = select(WorkOrder).where(WorkOrder.id == order_id)
    order = session.scalar(query.with_for_update() if lock else query)
    if order is None:
        raise NotFound("no such work order", entity="work_order", id=order_id)
    if expected_version is not None and order.version != expected_version:
        raise ConcurrentUpdate("changed by another workstation", entity="work_order",
                               id=order_id)
    return order


def move(session: Session, actor: Actor, order: WorkOrder, action: str, *,
         assignee_id: int | None = None, resolution: str = "",
         now: dt.datetime | None = None) -> None:
    """Apply one state move to a loaded order and audit it (the caller's transaction)."""
    if action not in ACTIONS:
        raise ValidationError(f"unknown action {action!r}", field="action", value=action,
                              reason="unknown_action")
    sources, target = MOVES[action]
    if order.state not in sources:
        raise ValidationError(f"cannot {action} an order that is {order.state}", field="action",
                              value=action, reason="bad_state", state=order.state)
    now = now or utcnow()
    before = {"state": order.state, "assignee_id": order.assignee_id}
    _apply(session, actor, order, action, assignee_id, resolution, now)
    order.state = target
    session.flush()
    audit.record(session, actor, f"work_order.{_past(action)}", entity_type="work_order",
                 entity_id=order.id, before=before,
                 after={"state": target, "assignee_id": order.assignee_id,
                        "resolution": order.resolution if target in FINAL_STATES else ""})


def _apply(session: Session, actor: Actor, order: WorkOrder, action: str,
           assignee_id: int | None, resolution: str, now: dt.datetime) -> None:
    if action == ASSIGN:
        order.assignee_id = _assignee(session, assignee_id).id
    elif action == COMPLETE or action == CANCEL:
        order.resolution = _text(resolution, "resolution", required=True)
        order.finished_at = now
    else:  # START
        order.started_at = now
        if order.assignee_id is None:
            order.assignee_id = actor.user_id


def _past(action: str) -> str:
    return {"assign": "assigned", "start": "started", "complete": "done",
            "cancel": "cancelled"}[action]


@use_case(Permission.WORK_ORDERS, work_order="order_id")
def get_work_order(db: Database, actor: Actor, order_id: int, *,
                   now: dt.datetime | None = None) -> WorkOrderView:
    """One order with its names, or NotFound."""
    with db.read() as session:
        return view_of(session, order_id, now=now)


@use_case(Permission.WORK_ORDERS, unit="unit_id", customer="customer_id", user="assignee_id",
          filters=True)
def list_work_orders(db: Database, actor: Actor, *, states: Sequence[str] | None = None,
                     kind: str | None = None, unit_id: int | None = None,
                     customer_id: int | None = None, assignee_id: int | None = None,
                     overdue: bool = False, limit: int = 2000,
                     now: dt.datetime | None = None) -> list[WorkOrderView]:
    """Orders of the actor's units matching every filter given, most urgent first (open by
    due time, then finished)."""
    now = now or utcnow()
    query = _view_query().where(in_scope(WorkOrder.unit_id))
    if states:
        query = query.where(WorkOrder.state.in_(list(states)))
    if overdue:
        query = query.where(WorkOrder.state.in_(OPEN_STATES), WorkOrder.due_at < now)
    for column, value in ((WorkOrder.kind, kind), (WorkOrder.unit_id, unit_id),
                          (WorkOrder.customer_id, customer_id),
                          (WorkOrder.assignee_id, assignee_id)):
        if value is not None:
            query = query.where(column == value)
    # Open orders by due time; finished ones newest first (the limit cuts the oldest).
    query = query.order_by(WorkOrder.finished_at.is_not(None), WorkOrder.finished_at.desc(),
                           WorkOrder.due_at, WorkOrder.id).limit(limit)
    with db.read() as session:
        return [_row_view(r, now) for r in session.execute(query)]


def view_of(session: Session, order_id: int, *, now: dt.datetime | None = None) -> WorkOrderView:
    row = session.execute(_view_query().where(WorkOrder.id == order_id)).one_or_none()
    if row is None:
        raise NotFound("no such work order", entity="work_order", id=order_id)
    return _row_view(row, now or utcnow())


def _view_query() -> Select:
    assignee, creator = aliased(User), aliased(User)
    return (select(WorkOrder, Unit.name, Customer.customer_no, Customer.name, Meter.asset_no,
                   assignee.full_name, creator.full_name)
            .join(Unit, Unit.id == WorkOrder.unit_id)
            .outerjoin(Customer, Customer.id == WorkOrder.customer_id)
            .outerjoin(Meter, Meter.id == WorkOrder.meter_id)
            .outerjoin(assignee, assignee.id == WorkOrder.assignee_id)
            .outerjoin(creator, creator.id == WorkOrder.created_by))


def _row_view(row, now: dt.datetime) -> WorkOrderView:  # a result row
    o, unit_name, customer_no, customer_name, asset_no, assignee, creator = row
    return WorkOrderView(
        o.id, o.order_no, o.kind, o.state, o.unit_id, unit_name, o.customer_id,
        customer_no or "", customer_name or "", o.meter_id, asset_no or "", o.assignee_id,
        assignee or "", creator or "", o.created_at, o.due_at, o.started_at, o.finished_at,
        o.description, o.resolution, o.satisfaction, o.satisfaction_comment, o.source,
        o.version, is_overdue(o.state, o.due_at, now))


def _check_kind(kind: str, source: str) -> None:
    if kind not in values(WorkOrderKind):
        raise ValidationError(f"unknown kind {kind!r}", field="kind", value=kind,
                              reason="unknown_kind")
    if source not in SOURCES:
        raise ValidationError(f"unknown source {source!r}", field="source", value=source,
                              reason="unknown_source")


def _customer(session: Session, customer_id: int | None) -> Customer | None:
    if customer_id is None:
        return None
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("no such customer", entity="customer", id=customer_id)
    if customer.status == CustomerStatus.CLOSED:
        raise AccountClosed("the account is closed", customer_id=customer_id)
    return customer


def _meter_for(session: Session, kind: str, customer: Customer | None,
               meter_id: int | None) -> int | None:
    if meter_id is not None:
        meter = session.get(Meter, meter_id)
        if meter is None:
            raise NotFound("no such meter", entity="meter", id=meter_id)
        if customer is not None and meter.customer_id != customer.id:
            raise ValidationError("the meter is not the customer's", field="meter_id",
                                  value=meter_id, reason="meter_not_of_customer")
    elif customer is not None and kind in METER_KINDS:
        meter_id = session.scalar(select(func.min(Meter.id)).where(
            Meter.customer_id == customer.id, Meter.status == MeterStatus.IN_SERVICE))
    if kind in STEP_KINDS:
        if customer is None:
            raise ValidationError("the order needs a customer", field="customer_id",
                                  reason="customer_required")
        if meter_id is None:
            raise ValidationError("the customer has no meter in service", field="meter_id",
                                  reason="no_meter")
        _one_open(session, kind, customer.id)
    return meter_id


def _one_open(session: Session, kind: str, customer_id: int) -> None:
    """A customer has at most one open replacement and one open closure at a time."""
    open_id = session.scalar(select(WorkOrder.order_no).where(
        WorkOrder.customer_id == customer_id, WorkOrder.kind == kind,
        WorkOrder.state.in_(OPEN_STATES)).limit(1))
    if open_id is not None:
        raise ValidationError("an order of this kind is already open", field="kind", value=kind,
                              reason="already_open", order_no=open_id)


def _assignee(session: Session, user_id: int | None) -> User:
    user = session.get(User, user_id) if user_id is not None else None
    if user is None or not user.active:
        raise NotFound("no such active user", entity="user", id=user_id)
    return user


def _text(value: str, field: str, *, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(f"a {field} is required", field=field, reason="required")
    if len(text) > RESOLUTION_MAX:
        raise ValidationError(f"the {field} is too long", field=field, reason="too_long")
    return text


def _temporary_no() -> str:
    # Replaced right after the flush, once the id is known.
    return "T" + uuid.uuid4().hex[:19]
