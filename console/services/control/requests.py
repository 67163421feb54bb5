"""Disconnect requests for arrears: ControlCommand rows in state 'requested'.

One open request per customer: asking again returns the open one, and the
idempotency key is per customer and day, so a retry, a second workstation or
the policy engine on the same day writes nothing more. Approval and execution
are the switch-control work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import ValidationError
from console.models import ControlCommand, Customer, Meter, utcnow
from console.models.enums import (
    CommandAction,
    CommandReason,
    CommandState,
    CustomerStatus,
    MeterStatus,
)
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.control.moves import auto_approve
from console.services.control.types import OPEN
from console.services.permissions import Permission
from console.services.rows import existing
from console.timeutil import LOCAL

CHUNK = 900
MAX_BATCH = 5000


@dataclass(frozen=True)
class CommandInfo:
    """A switch command as services hand it out; `created` is False when it existed already."""

    command_id: int
    customer_id: int | None
    meter_id: int
    action: str
    reason: str
    state: str
    rule: str
    idempotency_key: str
    requested_at: dt.datetime
    created: bool


@dataclass(frozen=True)
class RequestSpec:
    customer_id: int
    meter_id: int
    rule: str
    detail: str = ""


@use_case(Permission.REQUEST_CONTROL, system=True, customer="customer_ids")
def request_disconnections(db: Database, actor: Actor, customer_ids: Sequence[int], *,
                           reason: str = CommandReason.ARREARS,
                           now: dt.datetime | None = None) -> list[CommandInfo]:
    """A disconnect request for each active customer's first meter in service.

    A customer with an open disconnect (requested, approved, queued or sent)
    gets it back instead. Customers without a meter in service (with a relay)
    or closed are left out. Needs REQUEST_CONTROL; a customer outside the actor's units
    refuses the whole batch (OutOfScope), before anything is written.
    """
    if reason not in set(CommandReason):
        raise ValidationError(f"unknown reason {reason!r}", field="reason", value=reason,
                              reason="unknown")
    ids, now = check_batch(customer_ids), now or utcnow()
    with db.uow() as session:
        meters = first_meters(session, ids)
        specs = [RequestSpec(cid, mid, "manual") for cid, mid in meters.items()]
        return write_requests(session, actor, specs, now=now, reason=reason)


def write_requests(session: Session, actor: Actor | None, specs: Iterable[RequestSpec], *,
                   now: dt.datetime, reason: str = CommandReason.ARREARS) -> list[CommandInfo]:
    """Write a 'requested' disconnect per spec unless one is open or today's key exists.

    Meters without a relay are left out: nothing remote can cut them.

    Each new command gets its audit event with the rule that produced it.
    """
    specs = list(specs)
    relayless = _relayless(session, [s.meter_id for s in specs])
    specs = [s for s in specs if s.meter_id not in relayless]
    already_open = open_disconnects(session, [s.customer_id for s in specs])
    out: list[CommandInfo] = []
    for spec in specs:
        command = already_open.get(spec.customer_id)
        key = f"disconnect:{spec.customer_id}:{now.astimezone(LOCAL):%Y%m%d}"
        command = command or session.scalar(select(ControlCommand)
                                            .where(ControlCommand.idempotency_key == key))
        if command is not None:
            out.append(_info(command, created=False))
            continue
        command = ControlCommand(meter_id=spec.meter_id, customer_id=spec.customer_id,
                                 action=CommandAction.DISCONNECT, reason=reason,
                                 state=CommandState.REQUESTED, idempotency_key=key,
                                 requested_by=actor.user_id if actor else None, requested_at=now,
                                 rule=spec.rule, refused_rule="")
        session.add(command)
        session.flush()
        audit.record(session, actor, "command.requested", entity_type="control_command",
                     entity_id=command.id, after={"action": command.action, "reason": reason,
                                                  "customer_id": spec.customer_id,
                                                  "meter_id": spec.meter_id, "rule": spec.rule,
                                                  "detail": spec.detail})
        out.append(_info(command, created=True))
    if actor is None or actor.role == "system":
        # The policy may approve the engine's own requests.
        if auto_approve(session, actor, [i.command_id for i in out if i.created], now=now):
            out = [_info(existing(session, ControlCommand, i.command_id, "command"),
                         created=i.created) for i in out]
    return out


def open_disconnects(session: Session, ids: Sequence[int]) -> dict[int, ControlCommand]:
    """customer id -> its newest open disconnect command."""
    found: dict[int, ControlCommand] = {}
    for first in range(0, len(ids), CHUNK):
        rows = session.scalars(select(ControlCommand).where(
            ControlCommand.customer_id.in_(ids[first:first + CHUNK]),
            ControlCommand.action == CommandAction.DISCONNECT, ControlCommand.state.in_(OPEN))
            .order_by(ControlCommand.id))
        found.update({c.customer_id: c for c in rows if c.customer_id is not None})
    return found


def _relayless(session: Session, meter_ids: Sequence[int]) -> set[int]:
    """The meters among these that cannot be switched remotely (no relay)."""
    found: set[int] = set()
    for first in range(0, len(meter_ids), CHUNK):
        found.update(session.scalars(select(Meter.id).where(
            Meter.id.in_(meter_ids[first:first + CHUNK]), Meter.has_relay.is_(False))))
    return found


def first_meters(session: Session, ids: Sequence[int]) -> dict[int, int]:
    """Active customer id -> id of its first meter in service that has a relay."""
    found: dict[int, int] = {}
    for first in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(Meter.customer_id, func.min(Meter.id)).join(Customer, Customer.id == Meter.customer_id)
            .where(Meter.customer_id.in_(ids[first:first + CHUNK]),
                   Meter.status == MeterStatus.IN_SERVICE, Meter.has_relay.is_(True),
                   Customer.status == CustomerStatus.ACTIVE)
            .group_by(Meter.customer_id))
        found.update({cid: mid for cid, mid in rows if cid is not None})  # never None: joined
    return found


def _info(c: ControlCommand, *, created: bool) -> CommandInfo:
    return CommandInfo(c.id, c.customer_id, c.meter_id, c.action, c.reason, c.state, c.rule,
                       c.idempotency_key, c.requested_at, created)


def check_batch(customer_ids: Iterable[int]) -> list[int]:
    """Distinct ids, sorted; ValidationError for none or more than MAX_BATCH."""
    ids = sorted({int(c) for c in customer_ids})
    if not ids or len(ids) > MAX_BATCH:
        raise ValidationError(f"select 1 to {MAX_BATCH} customers", field="customers",
                              reason="batch_size", maximum=MAX_BATCH)
    return ids
