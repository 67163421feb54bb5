"""Days without disconnections: holidays and worked weekends (admins), blackouts (supervisors).

A supervisor declares a blackout for their unit (heat wave, exam week,
an event) or, with no unit, for everyone; cost control holds every cut that
would fall on those days. Holidays and 调休 working weekend days are the
calendar the administrators keep each year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from console.db import Database
from console.errors import NotFound, ValidationError
from console.models import CalendarBlock, CalendarKind, utcnow
from console.services import audit
from console.services.actor import Actor
from console.services.permissions import Permission, allowed, require

# Who may write each kind: blackouts are an operational call, holidays a yearly fact.
PERMISSION = {CalendarKind.BLACKOUT: Permission.APPROVE_CONTROL,
              CalendarKind.HOLIDAY: Permission.MANAGE_POLICIES,
              CalendarKind.WORKDAY: Permission.MANAGE_POLICIES}


@dataclass(frozen=True)
class BlockInfo:
    block_id: int
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    unit_id: int | None
    reason: str


def declare_block(db: Database, actor: Actor, *, kind: str, starts_on: dt.date, ends_on: dt.date,
                  unit_id: int | None = None, reason: str = "") -> BlockInfo:
    """Record days (local, inclusive) with no disconnections; audited."""
    kind = _kind(kind)
    require(actor, PERMISSION[kind])
    if ends_on < starts_on:
        raise ValidationError("the last day is before the first", field="ends_on",
                              reason="before_start")
    with db.uow() as session:
        row = CalendarBlock(kind=kind, starts_on=starts_on, ends_on=ends_on, unit_id=unit_id,
                            reason=(reason or "").strip()[:200], created_by=actor.user_id,
                            created_at=utcnow())
        session.add(row)
        session.flush()
        info = _info(row)
        audit.record(session, actor, "calendar_block.declared", entity_type="calendar_block",
                     entity_id=row.id, after=vars(info))
        return info


def list_blocks(db: Database, actor: Actor, *, since: dt.date) -> list[BlockInfo]:
    """Blocks that end on or after `since`, earliest first."""
    # Supervisors read them beside the arrears; admins keep the holidays in them.
    if not allowed(actor.role, Permission.MANAGE_POLICIES):
        require(actor, Permission.VIEW_ARREARS)
    with db.read() as session:
        rows = session.scalars(select(CalendarBlock).where(CalendarBlock.ends_on >= since)
                               .order_by(CalendarBlock.starts_on, CalendarBlock.id))
        return [_info(r) for r in rows]


def remove_block(db: Database, actor: Actor, block_id: int) -> None:
    """Lift a block (audited with what it was)."""
    with db.uow() as session:
        row = session.get(CalendarBlock, block_id)
        if row is None:
            raise NotFound("no such calendar block", entity="calendar_block", id=block_id)
        require(actor, PERMISSION[CalendarKind(row.kind)])
        audit.record(session, actor, "calendar_block.removed", entity_type="calendar_block",
                     entity_id=block_id, before=vars(_info(row)))
        session.delete(row)


def _kind(kind: str) -> CalendarKind:
    try:
        return CalendarKind(kind)
    except ValueError:
        raise ValidationError(f"unknown kind {kind!r}", field="kind", value=kind,
                              reason="unknown") from None


def _info(row: CalendarBlock) -> BlockInfo:
    return BlockInfo(row.id, row.kind, row.starts_on, row.ends_on, row.unit_id, row.reason)
