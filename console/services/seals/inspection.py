"""Inspection checks: scan every seal on a meter and compare with the records.

Per seal: intact (on record at this meter), mismatch (a seal recorded somewhere
else), unknown (a seal number never made here), forged (a seal QR whose
signature fails), and missing (on record here but not scanned). Any anomaly
opens one seal-check work order for the meter's unit (console.services.work_orders)
and one seal_anomaly row per finding, which `anomalies` lists for admins.
Junk scans are listed as not_a_seal and open nothing (a misread is not a theft).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from console import ids
from console.db import Database
from console.errors import OutOfScope, ValidationError
from console.models import (
    Customer,
    Meter,
    Seal,
    SealAnomaly,
    SealScan,
    Unit,
    User,
    WorkOrder,
    utcnow,
)
from console.models.enums import CustomerStatus, SealState, WorkOrderKind, WorkOrderSource
from console.services import audit, work_orders
from console.services.acting import covers, in_scope, use_case
from console.services.actor import SYSTEM_ROLE, Actor
from console.services.permissions import Permission
from console.services.scope_kinds import unit_of
from console.services.seals.scans import classify, describe, log_scan
from console.services.seals.types import (
    ANOMALY_KINDS,
    FORGED,
    INTACT,
    MISMATCH,
    MISSING,
    NOT_A_SEAL,
    REVOKED,
    UNKNOWN,
    AnomalyView,
    Finding,
    InspectionResult,
    MeterInfo,
    SealRefused,
)
from console.services.work_orders.types import OPEN_STATES

MAX_SCANS = 50
MAX_KEY = 40


@use_case(Permission.USE_SEALS)
def find_meter(db: Database, actor: Actor, text: str) -> MeterInfo:
    """The meter by asset number (its barcode), DL/T 645 address or customer number; a meter
    of another unit is refused as such (OutOfScope), not shown."""
    digits = ids.normalise_digits(text or "")
    with db.read() as session:
        column = {22: Meter.asset_no, 12: Meter.address}.get(len(digits))
        if column is not None:
            meter_id = session.scalar(select(Meter.id).where(column == digits))
        elif len(digits) == 10:
            meter_id = session.scalar(select(Meter.id).join(Customer, Meter.customer_id == Customer.id)
                                      .where(Customer.customer_no == digits).order_by(Meter.id).limit(1))
        else:
            meter_id = None
        if meter_id is None:
            raise SealRefused("no meter with that number", rule="unknown_meter", text=text)
        refuse_outside(session, meter_id)
        return meter_info(session, meter_id)


def refuse_outside(session: Session, meter_id: int) -> None:
    """OutOfScope when the meter (by its customer, else its issuer) is not in the actor's units."""
    unit_id = unit_of(session, "meter", meter_id)
    if unit_id is not None and not covers(unit_id):
        raise OutOfScope(f"meter {meter_id} is outside the actor's units", entity="meter",
                         id=meter_id, unit_id=unit_id)


def meter_info(session: Session, meter_id: int) -> MeterInfo:
    row = session.execute(select(Meter, Customer).outerjoin(Customer, Meter.customer_id == Customer.id)
                          .where(Meter.id == meter_id)).first() if isinstance(meter_id, int) else None
    if row is None:
        raise SealRefused("no such meter", rule="unknown_meter", meter_id=meter_id)
    meter, customer = row
    seals = session.execute(select(Seal.position, Seal.seal_no).where(
        Seal.meter_id == meter.id, Seal.state == SealState.INSTALLED).order_by(Seal.position)).all()
    return MeterInfo(meter.id, meter.asset_no, customer.unit_id if customer else None,
                     customer.customer_no if customer else "", customer.name if customer else "",
                     customer.address if customer else "", tuple((p or "", n) for p, n in seals))


def _findings(session: Session, meter: MeterInfo,
              scanned: Sequence[str]) -> tuple[list[Finding], list]:
    """Findings in scan order then the missing ones; and the scan results to log."""
    on_meter = {no: pos for pos, no in meter.seals}
    findings, results, seen = [], [], set()
    for text in scanned:
        result = describe(session, classify(session, text), text)
        if result.seal_no in seen or (not result.seal_no and result.text in seen):
            continue  # the same seal scanned twice counts once
        seen.add(result.seal_no or result.text)
        results.append(result)
        findings.append(_finding(result, on_meter))
    findings += [Finding(no, MISSING, pos, "on record here, not scanned")
                 for no, pos in on_meter.items() if no not in seen]
    return findings, results


def _finding(result, on_meter: dict[str, str]) -> Finding:  # ScanResult
    if result.verdict == NOT_A_SEAL:
        return Finding(result.text[:64], NOT_A_SEAL, "", result.message)
    if result.verdict in (FORGED, REVOKED):  # a revoked key proves nothing: treat as forged
        return Finding(result.seal_no, FORGED, "", result.message)
    if result.seal_no in on_meter:
        return Finding(result.seal_no, INTACT, on_meter[result.seal_no])
    if not result.known:
        return Finding(result.seal_no, UNKNOWN, "", "no such seal on record")
    where = f"{result.state} {result.meter_no} {result.position}".strip()
    return Finding(result.seal_no, MISMATCH, "", f"recorded as {where}")


@use_case(Permission.USE_SEALS, meter="meter_id")
def inspection_check(db: Database, actor: Actor, meter_id: int, scanned: Sequence[str], *,
                     idempotency_key: str | None = None) -> InspectionResult:
    """Compare the seals scanned on a meter with the records; anomalies open a work order.
    The same idempotency key again returns the first work order and opens no other."""
    if len(scanned) > MAX_SCANS:
        raise ValidationError(f"at most {MAX_SCANS} scans per meter", field="scanned",
                              reason="too_many")
    if idempotency_key is not None and not 0 < len(idempotency_key) <= MAX_KEY:
        raise ValidationError("idempotency key too long", field="idempotency_key", reason="length")
    with db.uow() as session:
        meter = meter_info(session, meter_id)
        findings, results = _findings(session, meter, scanned)
        result = InspectionResult(meter, tuple(findings))
        key = idempotency_key
        if key and session.scalar(select(SealScan.id).where(SealScan.idempotency_key == f"{key}#0")):
            return _replayed(session, result, key)
        for n, scan_result in enumerate(results):
            log_scan(session, actor, scan_result, purpose="inspection",
                     key=f"{key}#{n}" if key else None, meter_id=meter.id)
        if result.anomalies:
            result = _open_anomaly(session, actor, result, key)
        audit.record(session, actor, "seal.inspection_checked", entity_type="meter",
                     entity_id=meter.id, after={"findings": [[f.seal_no, f.outcome] for f in findings],
                                                "work_order_no": result.work_order_no})
        return result


def _replayed(session: Session, result: InspectionResult, key: str) -> InspectionResult:
    order = session.scalar(select(WorkOrder).where(WorkOrder.idempotency_key == f"seal-check:{key}"))
    return replace(result, work_order_id=order.id if order else None,
                   work_order_no=order.order_no if order else "", replayed=True)


def _open_anomaly(session: Session, actor: Actor, result: InspectionResult,
                  key: str | None) -> InspectionResult:
    meter = result.meter
    customer = session.scalar(select(Customer).join(Meter, Meter.customer_id == Customer.id)
                              .where(Meter.id == meter.id))
    active = customer is not None and customer.status == CustomerStatus.ACTIVE
    unit_id = customer.unit_id if customer else actor.unit_id
    bad = [f for f in result.findings if f.outcome in ANOMALY_KINDS]
    text = "; ".join(f"{f.outcome} {f.seal_no} {f.detail}".strip() for f in bad)
    # The seal engine opens the order on the finding of whoever scanned: the order is the
    # engine's (staff without WORK_ORDERS, e.g. admins, still trigger it), the name is theirs.
    engine = replace(actor, role=SYSTEM_ROLE)
    order = work_orders.open_order(session, engine, kind=WorkOrderKind.SEAL_CHECK,
                                   customer_id=customer.id if customer and active else None,
                                   meter_id=meter.id,
                                   unit_id=unit_id, description=f"封印异常 seal anomaly: {text}"[:2000],
                                   source=WorkOrderSource.SEAL_ENGINE,
                                   idempotency_key=f"seal-check:{key}" if key else None)
    seal_ids = dict(session.execute(select(Seal.seal_no, Seal.id).where(
        Seal.seal_no.in_([f.seal_no for f in bad]))).all())
    now = utcnow()
    for f in bad:
        session.add(SealAnomaly(at=now, kind=f.outcome, seal_no=f.seal_no[:64],
                                seal_id=seal_ids.get(f.seal_no), meter_id=meter.id,
                                position=f.position, unit_id=order.unit_id, work_order_id=order.id,
                                reported_by=actor.user_id, detail=f.detail[:200]))
    session.flush()
    return replace(result, work_order_id=order.id, work_order_no=order.order_no)


@use_case(Permission.MANAGE_SEALS, unit="unit_id", filters=True)
def anomalies(db: Database, actor: Actor, *, unit_id: int | None = None, open_only: bool = False,
              limit: int = 500) -> list[AnomalyView]:
    """Inspection anomalies of the actor's units, newest first, with their work orders.
    Needs MANAGE_SEALS."""
    reporter = aliased(User)
    query = (select(SealAnomaly, Meter.asset_no, Customer.customer_no, Customer.name, Unit.name,
                    WorkOrder.order_no, WorkOrder.state, reporter.full_name)
             .join(Meter, SealAnomaly.meter_id == Meter.id)
             .outerjoin(Customer, Meter.customer_id == Customer.id)
             .join(Unit, SealAnomaly.unit_id == Unit.id)
             .outerjoin(WorkOrder, SealAnomaly.work_order_id == WorkOrder.id)
             .outerjoin(reporter, SealAnomaly.reported_by == reporter.id)
             .where(in_scope(SealAnomaly.unit_id))
             .order_by(SealAnomaly.at.desc(), SealAnomaly.id.desc()).limit(max(1, min(limit, 5000))))
    if unit_id is not None:
        query = query.where(SealAnomaly.unit_id == unit_id)
    if open_only:
        query = query.where(WorkOrder.state.in_(OPEN_STATES))
    with db.read() as session:
        return [AnomalyView(a.id, a.at, a.kind, a.seal_no, a.meter_id, meter_no, customer_no or "",
                            name or "", a.unit_id, unit, a.work_order_id, order_no or "",
                            order_state or "", reporter_name or "", a.detail)
                for a, meter_no, customer_no, name, unit, order_no, order_state, reporter_name
                in session.execute(query)]
