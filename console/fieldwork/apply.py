"""Apply checked results inside the importing transaction, each item once.

Whatever changed at the office since the route went out wins: an item that
would overwrite it (order cancelled, meter replaced, seal moved, a reading
lower than the register already stored) is kept as a conflict for a
supervisor instead. Readings and seal moves are written the way the counter
writes them: a manual reading, a seal event with the work order, an audit event.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.fieldwork.package import image_type
from console.fieldwork.results import ResultItem, energy
from console.models import (
    Customer,
    FieldAttachment,
    FieldItem,
    Meter,
    Reading,
    Seal,
    SealEvent,
    WorkOrder,
)
from console.models.enums import MeterStatus, ReadingSource, SealState, WorkOrderState
from console.services import audit
from console.services.actor import Actor

SEAL_MOVES = {"broken": SealState.DAMAGED, "missing": SealState.LOST}


@dataclass(frozen=True)
class Stop:
    """A route stop as exported: its order, customer and meter."""

    work_order_id: int | None
    customer_id: int
    meter_id: int | None


def apply_item(session: Session, actor: Actor, item: ResultItem, *, stop: Stop, key: str,
               package_id: int, files: dict[str, bytes]) -> FieldItem:
    """Record the item; apply it unless it conflicts with what the office changed."""
    meter = _meter(session, item, stop)
    conflict = _conflict(session, item, stop, meter)
    row = FieldItem(item_key=key, package_id=package_id, item_type=item.item_type,
                    work_order_id=stop.work_order_id, customer_id=stop.customer_id,
                    meter_id=meter.id if meter else stop.meter_id, observed_at=item.at,
                    latitude=item.lat, longitude=item.lon,
                    finding=item.text("finding") or None,
                    outcome="conflict" if conflict else "applied", conflict=conflict,
                    detail=json.dumps(dict(item.raw), ensure_ascii=False, sort_keys=True))
    session.add(row)
    session.flush()
    if not conflict:
        _APPLY[item.item_type](session, actor, item, row, meter, files)
    return row


def _meter(session: Session, item: ResultItem, stop: Stop) -> Meter | None:
    asset = item.text("meter_asset_no")
    if asset:
        return session.scalar(select(Meter).where(Meter.asset_no == asset))
    return session.get(Meter, stop.meter_id) if stop.meter_id else None


def _conflict(session: Session, item: ResultItem, stop: Stop, meter: Meter | None) -> str:
    order = session.get(WorkOrder, stop.work_order_id) if stop.work_order_id else None
    if order is not None and order.state == WorkOrderState.CANCELLED:
        return "order_cancelled"
    if session.get(Customer, stop.customer_id).status != "active":
        return "account_closed"
    if item.item_type in ("reading", "seal_check") or item.text("meter_asset_no"):
        if meter is None or meter.customer_id != stop.customer_id \
                or meter.status != MeterStatus.IN_SERVICE:
            return "meter_replaced"
    if item.item_type == "reading":
        return _reading_conflict(session, item, meter)
    if item.item_type == "seal_check":
        seal = session.scalar(select(Seal).where(Seal.seal_no == item.text("seal_no")))
        if seal is None:
            return "unknown_seal"
        if seal.meter_id != meter.id or seal.state != SealState.INSTALLED:
            return "seal_moved"
    if item.item_type == "visit" and order is not None and order.state == WorkOrderState.DONE:
        return "order_done"
    return ""


def _reading_conflict(session: Session, item: ResultItem, meter: Meter) -> str:
    if session.scalar(select(Reading.id).where(Reading.meter_id == meter.id,
                                               Reading.read_at == item.at)):
        return "reading_exists"
    before = session.scalar(select(Reading.energy_total).where(
        Reading.meter_id == meter.id, Reading.read_at < item.at).order_by(Reading.read_at.desc())
        .limit(1))
    return "reading_lower" if before is not None and energy(item) < before else ""


def _apply_reading(session: Session, actor: Actor, item: ResultItem, row: FieldItem,
                   meter: Meter, _files: dict[str, bytes]) -> None:
    reading = Reading(meter_id=meter.id, read_at=item.at, energy_total=energy(item),
                      source=ReadingSource.MANUAL)
    session.add(reading)
    session.flush()
    audit.record(session, actor, "reading.entered", entity_type="reading", entity_id=reading.id,
                 after={"meter_id": meter.id, "read_at": item.at, "energy_total": energy(item),
                        "source": "manual", "field_item": row.item_key})


def _apply_seal(session: Session, actor: Actor, item: ResultItem, row: FieldItem,
                meter: Meter, _files: dict[str, bytes]) -> None:
    target = SEAL_MOVES.get(item.text("state"))
    if target is None:  # intact: the check is the record
        return
    seal = session.scalar(select(Seal).where(Seal.seal_no == item.text("seal_no")).with_for_update())
    before = seal.state
    seal.state = target
    session.add(SealEvent(seal_id=seal.id, at=item.at, actor_id=actor.user_id, from_state=before,
                          to_state=target, unit_id=seal.unit_id, meter_id=meter.id,
                          position=seal.position, work_order_id=row.work_order_id,
                          reason=f"inspection: {item.text('state')}"[:200],
                          idempotency_key=hashlib.sha256(row.item_key.encode()).hexdigest()))
    session.flush()
    audit.record(session, actor, "seal.inspected", entity_type="seal", entity_id=seal.id,
                 before={"state": before}, after={"state": target, "meter_id": meter.id,
                                                  "work_order_id": row.work_order_id})


def _apply_finding(session: Session, _actor: Actor, item: ResultItem, row: FieldItem,
                   _meter: Meter | None, files: dict[str, bytes]) -> None:
    for name in item.raw.get("photos") or []:
        data = files[name]
        session.add(FieldAttachment(item_id=row.id, name=str(name)[:120],
                                    media_type=image_type(data) or "", data=data,
                                    sha256=hashlib.sha256(data).hexdigest()))


def _apply_visit(session: Session, actor: Actor, item: ResultItem, row: FieldItem,
                 _meter: Meter | None, _files: dict[str, bytes]) -> None:
    from console.services import work_orders
    from console.services.work_order_types import COMPLETE, START

    if item.text("status") != "done" or row.work_order_id is None:
        return
    order = work_orders.load(session, row.work_order_id)
    if order.state in (WorkOrderState.OPEN, WorkOrderState.ASSIGNED):
        work_orders.move(session, actor, order, START, now=item.at)
    note = item.text("note") or "inspected"
    work_orders.move(session, actor, order, COMPLETE, resolution=note[:400], now=item.at)


_APPLY = {"reading": _apply_reading, "seal_check": _apply_seal, "finding": _apply_finding,
          "visit": _apply_visit}
