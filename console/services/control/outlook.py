"""Whether a disconnect may go ahead now, and if not, when or after what (switch control).

    found = disconnect_outlook(session, customer_id=7, meter_id=12, reason="arrears", now=now)
    found.refusal, found.ready_at, found.step

The facts come from the rows as this transaction sees them; the rules are
console.billing.control_guards. Request, approval, the collector and the
panels ask here, so they never disagree about a customer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from console.billing.control_guards import HORIZON_DAYS, DisconnectFacts, Outlook, outlook
from console.billing.cost_rules import Facts
from console.models import ControlCommand, Customer, Meter
from console.models.enums import CommandAction, CommandReason, CommandState, CostControlMode
from console.services.billing.ledger import balance_of
from console.services.cost_control.data import load_accounts
from console.services.cost_control.policy import load_calendar, load_policies
from console.timeutil import LOCAL

S = CommandState
REQUEST_TTL = dt.timedelta(hours=24)  # a request nobody approved in a day expires
ALLOWED = Outlook(None, None)


@dataclass(frozen=True)
class Ask:
    """A disconnect to judge: `exclude` is the command being decided (not counted in the cap)."""

    customer_id: int | None
    meter_id: int
    reason: str
    exclude: int | None = None


def disconnect_outlook(session: Session, *, customer_id: int | None, meter_id: int, reason: str,
                       now: dt.datetime, exclude: int | None = None) -> Outlook:
    """The guards' answer for cutting this meter now (`exclude`: the command being decided)."""
    return disconnect_outlooks(session, [Ask(customer_id, meter_id, reason, exclude)], now)[0]


def disconnect_outlooks(session: Session, asks: Sequence[Ask], now: dt.datetime) -> list[Outlook]:
    """`disconnect_outlook` for many at once: one read of accounts, policies and calendar."""
    meters = {m.id: m for m in _by_ids(session, Meter, {a.meter_id for a in asks})}
    owners = {a.customer_id or meters[a.meter_id].customer_id for a in asks} - {None}
    customers = {c.id: c for c in _by_ids(session, Customer, owners)}
    facts = {a.facts.customer_id: a.facts for a in load_accounts(session, sorted(customers), now)}
    book = load_policies(session)
    calendar = load_calendar(session, book, start=now.astimezone(LOCAL).date(),
                             days=HORIZON_DAYS)
    recent: dict[tuple[int, int | None], int] = {}
    out = []
    for ask in asks:
        meter = meters[ask.meter_id]
        customer = customers.get(ask.customer_id or meter.customer_id)
        if customer is None:
            out.append(ALLOWED)  # a meter on no account: nobody's supply to protect
            continue
        key = (customer.unit_id, ask.exclude)
        if key not in recent:
            recent[key] = _recent_disconnects(session, customer.unit_id, now, ask.exclude)
        account = facts.get(customer.id) or _closed_facts(session, customer)
        out.append(outlook(DisconnectFacts(account, ask.reason == CommandReason.ARREARS,
                                           bool(meter.guarantee), recent[key]),
                           book.for_account(customer.unit_id, customer.category), calendar, now))
    return out


def _by_ids(session: Session, model, ids: set[int]) -> list:  # a mapped class
    ids_ = sorted(ids)
    found: list = []
    for first in range(0, len(ids_), 900):
        found += session.scalars(select(model).where(model.id.in_(ids_[first:first + 900])))
    return found


def may_wait(found: Outlook, now: dt.datetime) -> bool:
    """A request may be recorded: allowed now, or by time alone within the request's life."""
    if found.allowed:
        return True
    return (found.step is None and found.ready_at is not None
            and found.ready_at <= now + REQUEST_TTL)


def _recent_disconnects(session: Session, unit_id: int, now: dt.datetime,
                        exclude: int | None) -> int:
    """The unit's disconnects sent, or approved and waiting, in the last hour."""
    c, since = ControlCommand, now - dt.timedelta(hours=1)
    query = (select(func.count()).select_from(c).join(Customer, Customer.id == c.customer_id)
             .where(Customer.unit_id == unit_id, c.action == CommandAction.DISCONNECT,
                    or_(c.sent_at > since,
                        (c.state.in_((S.APPROVED, S.QUEUED))) & (c.approved_at > since))))
    if exclude is not None:
        query = query.where(c.id != exclude)
    return session.scalar(query) or 0


def _closed_facts(session: Session, customer: Customer) -> Facts:
    return Facts(customer.id, customer.unit_id, customer.category,
                 customer.cost_control_mode == CostControlMode.PREPAID,
                 balance_of(session, customer.id), customer.control_state,
                 bool(customer.protected))
