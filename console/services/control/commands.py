"""Remote switch control (seed paper 2.2): requesting, approving and ending switch commands.

    view = request_command(db, clerk, customer_id=7, action="disconnect", reason="arrears")
    approve_command(db, supervisor, view.command_id)   # -> queued; the collector sends it

requested -> approved -> queued -> sent -> confirmed, or rejected, failed,
cancelled, expired; every transition is one audit event in its transaction.
One open command per meter: asking for the same action again returns the
open one; asking for its opposite cancels it first. Disconnects wait for a
supervisor who is not the requester (four eyes); reconnects, alarms and 保电
are queued at once. The policy guards (console.billing.control_guards) are
asked at request, at approval and by the collector just before the trip.

A payment calls `on_payment` inside its own transaction: it cancels arrears
disconnects not yet sent and, once the arrears are cleared, queues the
reconnect of a meter cut for arrears. Anything refused raises ControlRefused
naming its rule, and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from console.billing.control_guards import Outlook, Step, still_owes
from console.db import Database
from console.errors import ControlRefused, ValidationError
from console.models import ControlCommand, Customer, Meter, utcnow
from console.models.enums import (
    CommandAction,
    CommandReason,
    CommandState,
    ControlState,
    MeterStatus,
    RelayState,
)
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.control.checks import (
    active_customer,
    check_choice,
    check_relay,
    check_superseded,
    command_row,
    commands_in_scope,
    decidable,
    meter_of,
    open_on_meter,
)
from console.services.control.moves import move, queue, record
from console.services.control.outlook import REQUEST_TTL, disconnect_outlook, may_wait
from console.services.control.types import OPEN, PENDING, CommandView
from console.services.cost_control.data import load_accounts
from console.services.cost_control.policy import load_policies
from console.services.notices.issue import send_final_reminder
from console.services.permissions import Permission
from console.services.rows import existing

S = CommandState


@use_case(Permission.REQUEST_CONTROL, system=True, customer="customer_id", meter="meter_id")
def request_command(db: Database, actor: Actor, *, customer_id: int, action: str, reason: str,
                    meter_id: int | None = None, idempotency_key: str | None = None,
                    send_final_reminder: bool = False,
                    now: dt.datetime | None = None) -> CommandView:
    """Ask for a switch command on the customer's meter (default: its first in service).

    Disconnects wait in 'requested' for approval. One is refused when a guard
    forbids it for good, when a step is missing (the refusal names it: serve
    the notice, send the 30-minute reminder) or when waiting would outlast
    the request; one that only has to wait is recorded, and the approval
    becomes possible at the moment the refusal or the queue names.
    `send_final_reminder` sends a missing 30-minute reminder now, first.
    Other actions are queued at once. Needs REQUEST_CONTROL and a customer of the
    actor's units (a system process acts on any).
    """
    check_choice(action, CommandAction, "action")
    check_choice(reason, CommandReason, "reason")
    now = now or utcnow()
    with db.uow() as session:
        if idempotency_key:
            earlier = session.scalar(select(ControlCommand)
                                     .where(ControlCommand.idempotency_key == idempotency_key))
            if earlier is not None and earlier.customer_id == customer_id:
                return CommandView.of(earlier)
            if earlier is not None:  # a key already spent on another customer's command
                raise ValidationError("the idempotency key was used for another customer",
                                      field="idempotency_key", reason="reused")
        return ask_for(session, actor, customer_id=customer_id, action=action, reason=reason,
                       meter_id=meter_id, key=idempotency_key or f"{action}:{uuid.uuid4().hex}",
                       send_final_reminder=send_final_reminder, now=now)


def ask_for(session: Session, actor: Actor, *, customer_id: int, action: str, reason: str,
            meter_id: int | None, key: str, send_final_reminder: bool,
            now: dt.datetime) -> CommandView:
    """request_command inside the caller's transaction (a batch asks for many)."""
    customer = active_customer(session, customer_id)
    meter = meter_of(session, customer, meter_id)
    check_relay(meter, action)
    open_ = open_on_meter(session, meter.id)
    same = next((c for c in open_ if c.action == action), None)
    if same is not None:
        return CommandView.of(same)
    check_superseded(open_, action)
    if action == CommandAction.DISCONNECT:
        if send_final_reminder:
            remind_if_missing(session, actor, customer_id, meter.id, reason, now)
        _guard(session, customer_id, meter.id, reason, now, asking=True)
    for c in open_:
        move(session, actor, c, S.CANCELLED, now, error=f"superseded by {action}")
    command = ControlCommand(
        meter_id=meter.id, customer_id=customer_id, action=action, reason=reason,
        state=S.REQUESTED, idempotency_key=key, requested_by=actor.user_id, requested_at=now,
        expires_at=now + REQUEST_TTL, rule="manual", refused_rule="", error="", attempts=0)
    session.add(command)
    session.flush()
    record(session, actor, command, None)
    if action != CommandAction.DISCONNECT:
        queue(session, actor, command, now)
    return CommandView.of(command, created=True)


@use_case(Permission.APPROVE_CONTROL, command="command_id")
def approve_command(db: Database, actor: Actor, command_id: int, *,
                    now: dt.datetime | None = None) -> CommandView:
    """Approve a requested command of the actor's units (four eyes: not one's own request)
    and queue it."""
    now = now or utcnow()
    with db.uow() as session:
        command = decidable(session, command_id, now)
        if command.requested_by is not None and command.requested_by == actor.user_id:
            raise ControlRefused("approving one's own request", rule="own_request",
                                 command_id=command_id)
        if command.customer_id is not None:
            customer = active_customer(session, command.customer_id)
            check_relay(meter_of(session, customer, command.meter_id), command.action)
        if command.action == CommandAction.DISCONNECT:
            _guard(session, command.customer_id, command.meter_id, command.reason, now,
                   exclude=command.id)
        command.approved_by, command.approved_at = actor.user_id, now
        move(session, actor, command, S.APPROVED, now)
        queue(session, actor, command, now)
        return CommandView.of(command)


@use_case(Permission.APPROVE_CONTROL, command="command_id")
def reject_command(db: Database, actor: Actor, command_id: int, *, reason: str,
                   now: dt.datetime | None = None) -> CommandView:
    """Turn a requested command of the actor's units down, with the reason the requester
    will read."""
    text = (reason or "").strip()
    if not text:
        raise ControlRefused("a reason is required", rule="reason_required", command_id=command_id)
    now = now or utcnow()
    with db.uow() as session:
        command = decidable(session, command_id, now)
        move(session, actor, command, S.REJECTED, now, error=text[:500])
        return CommandView.of(command)


@use_case(Permission.REQUEST_CONTROL, command="command_id")
def cancel_command(db: Database, actor: Actor, command_id: int, *, reason: str = "",
                   now: dt.datetime | None = None) -> CommandView:
    """Cancel a command of the actor's units not yet sent to the meter (one on the wire
    cannot be called back)."""
    now = now or utcnow()
    with db.uow() as session:
        command = command_row(session, command_id)
        if command.state == S.SENT:
            raise ControlRefused("the command is on its way to the meter", rule="in_flight",
                                 command_id=command_id)
        if command.state not in PENDING:
            raise ControlRefused("the command is already decided", rule="already_decided",
                                 command_id=command_id, state=command.state)
        if command.reason == CommandReason.PAYMENT:  # the customer paid: power is owed back
            raise ControlRefused("a reconnect after payment cannot be cancelled",
                                 rule="reconnect_after_payment", command_id=command_id)
        move(session, actor, command, S.CANCELLED, now, error=(reason or "cancelled").strip()[:500])
        return CommandView.of(command)


@use_case(Permission.APPROVE_CONTROL, command="command_id")
def retry_command(db: Database, actor: Actor, command_id: int, *,
                  now: dt.datetime | None = None) -> CommandView:
    """Send a failed or expired command again, as a new command that points back to it.

    The copy keeps the original requester; the supervisor who retries stands
    as its approver, so a disconnect cannot be retried by the person who asked
    for it (four eyes), and the guards are asked again. The meter must have no
    newer command (a later reconnect or payment has overtaken the old intent)
    and nothing open. Retrying twice returns the open retry. Needs APPROVE_CONTROL and
    a command of the actor's units.
    """
    now = now or utcnow()
    with db.uow() as session:
        old = command_row(session, command_id)
        earlier = session.scalar(select(ControlCommand)
                                 .where(ControlCommand.idempotency_key == f"retry:{command_id}"))
        if earlier is not None and earlier.state in OPEN:
            return CommandView.of(earlier)
        _check_retryable(session, actor, old)
        customer = active_customer(session, old.customer_id) if old.customer_id else None
        if customer is not None:
            check_relay(meter_of(session, customer, old.meter_id), old.action)
        if old.action == CommandAction.DISCONNECT:
            _guard(session, old.customer_id, old.meter_id, old.reason, now)
        command = ControlCommand(
            meter_id=old.meter_id, customer_id=old.customer_id, action=old.action,
            reason=old.reason, state=S.REQUESTED, idempotency_key=f"retry:{command_id}",
            requested_by=old.requested_by, requested_at=now, rule=old.rule, refused_rule="",
            error="", attempts=0, retry_of=old.id, approved_by=actor.user_id)
        session.add(command)
        session.flush()
        record(session, actor, command, None, retry_of=old.id)
        queue(session, actor, command, now)
        return CommandView.of(command, created=True)


def _check_retryable(session: Session, actor: Actor, old: ControlCommand) -> None:
    if old.state not in (S.FAILED, S.EXPIRED):
        raise ControlRefused("only a failed or expired command can be retried",
                             rule="not_retryable", command_id=old.id, state=old.state)
    if old.action == CommandAction.DISCONNECT and old.requested_by == actor.user_id:
        raise ControlRefused("approving one's own request", rule="own_request",
                             command_id=old.id)
    newer = session.scalar(select(ControlCommand.id).where(
        ControlCommand.meter_id == old.meter_id, ControlCommand.id > old.id)
        .order_by(ControlCommand.id.desc()).limit(1))
    if newer is not None:
        raise ControlRefused("a newer command for the meter exists", rule="superseded",
                             command_id=old.id, newer_id=newer)
    for c in open_on_meter(session, old.meter_id):  # e.g. a payment's reconnect
        raise ControlRefused("another command is open on the meter", rule="meter_busy",
                             command_id=c.id, action=c.action)


@use_case(Permission.LOOKUP, filters=True, customer="customer_id", meter="meter_id")
def list_commands(db: Database, actor: Actor, *, customer_id: int | None = None,
                  meter_id: int | None = None, open_only: bool = False,
                  limit: int = 200) -> list[CommandView]:
    """Commands of the actor's units newest first, optionally for one customer or meter,
    or only the open ones."""
    query = (select(ControlCommand).where(commands_in_scope())
             .order_by(ControlCommand.id.desc()).limit(limit))
    if customer_id is not None:
        query = query.where(ControlCommand.customer_id == customer_id)
    if meter_id is not None:
        query = query.where(ControlCommand.meter_id == meter_id)
    if open_only:
        query = query.where(ControlCommand.state.in_(OPEN))
    with db.read() as session:
        return [CommandView.of(c) for c in session.scalars(query)]


# Built once: every payment asks it.
_ARREARS_CUTS = select(ControlCommand).where(
    ControlCommand.customer_id == bindparam("customer_id"),
    ControlCommand.action == CommandAction.DISCONNECT,
    ControlCommand.reason == CommandReason.ARREARS, ControlCommand.state.in_(OPEN))


def on_payment(session: Session, actor: Actor, customer: Customer, *, payment_id: int,
               now: dt.datetime) -> list[int]:
    """Inside a payment's transaction: cancel pending arrears disconnects, queue reconnects.

    A reconnect is queued (no approval) for each meter cut, or being cut, for
    arrears once the arrears are cleared; its ids.
    """
    arrears = list(session.scalars(_ARREARS_CUTS, {"customer_id": customer.id}))
    for c in arrears:
        if c.state in PENDING:
            move(session, actor, c, S.CANCELLED, now, error="paid", payment_id=payment_id)
    in_flight = [c.meter_id for c in arrears if c.state == S.SENT]
    if customer.control_state != ControlState.DISCONNECTED and not in_flight:
        return []
    if _still_owes(session, customer, now):
        return []
    meters = in_flight + _cut_for_arrears(session, customer)
    return [_reconnect(session, actor, customer.id, m, payment_id, now)
            for m in dict.fromkeys(meters) if not _open_reconnect(session, m)]


def _reconnect(session: Session, actor: Actor, customer_id: int, meter_id: int,
               payment_id: int, now: dt.datetime) -> int:
    command = ControlCommand(
        meter_id=meter_id, customer_id=customer_id, action=CommandAction.RECONNECT,
        reason=CommandReason.PAYMENT, state=S.REQUESTED,
        idempotency_key=f"reconnect:payment:{payment_id}:{meter_id}", requested_by=actor.user_id,
        requested_at=now, rule="payment", refused_rule="", error="", attempts=0)
    session.add(command)
    session.flush()
    record(session, actor, command, None, payment_id=payment_id)
    queue(session, actor, command, now)
    return command.id


def _still_owes(session: Session, customer: Customer, now: dt.datetime) -> bool:
    found = load_accounts(session, [customer.id], now)
    if not found:
        return False
    policy = load_policies(session).for_account(customer.unit_id, customer.category)
    return still_owes(found[0].facts, policy)


def _cut_for_arrears(session: Session, customer: Customer) -> list[int]:
    """Meters whose relay an arrears disconnect opened (rows from before commands: open relays)."""
    if customer.control_state != ControlState.DISCONNECTED:
        return []
    last = session.scalar(select(ControlCommand).where(
        ControlCommand.customer_id == customer.id, ControlCommand.action == CommandAction.DISCONNECT,
        ControlCommand.state == S.CONFIRMED).order_by(ControlCommand.id.desc()).limit(1))
    if last is not None:
        return [last.meter_id] if last.reason == CommandReason.ARREARS else []
    return list(session.scalars(select(Meter.id).where(
        Meter.customer_id == customer.id, Meter.status == MeterStatus.IN_SERVICE,
        Meter.relay_state == RelayState.OPEN)))


def _open_reconnect(session: Session, meter_id: int) -> bool:
    return session.execute(select(func.count()).where(
        ControlCommand.meter_id == meter_id, ControlCommand.action == CommandAction.RECONNECT,
        ControlCommand.state.in_(OPEN))).scalar_one() > 0


def _guard(session: Session, customer_id: int | None, meter_id: int, reason: str,
           now: dt.datetime, *, exclude: int | None = None, asking: bool = False) -> None:
    """Refuse by the first guard that forbids the cut; when `asking` (a request), only
    what waiting within the request's life will not lift."""
    found = disconnect_outlook(session, customer_id=customer_id, meter_id=meter_id, reason=reason,
                               now=now, exclude=exclude)
    if found.allowed or (asking and may_wait(found, now)):
        return
    raise refused_by(found, customer_id=customer_id, meter_id=meter_id)


def remind_if_missing(session: Session, actor: Actor | None, customer_id: int, meter_id: int,
                      reason: str, now: dt.datetime) -> bool:
    """Send today's 30-minute reminder when it is the step the cut waits for; whether sent."""
    found = disconnect_outlook(session, customer_id=customer_id, meter_id=meter_id,
                               reason=reason, now=now)
    if found.step != Step.SEND_FINAL_REMINDER:
        return False
    customer = existing(session, Customer, customer_id, "customer")
    minutes = load_policies(session).for_account(customer.unit_id, customer.category)
    send_final_reminder(session, actor, customer_id, now=now, minutes=minutes.reminder_minutes)
    return True


def refused_by(found: Outlook, **params: object) -> ControlRefused:
    """The refusal as an error that says when the cut becomes possible and what is missing."""
    assert found.refusal is not None
    return ControlRefused(f"refused by {found.refusal.guard.value}",
                          rule=found.refusal.guard.value, detail=found.refusal.detail,
                          ready_at=found.ready_at, step=found.step.value if found.step else "",
                          **params)
