"""Apply checked results inside the importing transaction, each item once.

Whatever changed at the office since the route went out wins: an item that
would overwrite it (order cancelled, meter replaced, seal moved, a reading
lower than the register already stored) is kept as a conflict for a
supervisor instead. Readings and seal moves are written the way the counter
writes them: a manual reading, a seal event with the work order, an audit event.

It lives with the services (not in console.fieldwork) because it writes through
them (work orders, audit); console.fieldwork stays the package format, which the
services call one way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from console.fieldwork.results import ResultItem, energy
from console.models import (
    Customer,
    FieldAttachment,
    FieldItem,
    Meter,
    Reading,
    Seal,
    SealAnomaly,
    SealEvent,
    WorkOrder,
)
from console.models.enums import MeterStatus, ReadingSource, SealState, WorkOrderState
from console.services import audit, work_orders
from console.services.actor import Actor
from console.services.work_orders.types import COMPLETE, START

SEAL_MOVES = {"broken": SealState.DAMAGED, "missing": SealState.LOST}


@dataclass(frozen=True)
class Stop:
    """A route stop as exported: its order, customer and meter."""

    work_order_id: int | None
    customer_id: int
    meter_id: int | None


@dataclass
class Context:
    """Rows the items touch, read in bulk once (and held: the session only keeps weak refs)."""

    orders: dict[int, WorkOrder]
    customers: dict[int, Customer]
    meters: dict[str, Meter]  # by asset number
    meters_by_id: dict[int, Meter]
    seals: dict[str, Seal]
    latest: dict[int, tuple[dt.datetime, Decimal]]  # meter: newest reading time and register


def load_context(session: Session, stops: list[Stop], items: list[ResultItem]) -> Context:
    orders = [s.work_order_id for s in stops if s.work_order_id]
    assets = {i.text("meter_asset_no") for i in items} - {""}
    meters = list(session.scalars(select(Meter).where(
        or_(Meter.asset_no.in_(assets), Meter.id.in_([s.meter_id for s in stops if s.meter_id])))))
    seal_nos = {i.text("seal_no") for i in items} - {""}
    newest = (select(Reading.meter_id, func.max(Reading.read_at).label("at"))
              .where(Reading.meter_id.in_([m.id for m in meters])).group_by(Reading.meter_id)
              .subquery())
    latest = session.execute(select(Reading.meter_id, Reading.read_at, Reading.energy_total).join(
        newest, and_(newest.c.meter_id == Reading.meter_id, newest.c.at == Reading.read_at)))
    return Context(
        orders={o.id: o for o in session.scalars(select(WorkOrder).where(WorkOrder.id.in_(orders))
                                                 .with_for_update())},
        customers={c.id: c for c in session.scalars(select(Customer).where(
            Customer.id.in_([s.customer_id for s in stops])))},
        meters={m.asset_no: m for m in meters}, meters_by_id={m.id: m for m in meters},
        seals={x.seal_no: x for x in session.scalars(select(Seal).where(Seal.seal_no.in_(seal_nos)))},
        latest={m: (at, energy_total) for m, at, energy_total in latest})


def apply_item(session: Session, actor: Actor, item: ResultItem, *, stop: Stop, key: str,
               package_id: int, files: Mapping[str, bytes], context: Context) -> FieldItem:
    """Record the item; apply it unless it conflicts with what the office changed."""
    meter = _meter(context, item, stop)
    conflict = _conflict(session, context, item, stop, meter)
    row = FieldItem(item_key=key, package_id=package_id, item_type=item.item_type,
                    work_order_id=stop.work_order_id, customer_id=stop.customer_id,
                    meter_id=meter.id if meter else stop.meter_id, observed_at=item.at,
                    latitude=item.lat, longitude=item.lon,
                    finding=item.text("finding") or None,
                    outcome="conflict" if conflict else "applied", conflict=conflict,
                    detail=json.dumps(dict(item.raw), ensure_ascii=False, sort_keys=True))
    session.add(row)
    if not conflict:
        _APPLY[item.item_type](session, actor, item, row, meter, files, context)
    return row


def _meter(context: Context, item: ResultItem, stop: Stop) -> Meter | None:
    asset = item.text("meter_asset_no")
    if asset:
        return context.meters.get(asset)
    return context.meters_by_id.get(stop.meter_id) if stop.meter_id else None


def _conflict(session: Session, context: Context, item: ResultItem, stop: Stop,
              meter: Meter | None) -> str:
    order = context.orders.get(stop.work_order_id) if stop.work_order_id else None
    if order is not None and order.state == WorkOrderState.CANCELLED:
        return "order_cancelled"
    if context.customers[stop.customer_id].status != "active":
        return "account_closed"
    if item.item_type in ("reading", "seal_check") or item.text("meter_asset_no"):
        if meter is None or meter.customer_id != stop.customer_id \
                or meter.status != MeterStatus.IN_SERVICE:
            return "meter_replaced"
        # Readings and seal checks always come this way, so they have their meter here.
        if item.item_type == "reading":
            return _reading_conflict(session, context, item, meter)
        if item.item_type == "seal_check":
            seal = context.seals.get(item.text("seal_no"))
            if seal is None:
                return "unknown_seal"
            if seal.meter_id != meter.id or seal.state != SealState.INSTALLED:
                return "seal_moved"
    if item.item_type == "visit" and order is not None and order.state == WorkOrderState.DONE:
        return "order_done"
    return ""


def _reading_conflict(session: Session, context: Context, item: ResultItem, meter: Meter) -> str:
    newest = context.latest.get(meter.id)
    if newest is None or newest[0] < item.at:  # the usual case: later than anything stored
        return "reading_lower" if newest is not None and energy(item) < newest[1] else ""
    if session.scalar(select(Reading.id).where(Reading.meter_id == meter.id,
                                               Reading.read_at == item.at)):
        return "reading_exists"
    before = session.scalar(select(Reading.energy_total).where(
        Reading.meter_id == meter.id, Reading.read_at < item.at).order_by(Reading.read_at.desc())
        .limit(1))
    return "reading_lower" if before is not None and energy(item) < before else ""


def _checked_meter(meter: Meter | None, row: FieldItem) -> Meter:
    """The meter of a reading or seal check: _conflict keeps one without it from applying."""
    if meter is None:
        raise LookupError(f"field item {row.item_key} (customer {row.customer_id}, "
                          f"{row.item_type}) was applied without a meter")
    return meter


def _apply_reading(session: Session, _actor: Actor, item: ResultItem, row: FieldItem,
                   found: Meter | None, _files: Mapping[str, bytes], context: Context) -> None:
    meter = _checked_meter(found, row)
    # A reading is data, like the collector's: the item row says where it came
    # from and the import's audit event counts it (no audit event per reading).
    session.add(Reading(meter_id=meter.id, read_at=item.at, energy_total=energy(item),
                        source=ReadingSource.MANUAL))
    if meter.id not in context.latest or context.latest[meter.id][0] < item.at:
        context.latest[meter.id] = (item.at, energy(item))


def _apply_seal(session: Session, actor: Actor, item: ResultItem, row: FieldItem,
                found: Meter | None, _files: Mapping[str, bytes], context: Context) -> None:
    target = SEAL_MOVES.get(item.text("state"))
    if target is None:  # intact: the check is the record
        return
    meter = _checked_meter(found, row)
    seal = context.seals[item.text("seal_no")]
    before = seal.state
    seal.state = target
    session.add(SealEvent(seal_id=seal.id, at=item.at, actor_id=actor.user_id, from_state=before,
                          to_state=target, unit_id=seal.unit_id, meter_id=meter.id,
                          position=seal.position, work_order_id=row.work_order_id,
                          reason=f"inspection: {item.text('state')}"[:200],
                          idempotency_key=hashlib.sha256(row.item_key.encode()).hexdigest()))
    if target == SealState.LOST:
        # The seal engine's own word for it, so the administrators' anomaly list shows it
        # beside the scans at the counter, with the inspection order it was found under.
        session.add(SealAnomaly(at=item.at, kind="missing", seal_no=seal.seal_no, seal_id=seal.id,
                                meter_id=meter.id, position=seal.position or "",
                                unit_id=seal.unit_id, work_order_id=row.work_order_id,
                                reported_by=actor.user_id, detail="field inspection"))
    session.flush()
    audit.record(session, actor, "seal.inspected", entity_type="seal", entity_id=seal.id,
                 before={"state": before}, after={"state": target, "meter_id": meter.id,
                                                  "work_order_id": row.work_order_id})


def _apply_finding(session: Session, _actor: Actor, item: ResultItem, row: FieldItem,
                   _meter: Meter | None, files: Mapping[str, bytes], _context: Context) -> None:
    photos = item.raw.get("photos") or []
    assert isinstance(photos, list)  # results._check_finding refused any other kind
    if photos:
        session.flush()  # the attachments need the item's id
    for name in photos:
        data = files[name]
        # Decoded once already when the file was checked: the magic says which kind.
        media = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
        session.add(FieldAttachment(item_id=row.id, name=str(name)[:120], media_type=media, data=data,
                                    sha256=hashlib.sha256(data).hexdigest()))


def _apply_visit(session: Session, actor: Actor, item: ResultItem, row: FieldItem,
                 _meter: Meter | None, _files: Mapping[str, bytes], context: Context) -> None:
    if item.text("status") != "done" or row.work_order_id is None:
        return
    order = context.orders[row.work_order_id]
    if order.state in (WorkOrderState.OPEN, WorkOrderState.ASSIGNED):
        work_orders.move(session, actor, order, START, now=item.at)
    note = item.text("note") or "inspected"
    work_orders.move(session, actor, order, COMPLETE, resolution=note[:400], now=item.at)


_APPLY = {"reading": _apply_reading, "seal_check": _apply_seal, "finding": _apply_finding,
          "visit": _apply_visit}
