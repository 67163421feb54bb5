"""Executing queued switch commands on the meters (the collector's outbox side).

For each due command: claim it (queued -> sent), send 1CH, and since the reply
only says the meter took the command, read status word 3 until it shows the
result or ``confirm_timeout`` runs out. Then record 'confirmed', a retry with
backoff, 'failed' with the reason, or 'expired' (collector_command_store).

Outcomes wait in memory while the database is away and are written on the
next round, so a confirmed trip is never forgotten because of an outage.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from console.metering import collector_command_store as store
from console.metering.collector_command_store import DueCommand, Outcome, RetryPolicy
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


class CommandRunner:
    """Runs one round of due commands through the collector's buses and database thread."""

    def __init__(self, run_db: RunDb, bus_for: Callable[[str], MeterBus], *,
                 policy: RetryPolicy, timing: CommandTiming) -> None:
        self._run_db, self._bus_for = run_db, bus_for
        self.policy, self.timing = policy, timing
        self._unrecorded: list[Outcome] = []

    async def run_once(self) -> list[CommandResult]:
        """Record leftovers, expire the overdue, claim and execute the due; the results."""
        results = await self._record(self._take_unrecorded())
        now = utcnow()
        await self._run_db(store.expire_overdue, now)
        due = await self._run_db(store.due_commands, now, limit=self.timing.limit)
        if not due:
            return results
        mode = await self._run_db(reconnect_mode)
        claimed = [c for c in due if await self._run_db(store.claim, c, utcnow())]
        outcomes = await asyncio.gather(*(self._execute(c, mode) for c in claimed))
        return results + await self._record(list(outcomes))

    def _take_unrecorded(self) -> list[Outcome]:
        taken, self._unrecorded = self._unrecorded, []
        return taken

    async def _record(self, outcomes: list[Outcome]) -> list[CommandResult]:
        results = []
        for i, outcome in enumerate(outcomes):
            try:
                state = await self._run_db(store.record_outcome, outcome, utcnow(), self.policy)
            except Exception:
                # Keep it (and the rest) for the next round: the meter did act.
                self._unrecorded.extend(outcomes[i:])
                raise
            results.append(CommandResult(outcome.command.id, state, outcome.reason))
        return results

    async def _execute(self, command: DueCommand, mode: str) -> Outcome:
        op, bit, wanted = plan(command.action, mode)
        try:
            bus = self._bus_for(command.endpoint)
            await bus.control(command.address, op)
        except MeterError as exc:
            retryable = not isinstance(exc, MeterErrorReply)
            return Outcome(command, False, reason=reason_of(exc), detail=exc.message,
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
