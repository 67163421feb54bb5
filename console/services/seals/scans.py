"""Scanning seals: what a scan is, the seal as recorded, and its history.

A scan is a QR payload (signature checked against the site's keys: genuine,
revoked — made with a key the administrator revoked, so anyone may have made it — or
forged), a 22-digit seal number from the Code 128 side (no signature to check),
or not a seal code at all (random text, a customer or meter number, a truncated
QR, a wrong check digit). Every scan is logged (seal_scan + audit) and changes
no seal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session, aliased

from console import ids
from console.db import Database
from console.errors import OutOfScope
from console.models import (
    Customer,
    Meter,
    Seal,
    SealBatch,
    SealEvent,
    SealScan,
    Unit,
    User,
    WorkOrder,
    utcnow,
)
from console.seals import qr
from console.services import audit
from console.services.acting import covers, use_case
from console.services.actor import Actor
from console.services.admin import site_keys
from console.services.permissions import Permission
from console.services.seals.types import (
    BARCODE,
    FORGED,
    GENUINE,
    NOT_A_SEAL,
    REVOKED,
    HistoryEntry,
    ScanResult,
)

MAX_TEXT = 400  # a seal QR is ~150 characters; anything far longer is not one
MAX_KEY = 48


@dataclass(frozen=True)
class Reading:
    """What a scanned text is, before looking the seal up."""

    verdict: str
    seal_no: str = ""
    key_id: str = ""
    message: str = ""


def classify(session: Session, text: str) -> Reading:
    """Read a scanner's text: QR (signature verified), seal barcode, or not a seal code."""
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        return Reading(NOT_A_SEAL, message="not a seal code: too long")
    code = qr.parse(text)
    if code is not None:
        state = site_keys.check(session, code.key_id, code.message, code.signature)
        if state == site_keys.GENUINE:
            return Reading(GENUINE, code.seal_no, code.key_id, "signature verifies")
        if state == site_keys.REVOKED:
            return Reading(REVOKED, code.seal_no, code.key_id, "signed with a revoked key")
        return Reading(FORGED, code.seal_no, code.key_id, "signature does not verify")
    return _barcode(text)


def _barcode(text: str) -> Reading:
    digits = ids.normalise_digits(text)
    if len(digits) != 22 or not digits.isdigit():
        why = "a seal QR cut short" if text.startswith(qr.PREFIX) else "not 22 digits"
        return Reading(NOT_A_SEAL, message=f"not a seal code: {why}")
    if not ids.is_valid_asset_code(digits):
        return Reading(NOT_A_SEAL, message="not a seal code: wrong check digit")
    if digits[5:7] != ids.ASSET_TYPE_SEAL:
        return Reading(NOT_A_SEAL, message="not a seal code: another kind of asset")
    return Reading(BARCODE, digits, message="seal number (no signature on a barcode)")


@use_case(Permission.USE_SEALS)
def scan(db: Database, actor: Actor, text: str, *, idempotency_key: str | None = None,
         purpose: str = "scan") -> ScanResult:
    """Say what a scan is and show the seal it names. Logged; changes no seal.
    The same idempotency key again logs nothing more. Needs USE_SEALS; a seal of another
    unit is refused as such (OutOfScope) and nothing is logged."""
    key = idempotency_key if idempotency_key and len(idempotency_key) <= MAX_KEY else None
    with db.uow() as session:
        reading = classify(session, text)
        result = _in_scope(describe(session, reading, text))
        if key is None or session.scalar(select(SealScan.id).where(
                SealScan.idempotency_key == key)) is None:
            log_scan(session, actor, result, purpose=purpose, key=key)
        return result


def log_scan(session: Session, actor: Actor, result: ScanResult, *, purpose: str,
             key: str | None, meter_id: int | None = None) -> None:
    # Core insert: the ORM's unit of work costs a millisecond more on the scan path.
    session.execute(insert(SealScan).values(
        at=utcnow(), actor_id=actor.user_id, workstation=actor.workstation[:64], purpose=purpose,
        text=result.text[:200], verdict=result.verdict, seal_id=result.seal_id, meter_id=meter_id,
        key_id=result.key_id[:16], idempotency_key=key))
    audit.record(session, actor, "seal.scanned", entity_type="seal",
                 entity_id=result.seal_no or "-",
                 after={"verdict": result.verdict, "purpose": purpose, "text": result.text[:80],
                        "known": result.known, "key_id": result.key_id})


# Built once: aliases and statements are costly to build per call (the scan budget is 20 ms).
_HOLDER, _WHO, _HELD = aliased(User), aliased(User), aliased(User)
_SEAL = (
    select(Seal.id, Seal.state, Seal.holder_id, Seal.meter_id, Seal.position, Seal.installed_at,
           SealBatch.batch_no, SealBatch.seal_type, SealBatch.colour, SealBatch.key_id,
           Unit.id.label("unit_id"), Unit.name.label("unit_name"),
           _HOLDER.full_name.label("holder_name"), Meter.asset_no, Customer.customer_no,
           Customer.name.label("customer_name"))
    .join(SealBatch, Seal.batch_id == SealBatch.id).join(Unit, Seal.unit_id == Unit.id)
    .outerjoin(_HOLDER, Seal.holder_id == _HOLDER.id).outerjoin(Meter, Seal.meter_id == Meter.id)
    .outerjoin(Customer, Meter.customer_id == Customer.id)
    .where(Seal.seal_no == bindparam("seal_no")))
_HISTORY = (
    select(SealEvent.at, SealEvent.from_state, SealEvent.to_state, _WHO.full_name, Unit.name,
           _HELD.full_name, Meter.asset_no, SealEvent.position, WorkOrder.order_no,
           SealEvent.reason)
    .outerjoin(_WHO, SealEvent.actor_id == _WHO.id).outerjoin(Unit, SealEvent.unit_id == Unit.id)
    .outerjoin(_HELD, SealEvent.holder_id == _HELD.id)
    .outerjoin(Meter, SealEvent.meter_id == Meter.id)
    .outerjoin(WorkOrder, SealEvent.work_order_id == WorkOrder.id)
    .where(SealEvent.seal_id == bindparam("seal_id"))
    .order_by(SealEvent.at.desc(), SealEvent.id.desc()))


def describe(session: Session, reading: Reading, text: str) -> ScanResult:
    """The scan's verdict with the seal's record and history (if there is one)."""
    text = (text or "").strip()[:MAX_TEXT]
    base = ScanResult(reading.verdict, text, reading.message, reading.seal_no,
                      key_id=reading.key_id)
    if not reading.seal_no or reading.verdict == NOT_A_SEAL:
        return base
    row = session.execute(_SEAL, {"seal_no": reading.seal_no}).first()
    if row is None:
        return replace(base, message=f"{reading.message}; no such seal on record")
    return replace(
        base, known=True, seal_id=row.id, batch_no=row.batch_no, seal_type=row.seal_type,
        colour=row.colour, state=row.state, unit_id=row.unit_id, unit=row.unit_name,
        holder_id=row.holder_id, holder=row.holder_name or "", customer_no=row.customer_no or "",
        customer_name=row.customer_name or "", meter_id=row.meter_id, meter_no=row.asset_no or "",
        position=row.position or "", installed_at=row.installed_at,
        history=history(session, row.id), key_id=reading.key_id or row.key_id)


def history(session: Session, seal_id: int) -> tuple[HistoryEntry, ...]:
    """Every move of the seal, newest first, with names."""
    return tuple(HistoryEntry(at, before, after, actor or "", unit or "", holder or "",
                              meter_no or "", position or "", order_no or "", reason)
                 for at, before, after, actor, unit, holder, meter_no, position, order_no, reason
                 in session.execute(_HISTORY, {"seal_id": seal_id}))


@use_case(Permission.USE_SEALS, seal="seal_no")
def seal_history(db: Database, actor: Actor, seal_no: str) -> ScanResult:
    """The seal's record and history without logging a scan (typed in, not scanned)."""
    with db.read() as session:
        return _in_scope(describe(session, _barcode(seal_no), seal_no))


def _in_scope(result: ScanResult) -> ScanResult:
    # The number may have been typed with spaces or read from a QR: check the seal found.
    if result.known and not covers(result.unit_id):
        raise OutOfScope(f"seal {result.seal_no} is outside the actor's units", entity="seal",
                         id=result.seal_no, unit_id=result.unit_id)
    return result
