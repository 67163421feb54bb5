"""Days without disconnections: holidays and worked weekends (admins), blackouts (supervisors).

A supervisor declares a blackout for their unit or one below it (heat wave,
exam week, an event); cost control holds every cut that would fall on those
days. Holidays and 调休 working weekend days are the calendar the
administrators keep each year. A block with no unit holds for every unit: only
someone who sees every unit may declare or lift one. Each use case's permission
depends on the kind of block, so it is checked in the body (PERMISSION).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from console.db import Database
from console.errors import NotFound, OutOfScope, ValidationError
from console.models import CalendarBlock, CalendarKind, utcnow
from console.services import audit
from console.services.acting import covers, current_scope, use_case
from console.services.actor import Actor
from console.services.cost_control.policy import load_policies
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


@use_case(None, unit="unit_id")
def declare_block(db: Database, actor: Actor, *, kind: str, starts_on: dt.date, ends_on: dt.date,
                  unit_id: int | None = None, reason: str = "") -> BlockInfo:
    """Record days (local, inclusive) with no disconnections for a unit of the actor's
    (None: every unit); audited."""
    kind = _kind(kind)
    require(actor, PERMISSION[kind])
    if unit_id is None:
        check_every_unit("calendar_block", None)
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


@use_case(None, filters=True)
def list_blocks(db: Database, actor: Actor, *, since: dt.date) -> list[BlockInfo]:
    """Blocks that end on or after `since` and hold for the actor's units (their own, those
    below, those above them and every unit), earliest first."""
    # Supervisors read them beside the arrears; admins keep the holidays in them.
    if not allowed(actor.role, Permission.MANAGE_POLICIES):
        require(actor, Permission.VIEW_ARREARS)
    with db.read() as session:
        rows = session.scalars(select(CalendarBlock).where(CalendarBlock.ends_on >= since)
                               .order_by(CalendarBlock.starts_on, CalendarBlock.id))
        above = set(load_policies(session).ancestors(actor.unit_id)) if actor.unit_id else set()
        return [_info(r) for r in rows
                if r.unit_id is None or r.unit_id in above or covers(r.unit_id)]


@use_case(None, calendar_block="block_id")
def remove_block(db: Database, actor: Actor, block_id: int) -> None:
    """Lift a block of the actor's units (audited with what it was)."""
    with db.uow() as session:
        row = session.get(CalendarBlock, block_id)
        if row is None:
            raise NotFound("no such calendar block", entity="calendar_block", id=block_id)
        require(actor, PERMISSION[CalendarKind(row.kind)])
        if row.unit_id is None:
            check_every_unit("calendar_block", block_id)
        audit.record(session, actor, "calendar_block.removed", entity_type="calendar_block",
                     entity_id=block_id, before=vars(_info(row)))
        session.delete(row)


def check_every_unit(entity: str, key: int | None) -> None:
    """Refuse (OutOfScope) what holds for every unit unless the actor sees every unit."""
    if current_scope().units is not None:
        raise OutOfScope(f"{entity} {key} holds for every unit", entity="all_units", id=key,
                         unit_id=None)


def _kind(kind: str) -> CalendarKind:
    try:
        return CalendarKind(kind)
    except ValueError:
        raise ValidationError(f"unknown kind {kind!r}", field="kind", value=kind,
                              reason="unknown") from None


def _info(row: CalendarBlock) -> BlockInfo:
    return BlockInfo(row.id, row.kind, row.starts_on, row.ends_on, row.unit_id, row.reason)
