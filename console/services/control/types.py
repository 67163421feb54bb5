"""Values the switch-control service hands out (console.services.control.commands)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from console.changes import Changes
from console.models import ControlCommand
from console.models.enums import CommandAction, CommandState

# A command's states by what may still happen to it; every control module reads them here.
PENDING = (CommandState.REQUESTED, CommandState.APPROVED,
           CommandState.QUEUED)  # not yet on the wire: may be cancelled
OPEN = (*PENDING, CommandState.SENT)
FINAL = (CommandState.CONFIRMED, CommandState.REJECTED, CommandState.FAILED,
         CommandState.CANCELLED, CommandState.EXPIRED)

# Each action's opposite: asking for it cancels the open one.
CONTRARY = {CommandAction.DISCONNECT: CommandAction.RECONNECT,
            CommandAction.RECONNECT: CommandAction.DISCONNECT,
            CommandAction.ALARM_ON: CommandAction.ALARM_OFF,
            CommandAction.ALARM_OFF: CommandAction.ALARM_ON,
            CommandAction.GUARANTEE_ON: CommandAction.GUARANTEE_OFF,
            CommandAction.GUARANTEE_OFF: CommandAction.GUARANTEE_ON}


# Why the collector failed or expired a command: the code before ": " in its
# error, which the panel words in the user's language (the rest is the detail).
FAILURES = frozenset({
    "connection",  # nothing listens at the meter's serial server
    "timeout",  # no answer, or one too late
    "garbled",  # noise or a bad checksum instead of an answer
    "wrong_address",  # only other meters answered
    "password_wrong",  # the meter rejected the control password (not retried)
    "refused",  # the meter answered with another error (e.g. 保电 forbids the trip)
    "not_confirmed",  # the status word never showed the result
    "not_executed",  # a collector stopped mid-command and the meter had not acted
    "no_relay",  # the meter has no relay to switch
    "bad_endpoint",  # the meter's endpoint is not host:port
    "expired",  # not sent in time
})


@dataclass(frozen=True)
class CommandView:
    """One switch command; `created` is False when a request returned an open one."""

    command_id: int
    customer_id: int | None
    meter_id: int
    action: str
    reason: str
    state: str
    rule: str
    refused_rule: str
    requested_by: int | None
    approved_by: int | None
    requested_at: dt.datetime
    approved_at: dt.datetime | None
    expires_at: dt.datetime | None
    finished_at: dt.datetime | None
    attempts: int
    error: str
    created: bool = False
    retry_of: int | None = None  # the failed or expired command this one sends again

    @property
    def failure(self) -> str:
        """The failure code of a failed or expired command ("" otherwise); see FAILURES."""
        if self.state not in ("failed", "expired"):
            return ""
        code = self.error.partition(":")[0].strip()
        return code if code in FAILURES else ("expired" if self.state == "expired" else "")

    @property
    def changes(self) -> Changes:
        return Changes.of([self.customer_id], commands=True)

    @classmethod
    def of(cls, c: ControlCommand, *, created: bool = False) -> CommandView:
        return cls(c.id, c.customer_id, c.meter_id, c.action, c.reason, c.state, c.rule,
                   c.refused_rule, c.requested_by, c.approved_by, c.requested_at,
                   c.approved_at, c.expires_at, c.finished_at, c.attempts, c.error, created,
                   c.retry_of)
