"""Theft-suspicion analysis as a service: rank meters, open inspections for them.

Reading-heavy and slow on a large site (a minute for 100,000 customers), so it
reports progress and stops when asked; it writes nothing. Turning suspects
into inspection work orders is one transaction with one idempotency key per
meter and day, so a double click or a retry opens each order once.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select

from console.analysis import theft
from console.db import Database
from console.errors import OutOfScope, ValidationError
from console.models import Customer, Meter, Unit, WorkOrder, utcnow
from console.models.enums import WorkOrderKind, WorkOrderSource
from console.services.acting import current_scope, in_scope, use_case
from console.services.actor import SYSTEM_ROLE, Actor
from console.services.inspection.theft_data import Progress, default_as_of, load_inputs
from console.services.permissions import Permission, require
from console.services.rows import existing
from console.services.work_orders import open_order
from console.services.work_orders.types import OPEN_STATES

Reason = theft.Reason


@dataclass(frozen=True)
class SuspectRow:
    rank: int
    meter_id: int
    customer_id: int
    customer_no: str
    customer_name: str
    address: str
    category: str
    unit_name: str
    meter_asset_no: str
    score: int
    reasons: tuple[Reason, ...]
    open_order_no: str  # an inspection already open for the customer, else ""


@dataclass(frozen=True)
class TheftReport:
    as_of: dt.datetime | None
    meters: int  # meters in service of the actor's units that were analysed
    suspects: tuple[SuspectRow, ...]
    seconds: float


@dataclass(frozen=True)
class OpenedOrders:
    opened: tuple[str, ...]  # order numbers
    skipped: tuple[str, ...]  # customer numbers with an inspection already open


# No permission in these rules: the analysis CLI acts as a system actor (_require below).
@use_case(None, filters=True)
def run_theft_analysis(db: Database, actor: Actor, *, as_of: dt.datetime | None = None,
                       limit: int = 500, progress: Progress | None = None,
                       cancelled: Callable[[], bool] = lambda: False) -> TheftReport:
    """The `limit` most suspect meters of the actor's units, as of `as_of` (default:
    theft_data.default_as_of). Every meter is scored (peers span units); the ranking keeps
    the actor's."""
    _require(actor)
    started = time.perf_counter()
    with db.read() as session:
        as_of = as_of or default_as_of(session)
        if as_of is None:
            return TheftReport(None, 0, (), time.perf_counter() - started)
        inputs = load_inputs(session, as_of, progress=progress, cancelled=cancelled)
        ours = _our_customers(session)
        ranked = [s for s in theft.score(inputs) if ours is None or s.customer_id in ours]
        rows = _rows(session, ranked[:limit])
    if progress:
        progress("done", 1.0)
    # The meters analysed that are the actor's: peers of other units were scored with them,
    # but a supervisor is told how many of their own meters the ranking covers.
    meters = len(inputs.meter_ids) if ours is None else int(
        np.isin(inputs.customer_ids, np.fromiter(ours, dtype=np.int64, count=len(ours))).sum())
    return TheftReport(as_of, meters, rows, time.perf_counter() - started)


def _our_customers(session) -> set[int] | None:
    """The ids of the actor's customers (None: every customer)."""
    if current_scope().units is None:
        return None
    return set(session.scalars(select(Customer.id).where(in_scope(Customer.unit_id))))


def _refuse_outside(session, meter_ids: list[int]) -> None:
    outside = session.execute(select(Meter.id, Customer.unit_id).join(
        Customer, Customer.id == Meter.customer_id).where(
        Meter.id.in_(meter_ids), ~in_scope(Customer.unit_id)).limit(1)).first()
    if outside is not None:
        raise OutOfScope(f"meter {outside[0]} is outside the actor's units", entity="meter",
                         id=outside[0], unit_id=outside[1])


def _rows(session, ranked: list[theft.Suspect]) -> tuple[SuspectRow, ...]:
    ids = [s.customer_id for s in ranked]
    info = {cid: (no, name, address, category, unit)
            for cid, no, name, address, category, unit in session.execute(
        select(Customer.id, Customer.customer_no, Customer.name, Customer.address,
               Customer.category, Unit.name)
        .join(Unit, Unit.id == Customer.unit_id).where(Customer.id.in_(ids)))}
    assets = dict(session.execute(select(Meter.id, Meter.asset_no).where(
        Meter.id.in_([s.meter_id for s in ranked]))).all())
    open_orders = _open_inspections(session, ids)
    return tuple(SuspectRow(n, s.meter_id, s.customer_id, *info[s.customer_id],
                            assets[s.meter_id], s.score, s.reasons,
                            open_orders.get(s.customer_id, ""))
                 for n, s in enumerate(ranked, start=1))


def _open_inspections(session, customer_ids: Sequence[int]) -> dict[int, str]:
    rows = session.execute(select(WorkOrder.customer_id, WorkOrder.order_no).where(
        WorkOrder.customer_id.in_(list(customer_ids)), WorkOrder.kind == WorkOrderKind.INSPECTION,
        WorkOrder.state.in_(OPEN_STATES)))
    return {cid: no for cid, no in rows}


@use_case(None)
def open_inspection_orders(db: Database, actor: Actor, suspects: Sequence[tuple[int, str]], *,
                           now: dt.datetime | None = None) -> OpenedOrders:
    """One inspection order per (meter id, description), skipping customers with one open.
    A meter of a customer outside the actor's units refuses them all (OutOfScope)."""
    _require(actor)
    if not suspects:
        raise ValidationError("choose at least one suspect", field="meters", reason="empty")
    now = now or utcnow()
    opened, skipped = [], []
    with db.uow() as session:
        meters = {m.id: m for m in session.scalars(
            select(Meter).where(Meter.id.in_([m for m, _d in suspects])))}
        _refuse_outside(session, list(meters))
        busy = _open_inspections(session, [m.customer_id for m in meters.values()
                                           if m.customer_id is not None])
        for meter_id, description in suspects:
            meter = meters.get(meter_id)
            if meter is None or meter.customer_id is None:
                continue
            if meter.customer_id in busy:
                skipped.append(existing(session, Customer, meter.customer_id, "customer").customer_no)
                continue
            order = open_order(session, actor, kind=WorkOrderKind.INSPECTION,
                               customer_id=meter.customer_id, meter_id=meter_id,
                               description=description[:1000], source=WorkOrderSource.ANALYSIS,
                               idempotency_key=f"theft:{meter_id}:{now:%Y%m%d}", now=now)
            busy[meter.customer_id] = order.order_no
            opened.append(order.order_no)
    return OpenedOrders(tuple(opened), tuple(skipped))


def describe(reason: Reason) -> str:
    """Plain English for the CLI and work-order descriptions made without a GUI."""
    f = reason.figures
    texts = {
        "drop": lambda: (f"use fell {f['drop_pct']}% for {f['days_low']} days: "
                         f"{f['baseline_kwh_day']} -> {f['recent_kwh_day']} kWh/day "
                         f"(similar customers {f['peer_kwh_day']})"),
        "near_zero": lambda: f"{f['kwh_per_day']} kWh/day for {f['days']} days, relay closed",
        "reverse_energy": lambda: (f"{f['negative_power_readings']} readings with reverse power, "
                                   f"{f['register_decreases']} register decreases"),
        "phase_imbalance": lambda: (f"phase currents unbalanced in {f['share_pct']}% of "
                                    f"{f['readings']} readings"),
        "seal_anomaly": lambda: f"{f['events']} seals found broken or lost",
        "tamper_history": lambda: f"{f['findings']} earlier tampering findings",
    }
    return texts[reason.code]()


def _require(actor: Actor) -> None:
    """Staff need ANALYSE_THEFT; the CLI acts as a system actor on its own authority."""
    if actor is None or actor.role != SYSTEM_ROLE:
        require(actor, Permission.ANALYSE_THEFT)
