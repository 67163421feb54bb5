"""What a route package says about each stop, read in a few bulk queries.

Everything an inspector needs with no database at hand: the customer, the
meter, the seals that should be on it, the last readings and a year of
consumption. Phone numbers travel masked (an inspector may not see them whole).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.models import Bill, Customer, Meter, Reading, Seal, WorkOrder
from console.models.enums import SealState
from console.privacy import mask_phone

LAST_READINGS = 3
MONTHS = 12


def iso(at: dt.datetime | None) -> str | None:
    return at.astimezone(dt.UTC).isoformat() if at else None


def route_stops(session: Session, orders: Sequence[WorkOrder]) -> list[dict]:
    """One JSON-able stop per work order, in the order given."""
    customer_ids = [o.customer_id for o in orders if o.customer_id is not None]
    customers = {c.id: c for c in session.scalars(select(Customer).where(Customer.id.in_(customer_ids)))}
    meters = _meters(session, orders, customers)
    meter_ids = [m.id for m in meters.values()]
    seals, readings = _seals(session, meter_ids), _readings(session, meter_ids)
    months = _months(session, customer_ids)
    stops = []
    for order in orders:
        if order.customer_id is None:  # services.inspection refuses these before
            raise ValueError(f"work order {order.order_no} names no customer to visit")
        customer, meter = customers[order.customer_id], meters.get(order.id)
        stops.append({
            "work_order_id": order.id, "order_no": order.order_no, "kind": order.kind,
            "due_at": iso(order.due_at), "description": order.description,
            "customer": {"id": customer.id, "customer_no": customer.customer_no,
                         "name": customer.name, "address": customer.address,
                         "phone": mask_phone(customer.phone), "category": customer.category},
            "meter": _meter_json(meter),
            "seals": seals.get(meter.id, []) if meter else [],
            "last_readings": readings.get(meter.id, []) if meter else [],
            "consumption": _consumption(months.get(customer.id, [])),
        })
    return stops


def _meters(session: Session, orders: Sequence[WorkOrder], customers: dict) -> dict[int, Meter]:
    """The order's meter, else the customer's meter in service."""
    by_customer: dict[int, Meter] = {}
    rows = session.scalars(select(Meter).where(Meter.customer_id.in_(list(customers)),
                                               Meter.status == "in_service").order_by(Meter.id))
    for meter in rows:
        if meter.customer_id is not None:  # always: selected by customer
            by_customer.setdefault(meter.customer_id, meter)
    explicit = {m.id: m for m in session.scalars(
        select(Meter).where(Meter.id.in_([o.meter_id for o in orders if o.meter_id])))}
    chosen: dict[int, Meter] = {}
    for o in orders:
        found = explicit.get(o.meter_id) if o.meter_id is not None else None
        if found is None and o.customer_id is not None:
            found = by_customer.get(o.customer_id)
        if found is not None:
            chosen[o.id] = found
    return chosen


def _meter_json(meter: Meter | None) -> dict | None:
    if meter is None:
        return None
    return {"id": meter.id, "asset_no": meter.asset_no, "address": meter.address,
            "model": meter.model, "phases": meter.phases, "multiplier": meter.multiplier,
            "relay_state": meter.relay_state}


def _seals(session: Session, meter_ids: list[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = defaultdict(list)
    rows = session.execute(select(Seal.meter_id, Seal.seal_no, Seal.position)
                           .where(Seal.meter_id.in_(meter_ids), Seal.state == SealState.INSTALLED)
                           .order_by(Seal.meter_id, Seal.position))
    for meter_id, seal_no, position in rows:
        if meter_id is not None:  # always: selected by meter
            out[meter_id].append({"seal_no": seal_no, "position": position})
    return out


def _readings(session: Session, meter_ids: list[int]) -> dict[int, list[dict]]:
    rank = func.row_number().over(partition_by=Reading.meter_id,
                                  order_by=Reading.read_at.desc()).label("rank")
    inner = select(Reading.meter_id, Reading.read_at, Reading.energy_total, Reading.source,
                   rank).where(Reading.meter_id.in_(meter_ids)).subquery()
    rows = session.execute(select(inner).where(inner.c.rank <= LAST_READINGS)
                           .order_by(inner.c.meter_id, inner.c.read_at.desc()))
    out: dict[int, list[dict]] = defaultdict(list)
    for meter_id, read_at, energy, source, _rank in rows:
        out[meter_id].append({"read_at": iso(read_at), "energy_total": str(energy),
                              "source": source})
    return out


def _months(session: Session, customer_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    rank = func.row_number().over(partition_by=Bill.customer_id,
                                  order_by=Bill.period.desc()).label("rank")
    inner = select(Bill.customer_id, Bill.period, Bill.kwh, rank).where(
        Bill.customer_id.in_(customer_ids)).subquery()
    rows = session.execute(select(inner).where(inner.c.rank <= MONTHS)
                           .order_by(inner.c.customer_id, inner.c.period))
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for customer_id, period, kwh, _rank in rows:
        out[customer_id].append((period, str(kwh)))
    return out


def _consumption(months: list[tuple[str, str]]) -> dict:
    total = sum(float(k) for _p, k in months)
    return {"months": [{"period": p, "kwh": k} for p, k in months],
            "average_kwh_month": round(total / len(months), 2) if months else None}
