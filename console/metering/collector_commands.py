"""Executing queued switch commands on the meters (the collector's outbox side).

For each due command: claim it (queued -> sent), send 1CH, and since the reply
only says the meter took the command, read status word 3 until it shows the
result or ``confirm_timeout`` runs out. Then record 'confirmed', a retry with
backoff, 'failed' with the reason, or 'expired' (collector_command_store).

Nothing is sent twice blindly. A command left 'sent' by a collector that died
is taken over and reconciled: status word 3 is read, and if the meter already
shows the commanded state the command is confirmed ('reconciled'), otherwise it
goes back to the queue under the retry policy (and the guards are asked again
before it is sent). Likewise every retry reads the status word before sending,
since a command whose reply was lost may have been carried out.

Outcomes wait in memory while the database is away and are written on the
next round, so a confirmed trip is never forgotten because of an outage.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from console.metering import collector_command_store as store
from console.metering.collector_command_store import Claimant, DueCommand, Outcome, RetryPolicy
from console.metering.collector_store import reconnect_mode
from console.metering.dlt645 import ControlOp, DataId, StatusWord3
from console.metering.errors import MeterError, MeterErrorReply
from console.metering.transport import MeterBus
from console.models import utcnow
from console.models.enums import CommandAction

log = logging.getLogger(__name__)

RunDb = Callable[..., Awaitable]
_S = StatusWord3
# (operation, status bit, whether the bit is set once it has worked)
_PLAN: dict[str, tuple[ControlOp, int, bool]] = {
    CommandAction.DISCONNECT: (ControlOp.TRIP, _S.RELAY_OPEN, True),
    CommandAction.ALARM_ON: (ControlOp.ALARM_ON, _S.PRE_TRIP_ALARM, True),
    CommandAction.ALARM_OFF: (ControlOp.ALARM_OFF, _S.PRE_TRIP_ALARM, False),
    CommandAction.GUARANTEE_ON: (ControlOp.GUARANTEE_ON, _S.GUARANTEE, True),
    CommandAction.GUARANTEE_OFF: (ControlOp.GUARANTEE_OFF, _S.GUARANTEE, False),
}


def plan(action: str, reconnect_mode: str) -> tuple[ControlOp, int, bool]:
    """The 1CH operation for an action and the status-word bit that confirms it.

    A direct close (1CH) is confirmed by the relay closing; "close allowed"
    (1BH) leaves the relay to the customer's button, so the meter dropping its
    "commanded open" bit is the confirmation and the relay change arrives with
    a later poll.
    """
    if action == CommandAction.RECONNECT:
        if reconnect_mode == "allowed":
            return ControlOp.CLOSE_ALLOWED, _S.RELAY_COMMAND_OPEN, False
        return ControlOp.CLOSE_DIRECT, _S.RELAY_OPEN, False
    return _PLAN[action]


def detail_of(exc: MeterError) -> str:
    """What went wrong, in words for the command's error (after its reason code)."""
    if isinstance(exc, MeterErrorReply):
        if exc.password_wrong:
            return "the meter rejected the control password"
        return f"the meter refused the command (error byte {int(exc.error):02X}H)"
    return exc.message


def reason_of(exc: MeterError) -> str:
    """A short, stable reason code for meter.comm_error and control_command.error."""
    if isinstance(exc, MeterErrorReply):
        return "password_wrong" if exc.password_wrong else "refused"
    return exc.code.removeprefix("meter_")  # timeout, garbled, wrong_address, connection


@dataclass(frozen=True, slots=True)
class CommandResult:
    """A command's state after this round (queued again means a retry is scheduled)."""

    command_id: int
    state: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class CommandTiming:
    confirm_timeout: float = 15.0  # seconds to wait for the status word to agree
    confirm_poll: float = 0.5  # seconds between status-word reads
    limit: int = 50  # commands per round
    claim_lease: float = 60.0  # seconds a claim holds without renewal (renewed every third)


class CommandRunner:
    """Runs one round of due commands through the collector's buses and database thread."""

    def __init__(self, run_db: RunDb, bus_for: Callable[[str], MeterBus], *,
                 policy: RetryPolicy, timing: CommandTiming, name: str = "") -> None:
        self._run_db, self._bus_for = run_db, bus_for
        self.policy, self.timing = policy, timing
        # Unnamed collectors only take over claims whose lease ran out; a named one
        # (one per name on a site) also takes its dead predecessor's at once.
        owner = f"{name or 'collector'}#{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.claimant = Claimant(owner, dt.timedelta(seconds=timing.claim_lease),
                                 utcnow() if name else None)
        self._unrecorded: list[Outcome] = []

    async def run_once(self) -> list[CommandResult]:
        """Record leftovers, expire the overdue, reconcile stale claims, execute the due."""
        results = await self._record(self._take_unrecorded())
        now = utcnow()
        await self._run_db(store.expire_overdue, now)
        stale = await self._run_db(store.stale_claims, now, self.claimant, limit=self.timing.limit)
        due = await self._run_db(store.due_commands, now, limit=self.timing.limit)
        if not due and not stale:
            return results
        mode = await self._run_db(reconnect_mode)
        taken = [c for c in stale
                 if await self._run_db(store.take_over, c, utcnow(), self.claimant)]
        claimed = [c for c in due if await self._run_db(store.claim, c, utcnow(), self.claimant)]
        work = [*(self._reconcile(c, mode) for c in taken),
                *(self._execute(c, mode) for c in claimed)]
        outcomes = await self._keeping_claims([c.id for c in taken + claimed], work)
        return results + await self._record(outcomes)

    async def _keeping_claims(self, ids: list[int], work: list) -> list[Outcome]:
        """Run the work while renewing the claims' lease, so nobody takes them over meanwhile."""
        async def renew() -> None:
            every = self.timing.claim_lease / 3
            while True:
                await asyncio.sleep(every)
                with contextlib.suppress(Exception):  # a lapse only risks a reconcile
                    await self._run_db(store.renew, ids, self.claimant, utcnow())

        renewer = asyncio.create_task(renew())
        try:
            return list(await asyncio.gather(*work))
        finally:
            renewer.cancel()

    def _take_unrecorded(self) -> list[Outcome]:
        taken, self._unrecorded = self._unrecorded, []
        return taken

    async def _record(self, outcomes: list[Outcome]) -> list[CommandResult]:
        results = []
        for i, outcome in enumerate(outcomes):
            try:
                state = await self._run_db(store.record_outcome, outcome, utcnow(), self.policy,
                                           self.claimant)
            except Exception:
                # Keep it (and the rest) for the next round: the meter did act.
                self._unrecorded.extend(outcomes[i:])
                raise
            results.append(CommandResult(outcome.command.id, state, outcome.reason))
        return results

    async def _reconcile(self, command: DueCommand, mode: str) -> Outcome:
        """A stale claim: the meter's status word says whether the command was carried out."""
        _, bit, wanted = plan(command.action, mode)
        seen = await self._status(command, bit, wanted)
        if isinstance(seen, Outcome):
            return seen
        return Outcome(command, False, reason="not_executed",
                       detail=f"status word 3 is {seen:04X}H after its collector stopped",
                       retryable=True)

    async def _status(self, command: DueCommand, bit: int, wanted: bool) -> Outcome | int:
        """Confirmed (reconciled) when the meter already shows it, a failure if unreadable,
        else the status word."""
        try:
            status = int(await self._bus_for(command.endpoint).read(  # type: ignore[arg-type]
                command.address, DataId.STATUS_WORD_3))
        except MeterError as exc:
            return Outcome(command, False, reason=reason_of(exc), detail=detail_of(exc),
                           retryable=True)
        except ValueError as exc:
            return Outcome(command, False, reason="bad_endpoint", detail=str(exc))
        if bool(status & bit) == wanted:
            return Outcome(command, True, status_word=status, reconciled=True)
        return status

    async def _execute(self, command: DueCommand, mode: str) -> Outcome:
        op, bit, wanted = plan(command.action, mode)
        if command.attempts > 0:  # sent before: its reply may have been lost, not the command
            seen = await self._status(command, bit, wanted)
            if isinstance(seen, Outcome):
                return seen
        try:
            bus = self._bus_for(command.endpoint)
            await bus.control(command.address, op)
        except MeterError as exc:
            retryable = not isinstance(exc, MeterErrorReply)
            return Outcome(command, False, reason=reason_of(exc), detail=detail_of(exc),
                           retryable=retryable)
        except ValueError as exc:  # an endpoint that is not host:port
            return Outcome(command, False, reason="bad_endpoint", detail=str(exc))
        log.info("command %s: %s sent to %s", command.id, op.name, command.address)
        return await self._confirm(bus, command, bit, wanted)

    async def _confirm(self, bus: MeterBus, command: DueCommand, bit: int,
                       wanted: bool) -> Outcome:
        """Read status word 3 until the bit agrees or the time is up."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timing.confirm_timeout
        last = ""
        while True:
            try:
                status = int(await bus.read(command.address, DataId.STATUS_WORD_3))  # type: ignore[arg-type]
                if bool(status & bit) == wanted:
                    return Outcome(command, True, status_word=status)
                last = f"status word 3 is {status:04X}H"
            except MeterError as exc:
                last = f"{reason_of(exc)}: {exc.message}"
            if loop.time() + self.timing.confirm_poll > deadline:
                return Outcome(command, False, reason="not_confirmed", detail=last,
                               retryable=True)
            await asyncio.sleep(self.timing.confirm_poll)


def retry_policy(max_attempts: int, backoff_s: float) -> RetryPolicy:
    return RetryPolicy(max_attempts, dt.timedelta(seconds=backoff_s))
