"""Values the switch-control service hands out (console.services.control)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from console.models import ControlCommand
from console.models.enums import CommandAction

# Each action's opposite: asking for it cancels the open one.
CONTRARY = {CommandAction.DISCONNECT: CommandAction.RECONNECT,
            CommandAction.RECONNECT: CommandAction.DISCONNECT,
            CommandAction.ALARM_ON: CommandAction.ALARM_OFF,
            CommandAction.ALARM_OFF: CommandAction.ALARM_ON,
            CommandAction.GUARANTEE_ON: CommandAction.GUARANTEE_OFF,
            CommandAction.GUARANTEE_OFF: CommandAction.GUARANTEE_ON}


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

    @classmethod
    def of(cls, c: ControlCommand, *, created: bool = False) -> CommandView:
        return cls(c.id, c.customer_id, c.meter_id, c.action, c.reason, c.state, c.rule,
                   c.refused_rule, c.requested_by, c.approved_by, c.requested_at,
                   c.approved_at, c.expires_at, c.finished_at, c.attempts, c.error, created,
                   c.retry_of)
