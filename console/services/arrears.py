"""Arrears (欠费): every customer with overdue unpaid bills, and batch actions on them.

The list is one read: overdue open bills joined to their customers, late fees
accrued to today per bill (the same rule the payment dialog uses), the latest
notice of each customer. `change_marker` is what a panel polls to know when to
read it again: the newest ledger entry, notice and command ids (a payment, a
reversal, a bill run, a notice or a switch request all move one of them).

Batch actions record requests: reminders and disconnect notices as `Notice`
rows (paper, pending), disconnections as `ControlCommand` rows (requested,
reason arrears). Sending, serving and executing them is the cost-control and
switch-control work; until that lands, this is where the request is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.billing.late_fees import late_fee
from console.billing.open_bills import OPEN_STATES
from console.billing.rulebook import load_rules
from console.db import Database
from console.models import (
    Bill,
    ControlCommand,
    Customer,
    LedgerEntry,
    Notice,
    Unit,
)
from console.services import arrears_requests
from console.services.actor import Actor
from console.services.arrears_types import (
    ArrearsList,
    ArrearsRow,
    BatchOutcome,
    bucket_of,
)
from console.services.permissions import Permission, require
from console.timeutil import local_today


def list_arrears(db: Database, actor: Actor, *, today: dt.date | None = None) -> ArrearsList:
    """Customers of the actor's unit (and the units under it) with bills past their due date."""
    require(actor, Permission.VIEW_ARREARS)
    today = today or local_today()
    with db.read() as session:
        marker = _marker(session, today)
        units = _units_in_scope(session, actor.unit_id)
        rules = load_rules(session, today)
        notices = _latest_notices(session)
        rows = _rows(session, units, rules, notices, today)
        return ArrearsList(rows, sorted(units.items(), key=lambda u: u[1]), today, marker)


def change_marker(db: Database, actor: Actor) -> tuple[int, ...]:
    """Cheap to read, and different whenever the arrears list may have changed."""
    require(actor, Permission.VIEW_ARREARS)
    with db.read() as session:
        return _marker(session, local_today())


def _marker(session: Session, today: dt.date) -> tuple[int, ...]:
    newest = [session.scalar(select(func.coalesce(func.max(model.id), 0)))
              for model in (LedgerEntry, Notice, ControlCommand)]
    return (today.toordinal(), *newest)


def _units_in_scope(session: Session, unit_id: int | None) -> dict[int, str]:
    """The unit and every unit below it (all units for a system actor)."""
    units = session.execute(select(Unit.id, Unit.parent_id, Unit.name)).all()
    if unit_id is None:
        return {u.id: u.name for u in units}
    children: dict[int | None, list[int]] = {}
    for u in units:
        children.setdefault(u.parent_id, []).append(u.id)
    names = {u.id: u.name for u in units}
    scope, todo = {}, [unit_id]
    while todo:
        current = todo.pop()
        scope[current] = names.get(current, "")
        todo.extend(children.get(current, ()))
    return scope


def _latest_notices(session: Session) -> dict[int, tuple[str, str]]:
    latest = select(func.max(Notice.id)).group_by(Notice.customer_id)
    rows = session.execute(select(Notice.customer_id, Notice.kind, Notice.status)
                           .where(Notice.id.in_(latest)))
    return {cid: (kind, status) for cid, kind, status in rows}


def _rows(session: Session, units: dict[int, str], rules, notices, today) -> list[ArrearsRow]:
    query = (
        select(Bill.customer_id, Bill.due_date, Bill.amount - Bill.paid_amount,
               Bill.late_fee_charged, Bill.late_fee_paid, Bill.fee_through,
               Customer.customer_no, Customer.name, Customer.unit_id, Customer.category,
               Customer.protected, Customer.control_state, Customer.cost_control_mode)
        .join(Customer, Customer.id == Bill.customer_id)
        .where(Bill.status.in_(OPEN_STATES), Bill.due_date < today,
               Customer.unit_id.in_(list(units)))
        .order_by(Bill.customer_id, Bill.due_date)
    )
    rows: list[ArrearsRow] = []
    current: list | None = None
    for r in session.execute(query):
        fee = (r[3] - r[4] + late_fee(r[2], rules.for_category(r[9]), r[1], today,
                                      charged_through=r[5], already_charged=r[3]))
        if current is not None and current[0] == r[0]:
            current[1] += 1
            current[2] += r[2]
            current[3] += fee
            continue
        if current is not None:
            rows.append(_finish(current, units, notices, today))
        current = [r[0], 1, r[2], fee, r]
    if current is not None:
        rows.append(_finish(current, units, notices, today))
    return rows


def _finish(acc: list, units: dict[int, str], notices, today: dt.date) -> ArrearsRow:
    cid, bills, principal, fees, first = acc
    days = (today - first[1]).days
    kind, status = notices.get(cid, ("", ""))
    return ArrearsRow(cid, first[6], first[7], first[8], units[first[8]], first[9],
                      bool(first[10]), bills, principal, fees, principal + fees, first[1], days,
                      bucket_of(days), kind, status, first[11], first[12])


# -- batch actions --------------------------------------------------------------------------
# The cost-control work's services write notices and requests when they are
# installed; until then `arrears_requests` records them (see its docstring).

try:
    from console.services import control_requests as _control_requests
    from console.services import notices as _notices
except ImportError:  # pragma: no cover - depends on what has landed
    _control_requests = _notices = None


def send_reminders(db: Database, actor: Actor, customer_ids: Sequence[int]) -> BatchOutcome:
    """An arrears reminder (催费通知单) for each customer who owes, at most one a day each."""
    if _notices is None:
        return arrears_requests.send_reminders(db, actor, customer_ids)
    return _outcome("reminder", customer_ids, _notices.send_reminders(db, actor, customer_ids))


def serve_disconnect_notices(db: Database, actor: Actor,
                             customer_ids: Sequence[int]) -> BatchOutcome:
    """A disconnect notice (停电通知书) for each unprotected customer who owes."""
    if _notices is None:
        return arrears_requests.serve_disconnect_notices(db, actor, customer_ids)
    served = _notices.serve_disconnect_notices(db, actor, customer_ids)
    return _outcome("disconnect_notice", customer_ids, served)


def request_disconnections(db: Database, actor: Actor, customer_ids: Sequence[int], *,
                           idempotency_key: str) -> BatchOutcome:
    """A disconnect request (reason arrears) per customer; an open one is not repeated."""
    if _control_requests is None:
        return arrears_requests.request_disconnections(db, actor, customer_ids,
                                                       idempotency_key=idempotency_key)
    commands = _control_requests.request_disconnections(db, actor, customer_ids)
    return _outcome("disconnect_request", customer_ids, commands)


def _outcome(action: str, customer_ids: Sequence[int], written: Sequence) -> BatchOutcome:
    """Counts from the services' answers: new rows, rows that existed, customers left out."""
    created = sum(1 for item in written if item.created)
    skipped = {"already_sent": len(written) - created,
               "not_eligible": len(set(customer_ids)) - len({i.customer_id for i in written})}
    return BatchOutcome(action, created, {k: v for k, v in skipped.items() if v > 0})
