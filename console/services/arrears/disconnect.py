"""Disconnect requests from the arrears panel: first what would happen, then the requests.

    plan = plan_disconnections(db, supervisor, ids)      # writes nothing
    done = request_disconnections(db, supervisor, ids, idempotency_key=key)

Each customer gets the answer switch control gives a single request
(console.services.control.commands.ask_for): requested (approvable now or from a
named moment), already requested, or refused by a rule — with the step a
person can take (serve the disconnect notice, send the 30-minute reminder)
and when the cut becomes possible. The reminder is sent with the request
when it is the only thing missing; a notice is served from the panel's own
action. Customers outside the actor's units are answered "out_of_scope" (counted among
the refused, so the panel says how many were left out) and never written for.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.billing.control_guards import Outlook
from console.errors import ControlRefused, ValidationError
from console.models import ControlCommand, Customer, utcnow
from console.models.enums import CommandAction, CommandReason, ControlState
from console.services.acting import covers, use_case
from console.services.actor import Actor
from console.services.control.commands import ask_for
from console.services.control.outlook import Ask, disconnect_outlooks, may_wait
from console.services.control.requests import check_batch, first_meters, open_disconnects
from console.services.cost_control.data import load_accounts
from console.services.permissions import Permission


@dataclass(frozen=True)
class DisconnectCandidate:
    """One customer's answer: `rule` "" when requestable; `command_id` of the (open) request."""

    customer_id: int
    customer_no: str
    name: str
    arrears: Decimal  # overdue and unpaid (prepaid: below zero), as cost control reads it
    rule: str  # the refusing guard now ("" when the guards allow it now)
    ready_at: dt.datetime | None  # when approval becomes possible (None: no waiting will do)
    step: str  # what a person can do first: serve_notice, send_final_reminder, or ""
    requestable: bool  # a request may be recorded now (with the step taken, if it is the reminder)
    command_id: int | None = None
    created: bool = False
    reminder_sent: bool = False

    @property
    def outcome(self) -> str:
        """requested, open (already requested), reminder (requestable once it is sent),
        notice (a notice to serve first), or refused."""
        if self.command_id is not None:
            return "requested" if self.created else "open"
        if self.requestable:
            return "reminder" if self.step == "send_final_reminder" else "requestable"
        return "notice" if self.step == "serve_notice" else "refused"


@dataclass(frozen=True)
class DisconnectPlan:
    rows: tuple[DisconnectCandidate, ...]
    now: dt.datetime

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(r.outcome for r in self.rows))

    def of(self, outcome: str) -> list[DisconnectCandidate]:
        return [r for r in self.rows if r.outcome == outcome]


@use_case(Permission.REQUEST_CONTROL, filters=True)
def plan_disconnections(db, actor: Actor, customer_ids: Sequence[int], *,
                        now: dt.datetime | None = None) -> DisconnectPlan:
    """What requesting disconnection of these customers would do now; writes nothing."""
    ids, now = check_batch(customer_ids), now or utcnow()
    with db.read() as session:
        return DisconnectPlan(tuple(_answers(session, actor, ids, now)), now)


@use_case(Permission.REQUEST_CONTROL, filters=True)
def request_disconnections(db, actor: Actor, customer_ids: Sequence[int], *,
                           idempotency_key: str, send_reminders: bool = True,
                           now: dt.datetime | None = None) -> DisconnectPlan:
    """Record a disconnect request (reason arrears) for each customer the guards let through,
    sending the 30-minute reminder first where it is the one thing missing.

    The same key again returns the same requests and writes nothing.
    """
    if not idempotency_key or len(idempotency_key) > 40:
        raise ValidationError("an idempotency key of 1 to 40 characters is required",
                              field="idempotency_key", reason="invalid")
    ids, now = check_batch(customer_ids), now or utcnow()
    with db.uow() as session:
        out = []
        for row in _answers(session, actor, ids, now):
            if row.requestable and row.command_id is None:
                row = _ask(session, actor, row, f"arrears:{idempotency_key}:{row.customer_id}",
                           send_reminders, now)
            out.append(row)
        return DisconnectPlan(tuple(out), now)


def _ask(session: Session, actor: Actor, row: DisconnectCandidate, key: str, remind: bool,
         now: dt.datetime) -> DisconnectCandidate:
    earlier = session.scalar(select(ControlCommand).where(ControlCommand.idempotency_key == key))
    if earlier is not None:
        return _with(row, command_id=earlier.id, created=True)
    try:
        view = ask_for(session, actor, customer_id=row.customer_id,
                       action=CommandAction.DISCONNECT, reason=CommandReason.ARREARS,
                       meter_id=None, key=key, send_final_reminder=remind, now=now)
    except ControlRefused as refused:  # changed since it was read: say so, ask no more
        return _with(row, rule=str(refused.params.get("rule", "")), requestable=False,
                     ready_at=refused.params.get("ready_at"))
    return _with(row, command_id=view.command_id, created=view.created,
                 reminder_sent=row.step == "send_final_reminder")


def _with(row: DisconnectCandidate, **changes: object) -> DisconnectCandidate:
    return DisconnectCandidate(**{**row.__dict__, **changes})


def _answers(session: Session, actor: Actor, ids: list[int],
             now: dt.datetime) -> list[DisconnectCandidate]:
    customers = list(session.scalars(select(Customer).where(Customer.id.in_(ids))
                                     .order_by(Customer.id)))
    arrears = {a.facts.customer_id: a.owed for a in load_accounts(session, ids, now)}
    meters, open_ = first_meters(session, ids), open_disconnects(session, ids)
    out = [_first_look(c, arrears.get(c.id, Decimal("0.00")), meters.get(c.id),
                       open_.get(c.id)) for c in customers]
    judge = [i for i, row in enumerate(out) if row.rule == ""]
    asks = [Ask(out[i].customer_id, _meter(out[i], meters, open_), CommandReason.ARREARS,
                out[i].command_id) for i in judge]
    for i, found in zip(judge, disconnect_outlooks(session, asks, now), strict=True):
        out[i] = _judged(out[i], found, now)
    return out


def _meter(row: DisconnectCandidate, meters: dict[int, int], open_: dict) -> int:
    command = open_.get(row.customer_id)
    return command.meter_id if command is not None else meters[row.customer_id]


def _first_look(c: Customer, arrears: Decimal, meter_id: int | None,
                command) -> DisconnectCandidate:  # ControlCommand
    """What is known without the guards: scope, an open request, a cut already made."""
    if not covers(c.unit_id):  # counted, but nothing about another unit's customer shown
        return DisconnectCandidate(c.id, "", "", Decimal("0.00"), "out_of_scope", None, "", False)
    base = DisconnectCandidate(c.id, c.customer_no, c.name, arrears, "", None, "", False)
    if command is not None:
        return _with(base, command_id=command.id, requestable=True)
    if c.control_state == ControlState.DISCONNECTED:
        return _with(base, rule="already_disconnected")
    if meter_id is None:
        return _with(base, rule="no_meter")
    return base


def _judged(row: DisconnectCandidate, found: Outlook, now: dt.datetime) -> DisconnectCandidate:
    rule = found.refusal.guard.value if found.refusal else ""
    if row.command_id is not None:  # already asked for: when it can be approved
        return _with(row, ready_at=found.ready_at, rule=rule)
    step = found.step.value if found.step else ""
    waits = may_wait(found, now) or step == "send_final_reminder" and found.ready_at is not None
    return _with(row, rule=rule, ready_at=found.ready_at, step=step, requestable=waits)
