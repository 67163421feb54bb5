"""Whether a disconnect may go ahead now, and if not, when or after what (switch control).

    found = disconnect_outlook(session, customer_id=7, meter_id=12, reason="arrears", now=now)
    found.refusal, found.ready_at, found.step

The facts come from the rows as this transaction sees them; the rules are
console.billing.control_guards. Request, approval, the collector and the
panels ask here, so they never disagree about a customer.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from console.billing.control_guards import HORIZON_DAYS, DisconnectFacts, Outlook, outlook
from console.billing.cost_rules import Facts
from console.models import ControlCommand, Customer, Meter
from console.models.enums import CommandAction, CommandReason, CommandState, CostControlMode
from console.services.cost_control_data import load_accounts
from console.services.cost_policy import load_calendar, load_policies
from console.services.ledger import balance_of
from console.timeutil import LOCAL

S = CommandState
REQUEST_TTL = dt.timedelta(hours=24)  # a request nobody approved in a day expires
ALLOWED = Outlook(None, None)


def disconnect_outlook(session: Session, *, customer_id: int | None, meter_id: int, reason: str,
                       now: dt.datetime, exclude: int | None = None) -> Outlook:
    """The guards' answer for cutting this meter now (`exclude`: the command being decided)."""
    meter = session.get(Meter, meter_id)
    customer = session.get(Customer, customer_id) if customer_id is not None else None
    if customer is None:
        customer = session.get(Customer, meter.customer_id) if meter.customer_id else None
    if customer is None:
        return ALLOWED  # a meter on no account: nobody's supply to protect
    found = load_accounts(session, [customer.id], now)
    facts = found[0].facts if found else _closed_facts(session, customer)
    book = load_policies(session)
    policy = book.for_account(customer.unit_id, customer.category)
    calendar = load_calendar(session, book, start=now.astimezone(LOCAL).date(),
                             days=HORIZON_DAYS)
    recent = _recent_disconnects(session, customer.unit_id, now, exclude)
    return outlook(DisconnectFacts(facts, reason == CommandReason.ARREARS, bool(meter.guarantee),
                                   recent), policy, calendar, now)


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
