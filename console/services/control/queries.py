"""Read-only views of switch control for the switch control panel and the customer view.

    queue = command_queue(db, supervisor, scope="open")     # the live queue, newest first
    detail = meter_detail(db, supervisor, queue.rows[0].meter_id)   # relay, last read, history
    facts = control_facts(db, clerk, customer_id)           # what a confirmation shows

The workflow itself (request, approve, reject, cancel, retry) is
console.services.control.commands; nothing here writes. Every row carries the names a
person reads (customer, meter, requester) so the panel never asks twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import aliased

from console.db import Database
from console.errors import NotFound
from console.models import ControlCommand, Customer, Meter, Unit, User, utcnow
from console.models.enums import AccessPurpose, CommandAction, CommandState
from console.services.acting import in_scope, use_case
from console.services.actor import Actor
from console.services.control.outlook import Ask, disconnect_outlooks
from console.services.customers.view import customer_detail
from console.services.permissions import Permission

S = CommandState
OPEN_STATES = (S.REQUESTED, S.APPROVED, S.QUEUED, S.SENT)
SCOPES = ("open", "failed", "all")
QUEUE_LIMIT = 500
HISTORY_LIMIT = 50
RECENT = dt.timedelta(minutes=10)  # "open" still shows what ended this long ago, marked
OUTLOOKS = 200  # requests per read told when they become approvable


@dataclass(frozen=True)
class QueueRow:
    """One switch command with the names a person reads beside it."""

    command_id: int
    customer_id: int | None
    customer_no: str
    customer_name: str
    unit_name: str
    meter_id: int
    meter_asset_no: str
    action: str
    reason: str
    state: str
    rule: str
    refused_rule: str
    error: str
    attempts: int
    requested_by: int | None
    requester: str
    approver: str
    requested_at: dt.datetime
    approved_at: dt.datetime | None
    sent_at: dt.datetime | None
    finished_at: dt.datetime | None
    expires_at: dt.datetime | None
    retry_of: int | None = None  # the failed or expired command this one sends again
    # A disconnect waiting for approval: the guard that still stops it and when that ends
    # (None: no waiting will do), from console.services.control.outlook.
    waiting_rule: str = ""
    ready_at: dt.datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_failure(self) -> bool:
        """Failed or expired at the meter, or stopped by a guard on its way out."""
        return self.state in (S.FAILED, S.EXPIRED) or (
            self.state == S.REJECTED and bool(self.refused_rule))


@dataclass(frozen=True)
class CommandQueue:
    """The queue as read at `read_at`, and the units the reader may filter by."""

    rows: tuple[QueueRow, ...]
    units: tuple[tuple[int, str], ...]
    read_at: dt.datetime


@dataclass(frozen=True)
class MeterState:
    """A meter's relay as the collector last read it."""

    meter_id: int
    asset_no: str
    address: str
    status: str
    relay_state: str
    relay_changed_at: dt.datetime | None
    guarantee: bool
    comm_state: str
    comm_error: str
    comm_failures: int
    last_seen_at: dt.datetime | None  # the last status word the collector read
    has_relay: bool


@dataclass(frozen=True)
class MeterDetail:
    meter: MeterState
    customer_no: str
    customer_name: str
    history: tuple[QueueRow, ...]


@dataclass(frozen=True)
class ControlFacts:
    """What a person must see before switching a customer's supply by hand."""

    customer_id: int
    customer_no: str
    name: str
    address: str
    unit_name: str
    category: str
    protected: bool
    protected_reason: str
    status: str
    control_state: str
    arrears: Decimal  # overdue unpaid principal (console.billing.owing.arrears)
    late_fees: Decimal
    amount_due: Decimal  # owed in total (owing.owed) plus the late fees
    days_overdue: int
    meters: tuple[MeterState, ...]
    open_commands: tuple[QueueRow, ...]
    not_yet_due: Decimal = Decimal("0.00")  # owed on bills whose due date has not come


@use_case(Permission.LOOKUP, filters=True, unit="unit_id")
def command_queue(db: Database, actor: Actor, *, scope: str = "open", unit_id: int | None = None,
                  text: str = "", limit: int = QUEUE_LIMIT) -> CommandQueue:
    """Commands of the actor's units (and below), newest first.

    scope: "open" (requested to sent, and for RECENT minutes after a command
    ends, so a confirmed one does not vanish under the supervisor's eyes),
    "failed" (failed, expired, or stopped by a guard) or "all"; disconnects
    awaiting approval carry the guard that still stops them and when it ends; `unit_id`
    narrows to one unit of those (another unit is refused); `text` to customers whose
    number or name, or meters whose asset number, contain it.
    """
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    now = utcnow()
    with db.read() as session:
        units = dict(session.execute(select(Unit.id, Unit.name).where(in_scope(Unit.id))).all())
        query = _rows_query().where(in_scope(Customer.unit_id))
        if unit_id is not None:
            query = query.where(Customer.unit_id == unit_id)
        query = query.where(_scope_clause(scope, now)).order_by(ControlCommand.id.desc()).limit(limit)
        if t := text.strip():
            query = query.where(or_(Customer.customer_no.contains(t, autoescape=True),
                                    Customer.name.contains(t, autoescape=True),
                                    Meter.asset_no.contains(t, autoescape=True)))
        rows = _with_outlooks(session, [_row(r) for r in session.execute(query)], now)
        return CommandQueue(rows, tuple(sorted(units.items(), key=lambda u: u[1])), now)


@use_case(Permission.LOOKUP, customer="customer_id")
def customer_commands(db: Database, actor: Actor, customer_id: int, *,
                      limit: int = 5) -> tuple[QueueRow, ...]:
    """The customer's newest commands, newest first (the customer view follows the first)."""
    with db.read() as session:
        query = _rows_query().where(ControlCommand.customer_id == customer_id)
        return tuple(_row(r) for r in session.execute(
            query.order_by(ControlCommand.id.desc()).limit(limit)))


@use_case(Permission.LOOKUP, meter="meter_id")
def meter_detail(db: Database, actor: Actor, meter_id: int, *,
                 limit: int = HISTORY_LIMIT) -> MeterDetail:
    """The meter's relay and last status read, its customer, and its commands newest first."""
    with db.read() as session:
        meter = session.get(Meter, meter_id)
        if meter is None:
            raise NotFound("no such meter", entity="meter", id=meter_id)
        customer = session.get(Customer, meter.customer_id) if meter.customer_id else None
        query = _rows_query().where(ControlCommand.meter_id == meter_id)
        history = tuple(_row(r) for r in session.execute(
            query.order_by(ControlCommand.id.desc()).limit(limit)))
        return MeterDetail(_meter_state(meter), customer.customer_no if customer else "",
                           customer.name if customer else "", history)


@use_case(Permission.LOOKUP, customer="customer_id")
def control_facts(db: Database, actor: Actor, customer_id: int) -> ControlFacts:
    """Identity, protection and what is owed (from the customer view's own reading),
    the meters' relays and the open commands of one customer."""
    detail = customer_detail(db, actor, customer_id, purpose=AccessPurpose.CONTROL)
    who, acc = detail.identity, detail.account
    with db.read() as session:
        meters = tuple(_meter_state(m) for m in session.scalars(
            select(Meter).where(Meter.customer_id == customer_id).order_by(Meter.id)))
        open_ = tuple(_row(r) for r in session.execute(
            _rows_query().where(ControlCommand.customer_id == customer_id,
                                ControlCommand.state.in_(OPEN_STATES))
            .order_by(ControlCommand.id.desc())))
    return ControlFacts(who.id, who.customer_no, who.name, who.address, who.unit_name,
                        who.category, who.protected, who.protected_reason, who.status,
                        acc.control_state, acc.arrears, acc.late_fees, acc.amount_due,
                        acc.days_overdue, meters, open_, acc.not_yet_due)


def _with_outlooks(session, rows: list[QueueRow], now: dt.datetime) -> tuple[QueueRow, ...]:
    """Disconnects awaiting approval, with the guard that still stops them and until when."""
    asked = [i for i, r in enumerate(rows) if r.state == S.REQUESTED
             and r.action == CommandAction.DISCONNECT][:OUTLOOKS]
    found = disconnect_outlooks(session, [Ask(rows[i].customer_id, rows[i].meter_id,
                                              rows[i].reason, rows[i].command_id)
                                          for i in asked], now)
    for i, answer in zip(asked, found, strict=True):
        if answer.refusal is not None:
            rows[i] = replace(rows[i], waiting_rule=answer.refusal.guard.value,
                              ready_at=answer.ready_at)
    return tuple(rows)


def _scope_clause(scope: str, now: dt.datetime):  # a SQL expression
    c = ControlCommand
    if scope == "open":
        return or_(c.state.in_(OPEN_STATES), c.finished_at > now - RECENT)
    if scope == "failed":
        return or_(c.state.in_((S.FAILED, S.EXPIRED)),
                   and_(c.state == S.REJECTED, c.refused_rule != ""))
    return c.id.is_not(None)


def _rows_query() -> Select:
    requester, approver = aliased(User), aliased(User)
    c = ControlCommand
    return (select(c.id, c.customer_id, Customer.customer_no, Customer.name, Unit.name,
                   c.meter_id, Meter.asset_no, c.action, c.reason, c.state, c.rule,
                   c.refused_rule, c.error, c.attempts, c.requested_by, requester.full_name,
                   approver.full_name, c.requested_at, c.approved_at, c.sent_at,
                   c.finished_at, c.expires_at, c.retry_of)
            .join(Meter, Meter.id == c.meter_id)
            .outerjoin(Customer, Customer.id == c.customer_id)
            .outerjoin(Unit, Unit.id == Customer.unit_id)
            .outerjoin(requester, requester.id == c.requested_by)
            .outerjoin(approver, approver.id == c.approved_by))


def _row(r) -> QueueRow:  # a result Row
    (cid, customer_id, number, name, unit, meter_id, asset, action, reason, state, rule,
     refused, error, attempts, by, requester, approver, requested, approved, sent,
     finished, expires, retry_of) = r
    return QueueRow(cid, customer_id, number or "", name or "", unit or "", meter_id, asset,
                    action, reason, state, rule or "", refused or "", error or "",
                    attempts or 0, by, requester or "", approver or "", requested, approved,
                    sent, finished, expires, retry_of)


def _meter_state(m: Meter) -> MeterState:
    return MeterState(m.id, m.asset_no, m.address, m.status, m.relay_state, m.relay_changed_at,
                      bool(m.guarantee), m.comm_state, m.comm_error or "", m.comm_failures or 0,
                      m.last_seen_at, bool(m.has_relay))

