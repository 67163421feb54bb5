"""Control commands in the database: pick the due ones, claim them, record outcomes.

The claim is what keeps two collectors from switching a meter twice: it moves
a command from 'queued' to 'sent' through the version column (optimistic
locking), so of two collectors that both saw it queued, one UPDATE matches and
the other matches no row and backs off. The claim names its collector and holds
until `claimed_until`, which the collector renews while the command is in
flight; a claim left behind by a collector that died (its lease ran out, or a
restarted collector of the same name finds it) is taken over and reconciled by
reading the meter, never by sending again blindly. Every state change writes
one audit event in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, and_, or_, select, update
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import ConcurrentUpdate
from console.metering.collector_buffer import relay_state
from console.metering.collector_store import identity, set_relay
from console.metering.dlt645 import StatusWord3
from console.models import ControlCommand, Customer, Meter
from console.models.enums import CommandAction, CommandState, ControlState
from console.services import audit
from console.services.control.moves import check_disconnect

_METER = cast(Table, Meter.__table__)
# What a confirmed command leaves the customer's control state at.
_CONTROL_STATE: dict[str, ControlState] = {CommandAction.DISCONNECT: ControlState.DISCONNECTED,
                  CommandAction.RECONNECT: ControlState.NORMAL}


@dataclass(frozen=True, slots=True)
class DueCommand:
    """A queued command ready to send, with where its meter is."""

    id: int
    version: int
    meter_id: int
    customer_id: int | None
    address: str
    endpoint: str
    action: str
    attempts: int
    expires_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened on the bus: confirmed by the status word, or why not."""

    command: DueCommand
    confirmed: bool
    status_word: int | None = None
    reason: str = ""  # password_wrong, refused, timeout, not_confirmed, ...
    detail: str = ""
    retryable: bool = False
    reconciled: bool = False  # confirmed by reading the meter, without sending the command


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int
    backoff: dt.timedelta  # before the second attempt; doubles after each


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who claims commands: ``owner`` is "name#instance"; a site runs one collector per name.

    ``started`` is when this collector started: a claim by another instance of
    the same name made before it belongs to a predecessor that died.
    """

    owner: str = ""
    lease: dt.timedelta = dt.timedelta(minutes=5)
    started: dt.datetime | None = None

    @property
    def name(self) -> str:
        return self.owner.partition("#")[0]


NOBODY = Claimant()


def expire_overdue(db: Database, now: dt.datetime) -> list[int]:
    """Requested or queued commands past expires_at become 'expired' (audited); their ids."""
    query = select(ControlCommand).where(
        ControlCommand.state.in_((CommandState.REQUESTED, CommandState.QUEUED)),
        ControlCommand.expires_at <= now)
    expired: list[int] = []
    with db.session() as session:
        for command in session.scalars(query):
            _finish(session, command, CommandState.EXPIRED, now, error="expired before it was sent")
            expired.append(command.id)
    return expired


def _due_select():
    c = ControlCommand
    return (select(c.id, c.version, c.meter_id, c.customer_id, Meter.address, Meter.endpoint,
                   c.action, c.attempts, c.expires_at)
            .join(Meter, Meter.id == c.meter_id))


def due_commands(db: Database, now: dt.datetime, *, limit: int) -> list[DueCommand]:
    """Queued commands whose next attempt is due and that have not expired, oldest first."""
    c = ControlCommand
    query = (_due_select()
             .where(c.state == CommandState.QUEUED,
                    or_(c.next_attempt_at.is_(None), c.next_attempt_at <= now),
                    or_(c.expires_at.is_(None), c.expires_at > now))
             .order_by(c.next_attempt_at.nulls_first(), c.id).limit(limit))
    with db.session() as session:
        return [DueCommand(*row) for row in session.execute(query)]


def claim(db: Database, command: DueCommand, now: dt.datetime,
          claimant: Claimant = NOBODY) -> bool:
    """Move the command to 'sent' if nobody else has; False when another collector won."""
    try:
        with db.session() as session:
            row = session.get(ControlCommand, command.id)
            if row is None or row.state != CommandState.QUEUED or row.version != command.version:
                return False
            if _no_relay(session, row, now) or _refused(session, row, now):
                return False
            row.state, row.sent_at, row.attempts = CommandState.SENT, now, row.attempts + 1
            row.claimed_by, row.claimed_until = claimant.owner, now + claimant.lease
            session.flush()  # UPDATE ... WHERE version = :seen; no row matched -> stale
            _audit(session, row, CommandState.QUEUED)
    except ConcurrentUpdate:
        return False
    return True


def stale_claims(db: Database, now: dt.datetime, claimant: Claimant, *,
                 limit: int) -> list[DueCommand]:
    """Sent commands whose collector is gone: lease run out, or a predecessor of this name."""
    c = ControlCommand
    gone = or_(c.claimed_until.is_(None), c.claimed_until < now)
    if claimant.name and claimant.started is not None:
        gone = or_(gone, and_(c.claimed_by.startswith(f"{claimant.name}#", autoescape=True),
                              c.sent_at < claimant.started))
    query = (_due_select().where(c.state == CommandState.SENT, c.claimed_by != claimant.owner,
                                 gone)
             .order_by(c.id).limit(limit))
    with db.session() as session:
        return [DueCommand(*row) for row in session.execute(query)]


def take_over(db: Database, command: DueCommand, now: dt.datetime, claimant: Claimant) -> bool:
    """Make a stale claim this collector's (audited 'command.reclaimed'); False if another did."""
    try:
        with db.session() as session:
            row = session.get(ControlCommand, command.id)
            if row is None or row.state != CommandState.SENT or row.version != command.version:
                return False
            before = row.claimed_by
            row.claimed_by, row.claimed_until = claimant.owner, now + claimant.lease
            session.flush()
            audit.record(session, identity(), "command.reclaimed", entity_type="control_command",
                         entity_id=row.id, before={"claimed_by": before},
                         after={"state": row.state, "claimed_by": claimant.owner,
                                "meter_id": row.meter_id, "attempts": row.attempts})
    except ConcurrentUpdate:
        return False
    return True


def renew(db: Database, ids: list[int], claimant: Claimant, now: dt.datetime) -> None:
    """Push the lease of this collector's commands in flight (no version bump: bookkeeping)."""
    table = cast(Table, ControlCommand.__table__)
    c = table.c
    with db.session() as session:
        session.execute(update(table)
                        .where(c.id.in_(ids), c.state == CommandState.SENT,
                               c.claimed_by == claimant.owner)
                        .values(claimed_until=now + claimant.lease))


def _no_relay(session: Session, row: ControlCommand, now: dt.datetime) -> bool:
    """Fail a disconnect or reconnect for a meter that has no relay, without sending it."""
    if row.action not in _CONTROL_STATE:
        return False
    if session.scalar(select(Meter.has_relay).where(Meter.id == row.meter_id)):
        return False
    _finish(session, row, CommandState.FAILED, now, error="no_relay: the meter has no relay")
    session.flush()
    return True


def _refused(session: Session, row: ControlCommand, now: dt.datetime) -> bool:
    """Ask the policy guards once more just before a disconnect goes out; reject it if they refuse.

    Every disconnect, however it got into the queue: one that nobody (nor a
    policy) approved is refused as 'not_approved'.
    """
    if row.action != CommandAction.DISCONNECT:
        return False
    if row.customer_id is not None:  # the payment's lock order: customer first
        session.execute(select(Customer.id).where(Customer.id == row.customer_id).with_for_update())
    if row.approved_at is None:
        rule, detail = "not_approved", "queued without an approval"
    else:
        found = check_disconnect(session, customer_id=row.customer_id, meter_id=row.meter_id,
                                 reason=row.reason, now=now, exclude=row.id)
        if found is None:
            return False
        rule, detail = found.guard.value, found.detail
    row.refused_rule = rule
    _finish(session, row, CommandState.REJECTED, now, error=f"refused by {rule}: {detail}".rstrip(": "))
    session.flush()
    return True


def record_outcome(db: Database, outcome: Outcome, now: dt.datetime, policy: RetryPolicy,
                   claimant: Claimant | None = None) -> str:
    """Confirm, retry later, fail or expire the sent command; its new state.

    With a claimant, only while the claim is still its own: a collector that
    lost its claim to another (taken over as stale) leaves the outcome to it.
    """
    with db.session() as session:
        command = session.get(ControlCommand, outcome.command.id)
        if command is None or command.state != CommandState.SENT:
            return command.state if command else ""  # cancelled or handled meanwhile
        if claimant is not None and command.claimed_by != claimant.owner:
            return command.state
        if outcome.confirmed:
            _confirm(session, command, outcome, now)
        else:
            _retry_or_fail(session, command, outcome, now, policy)
        return command.state


def _confirm(session: Session, command: ControlCommand, outcome: Outcome,
             now: dt.datetime) -> None:
    status = outcome.status_word or 0
    relay_before, guarantee = session.execute(
        select(_METER.c.relay_state, _METER.c.guarantee).where(_METER.c.id == command.meter_id)
    ).one()
    relay_after = relay_state(status)
    if relay_after != relay_before:
        set_relay(session, command.meter_id, before=relay_before, after=relay_after, at=now,
                  actor=identity(), source="command", command_id=command.id)
    has_guarantee = bool(status & StatusWord3.GUARANTEE)
    if has_guarantee != guarantee:
        session.execute(update(_METER).where(_METER.c.id == command.meter_id)
                        .values(guarantee=has_guarantee, version=_METER.c.version + 1))
    _set_control_state(session, command)
    if outcome.reconciled:  # the audit says so only when it was
        _finish(session, command, CommandState.CONFIRMED, now, reconciled=True)
    else:
        _finish(session, command, CommandState.CONFIRMED, now)


def _set_control_state(session: Session, command: ControlCommand) -> None:
    target = _CONTROL_STATE.get(command.action)
    customer = session.get(Customer, command.customer_id) if command.customer_id else None
    if target is None or customer is None or customer.control_state == target:
        return
    before, customer.control_state = customer.control_state, target
    audit.record(session, identity(), "customer.control_state_changed", entity_type="customer",
                 entity_id=customer.id, before={"control_state": before},
                 after={"control_state": target, "command_id": command.id})


def _retry_or_fail(session: Session, command: ControlCommand, outcome: Outcome,
                   now: dt.datetime, policy: RetryPolicy) -> None:
    error = f"{outcome.reason}: {outcome.detail}" if outcome.detail else outcome.reason
    later = now + policy.backoff * 2 ** max(command.attempts - 1, 0)
    if not outcome.retryable or command.attempts >= policy.max_attempts:
        _finish(session, command, CommandState.FAILED, now, error=error)
    elif command.expires_at is not None and later >= command.expires_at:
        _finish(session, command, CommandState.EXPIRED, now, error=error)
    else:
        command.state, command.next_attempt_at, command.error = CommandState.QUEUED, later, error
        _audit(session, command, CommandState.SENT)


def _finish(session: Session, command: ControlCommand, state: str, now: dt.datetime, *,
            error: str = "", **detail: object) -> None:
    before = command.state
    command.state, command.finished_at, command.error = state, now, error
    _audit(session, command, before, **detail)


def _audit(session: Session, command: ControlCommand, before: str, **detail: object) -> None:
    after = {"state": command.state, "action": command.action, "meter_id": command.meter_id,
             "attempts": command.attempts, **detail}
    if command.error:
        after["error"] = command.error
    if command.refused_rule:
        after["refused_rule"] = command.refused_rule
    if command.state == CommandState.QUEUED and command.next_attempt_at is not None:
        after["next_attempt_at"] = command.next_attempt_at
    audit.record(session, identity(), f"command.{command.state}", entity_type="control_command",
                 entity_id=command.id, before={"state": before}, after=after)
