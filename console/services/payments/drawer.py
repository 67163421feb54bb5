"""Opening the cash drawer with no payment (无销售开钱箱): a supervisor's, with a reason,
audited (issue 19 item 3).

A cash payment opens the drawer itself once it is committed; any other opening means
someone wants at the money without a sale (change for the float, a jammed note), so the
service refuses everyone but a supervisor and records who, where and why before the
workstation sends the kick.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from console.db import Database
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.billing.ledger import require_reason
from console.services.permissions import Permission


@dataclass(frozen=True)
class DrawerOpening:
    """A recorded opening without a sale; the workstation kicks the drawer after it."""

    workstation: str
    reason: str
    at: dt.datetime


@use_case(Permission.OPEN_DRAWER)
def open_drawer_without_sale(db: Database, actor: Actor, *, reason: str) -> DrawerOpening:
    """Audit an opening of this workstation's drawer without a payment; needs OPEN_DRAWER
    (supervisors) and a reason of 1 to 200 characters. Nothing is written otherwise."""
    reason = require_reason(reason)
    with db.uow() as session:
        event = audit.record(session, actor, "drawer.opened_without_sale",
                             entity_type="workstation", entity_id=actor.workstation or "",
                             after={"reason": reason})
        return DrawerOpening(actor.workstation or "", reason, event.at)
