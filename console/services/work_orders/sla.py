"""Due times of work orders from the SLA table (one row per kind, defaults for the rest)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import ValidationError
from console.models.enums import WorkOrderKind, values
from console.models.work import WorkOrderSla
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.permissions import Permission
from console.services.work_orders.types import DEFAULT_SLA, SlaRule
from console.timeutil import LOCAL

MAX_HOURS = 24 * 90


def rules_in(session: Session) -> dict[str, SlaRule]:
    """Every kind's rule: the table's row, else the default."""
    rules = {k: SlaRule(k, h, same) for k, (h, same) in DEFAULT_SLA.items()}
    for row in session.scalars(select(WorkOrderSla)):
        rules[row.kind] = SlaRule(row.kind, row.hours, row.same_day)
    return rules


def due_at(rule: SlaRule, created_at: dt.datetime) -> dt.datetime:
    """`hours` after creation; a same-day kind is due at local midnight ending the day
    it was opened, or `hours` later when it was opened too late for that."""
    by_hours = created_at + dt.timedelta(hours=rule.hours)
    if not rule.same_day:
        return by_hours
    day = created_at.astimezone(LOCAL).date() + dt.timedelta(days=1)
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=LOCAL).astimezone(dt.UTC)
    # An order opened at 22:00 still gets a working window: the next day's end.
    return midnight if midnight - created_at >= dt.timedelta(hours=2) else \
        midnight + dt.timedelta(days=1)


@use_case(Permission.WORK_ORDERS)
def sla_rules(db: Database, actor: Actor) -> list[SlaRule]:
    """The SLA of every kind, in the enum's order (one table for every unit)."""
    with db.read() as session:
        rules = rules_in(session)
    return [rules[k] for k in values(WorkOrderKind)]


@use_case(Permission.MANAGE_POLICIES)
def set_sla(db: Database, actor: Actor, kind: str, *, hours: int, same_day: bool) -> SlaRule:
    """Change one kind's SLA (MANAGE_POLICIES); orders already open keep their due time."""
    if kind not in values(WorkOrderKind):
        raise ValidationError(f"unknown kind {kind!r}", field="kind", value=kind,
                              reason="unknown_kind")
    if not isinstance(hours, int) or not 0 < hours <= MAX_HOURS:
        raise ValidationError("hours must be 1 to 2160", field="hours", value=hours,
                              reason="out_of_range")
    with db.uow() as session:
        row = session.get(WorkOrderSla, kind)
        before = rules_in(session)[kind]
        if row is None:
            row = WorkOrderSla(kind=kind)
            session.add(row)
        row.hours, row.same_day = hours, same_day
        session.flush()
        audit.record(session, actor, "work_order.sla_changed", entity_type="work_order_sla",
                     entity_id=kind, before={"hours": before.hours, "same_day": before.same_day},
                     after={"hours": hours, "same_day": same_day})
        return SlaRule(kind, hours, same_day)
