"""What the cost-control run reads: the accounts worth a look, then their facts, chunk by chunk.

Set-based throughout: a handful of grouped queries per chunk of customer ids
(`IN` on SQLite, one array parameter on PostgreSQL), never a query per account.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Integer, case, func, select, union
from sqlalchemy.orm import Session

from console.billing.allocation import OPEN_STATES
from console.billing.cost_rules import Facts
from console.billing.money import ZERO
from console.models import Bill, ControlCommand, Customer, LedgerEntry, Meter, Notice
from console.models.enums import (
    CommandAction,
    ControlState,
    CostControlMode,
    CustomerStatus,
    MeterStatus,
    NoticeKind,
    NoticeStatus,
)
from console.services.billing.run_data import member
from console.services.control.types import OPEN
from console.services.messages.keys import official
from console.timeutil import LOCAL

LIVE = (NoticeStatus.PENDING, NoticeStatus.SENT, NoticeStatus.SERVED)


@dataclass(frozen=True)
class Account:
    """Facts for the rules, plus what acting on them needs."""

    facts: Facts
    meter_id: int | None  # first meter in service
    has_phone: bool
    owed: Decimal  # max(0, -balance)


def day_start(now: dt.datetime) -> dt.datetime:
    """Local midnight of `now`'s day, in UTC."""
    local = now.astimezone(LOCAL)
    return dt.datetime.combine(local.date(), dt.time(), tzinfo=LOCAL).astimezone(dt.UTC)


def candidate_ids(session: Session, today: dt.date, *,
                  units: Sequence[int] | None = None) -> list[int]:
    """Accounts that may need action: bills overdue, prepaid, or not in the normal state
    (of these units only, when given)."""
    overdue = select(Bill.customer_id).where(Bill.status.in_(OPEN_STATES), Bill.due_date < today)
    prepaid = select(Customer.id).where(Customer.cost_control_mode == CostControlMode.PREPAID,
                                        Customer.status == CustomerStatus.ACTIVE)
    flagged = select(Customer.id).where(Customer.control_state != ControlState.NORMAL)
    ids = union(overdue, prepaid, flagged).subquery()
    query = select(ids.c[0])
    if units is not None:
        query = query.join(Customer, Customer.id == ids.c[0]).where(Customer.unit_id.in_(units))
    return sorted(session.scalars(query))


def load_accounts(session: Session, ids: Sequence[int], now: dt.datetime) -> list[Account]:
    """Facts of the active customers among `ids`, as they stand in this transaction."""
    today = now.astimezone(LOCAL).date()
    balances = _sum_by(session, LedgerEntry.customer_id, LedgerEntry.amount, ids)
    unpaid = Bill.amount - Bill.paid_amount
    not_due = _sum_by(session, Bill.customer_id, unpaid, ids, Bill.status.in_(OPEN_STATES),
                      Bill.due_date >= today)
    overdue = _grouped(session, Bill.customer_id, func.min(Bill.due_date), ids,
                       Bill.status.in_(OPEN_STATES), Bill.due_date < today)
    meters = _meters(session, ids)
    notices = _live_notices(session, ids)
    finals = _grouped(session, Notice.customer_id, func.max(Notice.created_at), ids,
                      Notice.kind == NoticeKind.DISCONNECT_REMINDER, Notice.status.in_(LIVE), official(),
                      Notice.created_at >= day_start(now))
    requests = set(_grouped(session, ControlCommand.customer_id, func.count(), ids,
                            ControlCommand.action == CommandAction.DISCONNECT,
                            ControlCommand.state.in_(OPEN)))
    out = []
    for c in session.execute(select(Customer.id, Customer.unit_id, Customer.category,
                                    Customer.cost_control_mode, Customer.control_state,
                                    Customer.protected, Customer.phone)
                             .where(member(session, Customer.id, ids),
                                    Customer.status == CustomerStatus.ACTIVE)):
        prepaid = c.cost_control_mode == CostControlMode.PREPAID
        balance = balances.get(c.id, ZERO) + (ZERO if prepaid else not_due.get(c.id, ZERO))
        meter_id, guarantee = meters.get(c.id, (None, False))
        served, pending, deadline = notices.get(c.id, (None, False, None))
        facts = Facts(c.id, c.unit_id, c.category, prepaid, balance, c.control_state,
                      bool(c.protected), guarantee, meter_id is not None, overdue.get(c.id),
                      served, pending, deadline, finals.get(c.id), c.id in requests)
        out.append(Account(facts, meter_id, bool(c.phone), max(ZERO, -balance)))
    return out


def _grouped(session: Session, key, value, ids: Sequence[int], *where) -> dict:
    rows = session.execute(select(key, value).where(member(session, key, ids), *where)
                           .group_by(key))
    return dict(rows.all())


def _sum_by(session: Session, key, amount, ids: Sequence[int], *where) -> dict[int, Decimal]:
    # sum() keeps the column's Money type, so SQLite's stored fen come back as yuan.
    return {k: Decimal(v).quantize(ZERO)
            for k, v in _grouped(session, key, func.sum(amount), ids, *where).items()}


def _meters(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, bool]]:
    """customer id -> (first meter in service, whether any of its meters is under 保电)."""
    guarantee = func.max(case((Meter.guarantee.is_(True), 1), else_=0)).cast(Integer)
    rows = session.execute(select(Meter.customer_id, func.min(Meter.id), guarantee)
                           .where(member(session, Meter.customer_id, ids),
                                  Meter.status == MeterStatus.IN_SERVICE)
                           .group_by(Meter.customer_id))
    return {cid: (mid, bool(g)) for cid, mid, g in rows if cid is not None}


def _live_notices(session: Session, ids: Sequence[int]
                  ) -> dict[int, tuple[dt.datetime | None, bool, dt.datetime | None]]:
    """customer id -> (delivered at, still pending, deadline) of its current disconnect notice.

    Only customers in state 'notice' have a current one: clearing the state
    ends the episode, and an older notice no longer counts.
    """
    latest = (select(func.max(Notice.id).label("nid")).select_from(Notice)
              .join(Customer, Customer.id == Notice.customer_id)
              .where(member(session, Notice.customer_id, ids), Notice.kind == NoticeKind.DISCONNECT,
                     Notice.status.in_(LIVE), Customer.control_state == ControlState.NOTICE, official())
              .group_by(Notice.customer_id).subquery())
    rows = session.execute(select(Notice.customer_id, Notice.status, Notice.served_at,
                                  Notice.sent_at, Notice.created_at, Notice.deadline)
                           .join(latest, latest.c.nid == Notice.id))
    # Rows from before the outbox (demo, imports) may be sent without a sent_at.
    return {cid: (None if status == NoticeStatus.PENDING else (served or sent or created),
                  status == NoticeStatus.PENDING, deadline)
            for cid, status, served, sent, created, deadline in rows}
