"""Moving a switch command from state to state, each move one audit event.

The low floor of switch control (console.services.control.commands): the disconnect
requests of console.services.control.requests reach `auto_approve` here
without importing the request and approval use cases above them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.billing.control_guards import Refusal
from console.models import ControlCommand, CostControlPolicy, Customer
from console.models.enums import CommandAction, CommandReason, CommandState
from console.services import audit
from console.services.actor import Actor
from console.services.control.outlook import disconnect_outlook
from console.services.control.types import FINAL
from console.services.cost_control.policy import load_policies
from console.services.rows import existing

S = CommandState
EXECUTE_TTL = dt.timedelta(hours=1)  # an approved disconnect not sent within the hour expires
QUEUE_TTL = dt.timedelta(hours=24)  # reconnects, alarms, 保电


def check_disconnect(session: Session, *, customer_id: int | None, meter_id: int, reason: str,
                     now: dt.datetime, exclude: int | None = None) -> Refusal | None:
    """The guard that forbids cutting this meter now, from the rows as this transaction sees them."""
    return disconnect_outlook(session, customer_id=customer_id, meter_id=meter_id, reason=reason,
                              now=now, exclude=exclude).refusal


def auto_approve(session: Session, actor: Actor | None, command_ids: list[int], *,
                 now: dt.datetime) -> list[int]:
    """Queue requested disconnects whose policy says auto_approve and whose guards allow; their ids.

    For the cost-control engine's requests (control_requests.write_requests
    by a system actor): an admin's policy stands in for the second person.
    """
    if not command_ids:
        return []
    book, queued = load_policies(session), []
    for command in session.scalars(select(ControlCommand).where(
            ControlCommand.id.in_(command_ids), ControlCommand.state == S.REQUESTED)):
        customer = existing(session, Customer, command.customer_id, "customer")
        policy_id = book.for_account(customer.unit_id, customer.category).policy_id
        row = session.get(CostControlPolicy, policy_id) if policy_id is not None else None
        if row is None or not row.auto_approve or check_disconnect(
                session, customer_id=customer.id, meter_id=command.meter_id,
                reason=command.reason, now=now, exclude=command.id) is not None:
            continue
        command.approved_at = now
        move(session, actor, command, S.APPROVED, now, auto_approved_by_policy=policy_id)
        queue(session, actor, command, now)
        queued.append(command.id)
    return queued


def queue(session: Session, actor: Actor | None, command: ControlCommand,
          now: dt.datetime) -> None:
    """Hand the command to the collector (approving it first if it was only requested)."""
    if command.state == S.REQUESTED:
        command.approved_at = now
        move(session, actor, command, S.APPROVED, now)
    command.next_attempt_at = None
    if command.reason == CommandReason.PAYMENT:
        command.expires_at = None  # a paid customer must not stay dark because a meter was slow
    else:
        ttl = EXECUTE_TTL if command.action == CommandAction.DISCONNECT else QUEUE_TTL
        command.expires_at = now + ttl
    move(session, actor, command, S.QUEUED, now)


def move(session: Session, actor: Actor | None, command: ControlCommand, state: str,
         now: dt.datetime, *, error: str = "", **detail: object) -> None:
    """Put the command in `state`; a final state stamps the end and the error."""
    before, command.state = command.state, state
    if state in FINAL:
        command.finished_at, command.error = now, error
    session.flush()
    record(session, actor, command, before, **detail)


def record(session: Session, actor: Actor | None, command: ControlCommand, before: str | None,
           **detail: object) -> None:
    """The audit event of the command's current state (`before`: the one it left)."""
    after = {"state": command.state, "action": command.action, "reason": command.reason,
             "meter_id": command.meter_id, "customer_id": command.customer_id, **detail}
    if command.error:
        after["error"] = command.error
    audit.record(session, actor, f"command.{command.state}", entity_type="control_command",
                 entity_id=command.id, before={"state": before} if before else None, after=after)
