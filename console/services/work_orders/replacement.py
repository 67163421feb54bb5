"""Meter replacement (换表) as the last step of its work order, in one transaction.

The old meter's final reading, its seals removed, the new meter installed
with its first reading and new seals, a `meter_change` row so that billing
and charts run on across the two meters, and the order done. A final
reading lower than the meter's last one is refused: nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import ids
from console.db import Database
from console.errors import AccountClosed, NotFound, ValidationError
from console.models import Customer, Meter, Reading, Seal, utcnow
from console.models.enums import (
    CustomerStatus,
    MeterStatus,
    ReadingSource,
    SealState,
    WorkOrderKind,
    WorkOrderState,
)
from console.models.work import MeterChange, WorkOrder
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.permissions import Permission
from console.services.rows import existing
from console.services.work_orders import (
    load,
    move,
    seal_moves as work_order_seals,
    view_of,
)
from console.services.work_orders.closure_bill import credit_interim
from console.services.work_orders.types import COMPLETE, START, WorkOrderView

REGISTER_NAMES = ("sharp", "peak", "flat", "valley")
MAX_READING = Decimal("99999999.99")


@dataclass(frozen=True)
class NewMeter:
    """The meter going in: one in stock by its asset number, or a new one (address needed)."""

    asset_no: str
    address: str = ""
    model: str = ""
    phases: int = 1
    ct_ratio: int = 1
    pt_ratio: int = 1


@dataclass(frozen=True)
class MeterSide:
    """What the dialog shows of a meter: its last reading and its installed seals."""

    meter_id: int
    asset_no: str
    multiplier: int
    last_reading: Decimal | None
    last_read_at: dt.datetime | None
    seals: tuple[tuple[str, str], ...]  # (seal number, position)


@dataclass(frozen=True)
class ReplacementResult:
    order: WorkOrderView
    old: MeterSide
    new: MeterSide
    final_reading: Decimal
    first_reading: Decimal
    seals_removed: tuple[str, ...]


@use_case(Permission.WORK_ORDERS, work_order="order_id")
def meter_side(db: Database, actor: Actor, order_id: int) -> MeterSide:
    """The order's meter as it stands: what a replacement or closure dialog starts from."""
    with db.read() as session:
        order = load(session, order_id, lock=False)
        if order.meter_id is None:
            raise ValidationError("the order has no meter", field="meter_id", reason="no_meter")
        return side_of(session, order.meter_id)


@use_case(Permission.REPLACE_METERS, work_order="order_id")
def replace_meter(db: Database, actor: Actor, order_id: int, *, final_reading: Decimal | str,
                  new_meter: NewMeter, first_reading: Decimal | str,
                  seals: Sequence[tuple[str, str]] = (), resolution: str = "",
                  final_registers: Mapping[str, Decimal | str] | None = None,
                  first_registers: Mapping[str, Decimal | str] | None = None,
                  at: dt.datetime | None = None,
                  expected_version: int | None = None) -> ReplacementResult:
    """Run the replacement and complete its order (see the module docstring).

    Refused, writing nothing: ValidationError (not a replacement order, order
    finished, reading not a number or lower than the last one, reading time
    not after the last one, new meter busy or malformed, seal not available),
    AccountClosed, NotFound, ConcurrentUpdate, PermissionDenied (no REPLACE_METERS).
    """
    final, first = parse_reading(final_reading, "final_reading"), parse_reading(
        first_reading, "first_reading")
    at = at or utcnow()
    with db.uow() as session:
        order = _replacement_order(session, actor, order_id, expected_version)
        old = existing(session, Meter, order.meter_id, "meter")
        customer = existing(session, Customer, order.customer_id, "customer")  # loaded by started()
        final_row = final_read(session, old, final, at, final_registers)
        removed = work_order_seals.remove_all(session, actor, old.id, work_order_id=order.id,
                                              at=at, reason="换表拆除")
        old.status, old.removed_at = MeterStatus.REMOVED, at
        credit_interim(session, old.id, at, "预扣电费冲回（换表，下期账单计收）")
        meter = _install_meter(session, customer.id, old, new_meter, at)
        first_row = _reading(session, meter.id, at, first, first_registers)
        work_order_seals.install(session, actor, meter.id, seals, work_order_id=order.id, at=at,
                                 reason="换表加封")
        session.add(MeterChange(customer_id=order.customer_id, work_order_id=order.id,
                                old_meter_id=old.id, new_meter_id=meter.id,
                                old_final_reading_id=final_row.id,
                                new_first_reading_id=first_row.id, changed_at=at,
                                actor_id=actor.user_id))
        order.meter_id = meter.id
        audit.record(session, actor, "meter.replaced", entity_type="customer",
                     entity_id=order.customer_id,
                     before={"meter_id": old.id, "asset_no": old.asset_no, "final": final},
                     after={"meter_id": meter.id, "asset_no": meter.asset_no, "first": first,
                            "seals_removed": removed, "seals_installed": [n for n, _p in seals],
                            "work_order_id": order.id})
        text = resolution.strip() or f"{old.asset_no} → {meter.asset_no}"
        move(session, actor, order, COMPLETE, resolution=text, now=at)
        return ReplacementResult(view_of(session, order.id), side_of(session, old.id),
                                 side_of(session, meter.id), final, first, tuple(removed))


def _replacement_order(session: Session, actor: Actor, order_id: int,
                       version: int | None) -> WorkOrder:
    order = load(session, order_id, version)
    if order.kind != WorkOrderKind.METER_REPLACEMENT:
        raise ValidationError("not a meter replacement order", field="kind", value=order.kind,
                              reason="wrong_kind")
    return started(session, order, actor)


def started(session: Session, order: WorkOrder, actor: Actor | None = None) -> WorkOrder:
    """An open order whose steps are about to run (taken and started first if it was not)."""
    customer = session.get(Customer, order.customer_id) if order.customer_id else None
    if customer is not None and customer.status == CustomerStatus.CLOSED:
        raise AccountClosed("the account is closed", customer_id=customer.id)
    if order.state not in (WorkOrderState.OPEN, WorkOrderState.ASSIGNED,
                           WorkOrderState.IN_PROGRESS):
        raise ValidationError(f"the order is {order.state}", field="state", value=order.state,
                              reason="bad_state", state=order.state)
    meter = session.get(Meter, order.meter_id) if order.meter_id else None
    if meter is None or meter.status != MeterStatus.IN_SERVICE:
        raise ValidationError("the order's meter is not in service", field="meter_id",
                              reason="no_meter")
    if order.state != WorkOrderState.IN_PROGRESS and actor is not None:
        move(session, actor, order, START)
    return order


def final_read(session: Session, meter: Meter, value: Decimal, at: dt.datetime,
               registers: Mapping[str, Decimal | str] | None) -> Reading:
    """The meter's final reading: not lower than, and later than, its last one."""
    last = session.execute(select(Reading.energy_total, Reading.read_at).where(
        Reading.meter_id == meter.id).order_by(Reading.read_at.desc()).limit(1)).one_or_none()
    if last is not None and value < last.energy_total:
        raise ValidationError("lower than the meter's last reading", field="final_reading",
                              value=str(value), reason="lower_than_last",
                              last=str(last.energy_total))
    if last is not None and at <= last.read_at:
        raise ValidationError("not after the meter's last reading", field="at",
                              reason="not_after_last", last_at=last.read_at.isoformat())
    return _reading(session, meter.id, at, value, registers)


def _reading(session: Session, meter_id: int, at: dt.datetime, total: Decimal,
             registers: Mapping[str, Decimal | str] | None) -> Reading:
    parts = {f"energy_{k}": parse_reading(v, k) for k, v in (registers or {}).items()
             if k in REGISTER_NAMES}
    row = Reading(meter_id=meter_id, read_at=at, energy_total=total,
                  source=ReadingSource.MANUAL, **parts)
    session.add(row)
    session.flush()
    return row


def _install_meter(session: Session, customer_id: int, old: Meter, spec: NewMeter,
                   at: dt.datetime) -> Meter:
    asset_no = (spec.asset_no or "").strip()
    meter = session.scalar(select(Meter).where(Meter.asset_no == asset_no))
    if meter is None:
        meter = _new_meter(session, spec, asset_no, old)
    elif meter.status != MeterStatus.IN_STOCK or meter.customer_id is not None:
        raise ValidationError("that meter is not in stock", field="asset_no", value=asset_no,
                              reason="meter_busy")
    meter.customer_id, meter.status, meter.installed_at = customer_id, MeterStatus.IN_SERVICE, at
    meter.removed_at = None
    session.flush()
    return meter


def _new_meter(session: Session, spec: NewMeter, asset_no: str, old: Meter) -> Meter:
    try:
        ids.check_asset_code(asset_no, asset_type=ids.ASSET_TYPE_METER)
        ids.check_meter_address((spec.address or "").strip())
    except ValidationError as exc:
        raise ValidationError(exc.message, field=exc.params.get("field", "asset_no"),
                              value=asset_no, reason="bad_meter") from exc
    if session.scalar(select(Meter.id).where(Meter.address == spec.address.strip())):
        raise ValidationError("another meter has that address", field="address",
                              value=spec.address, reason="address_taken")
    if not (spec.phases in (1, 3) and spec.ct_ratio > 0 and spec.pt_ratio > 0):
        raise ValidationError("phases 1 or 3, ratios positive", field="phases",
                              reason="bad_meter")
    meter = Meter(asset_no=asset_no, address=spec.address.strip(), model=spec.model,
                  phases=spec.phases, ct_ratio=spec.ct_ratio, pt_ratio=spec.pt_ratio,
                  endpoint=old.endpoint, status=MeterStatus.IN_STOCK)
    session.add(meter)
    session.flush()
    return meter


def side_of(session: Session, meter_id: int) -> MeterSide:
    meter = session.get(Meter, meter_id)
    if meter is None:
        raise NotFound("no such meter", entity="meter", id=meter_id)
    last = session.execute(select(Reading.energy_total, Reading.read_at).where(
        Reading.meter_id == meter_id).order_by(Reading.read_at.desc()).limit(1)).one_or_none()
    seals = tuple(session.execute(select(Seal.seal_no, Seal.position).where(
        Seal.meter_id == meter_id, Seal.state == SealState.INSTALLED).order_by(Seal.position)))
    return MeterSide(meter.id, meter.asset_no, meter.multiplier,
                     last.energy_total if last else None, last.read_at if last else None,
                     tuple((n, p or "") for n, p in seals))


def parse_reading(value: Decimal | str, field: str) -> Decimal:
    """A register value: a finite number >= 0 with at most two decimals."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or number < 0 or number > MAX_READING \
            or number != number.quantize(Decimal("0.01")):
        raise ValidationError(f"{field}: not a reading", field=field, value=str(value),
                              reason="not_a_reading")
    return number.quantize(Decimal("0.01"))
