"""Seal batches: create by quantity or number range, list with counts, label data.

A batch's seal numbers are 22-digit asset codes (unit code + "09" + serial +
Damm check digit). By quantity, the serials continue after the highest one ever
made under the same unit code; by range, a range that overlaps any earlier
batch is refused. The unique constraint on seal.seal_no is the backstop that
makes a duplicate impossible even when two workstations race.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, insert, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console import ids, signing
from console.db import Database
from console.errors import NotFound, ValidationError
from console.models import Seal, SealBatch, SealEvent, Unit, User, utcnow
from console.models.enums import Role, SealState, SealType, values
from console.seals import qr
from console.services import audit
from console.services.acting import in_scope, use_case
from console.services.actor import Actor
from console.services.admin import site_keys
from console.services.permissions import Permission
from console.services.seals.types import BatchView, Choice, SealLabel, SealRefused, StateCount

MAX_BATCH = 100_000
MAX_LABELS = 20_000
SERIAL_DIGITS = 14
RECEIVED = "入库：新批次"  # reason of the first event of every seal
LABEL_OUTPUTS = ("print", "pdf", "zpl", "tspl")  # how labels leave the console


def _text(value: str, field: str, limit: int) -> str:
    value = (value or "").strip()
    if not value or len(value) > limit:
        raise ValidationError(f"{field} must be 1 to {limit} characters", field=field, value=value,
                              reason="length")
    return value


def _check_batch_fields(seal_type: str, colour: str, year: int, manufacturer: str) -> tuple[str, str]:
    if seal_type not in values(SealType):
        raise ValidationError(f"unknown seal type {seal_type!r}", field="seal_type", value=seal_type,
                              reason="unknown")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError("year must be 2000 to 2100", field="year", value=year, reason="range")
    return _text(colour, "colour", 16), _text(manufacturer, "manufacturer", 80)


def serial_of(code: str) -> int:
    return int(code[7:21])


def _as_code(value: str | int, prefix: str, field: str) -> str:
    """A serial (int) under `prefix`, or a full 22-digit seal code (str)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 < value < 10**SERIAL_DIGITS:
            raise ValidationError("serial out of range", field=field, value=value, reason="range")
        return ids.make_asset_code(prefix[:5], ids.ASSET_TYPE_SEAL, value)
    try:
        return ids.check_asset_code(str(value), asset_type=ids.ASSET_TYPE_SEAL)
    except ValidationError as exc:
        raise ValidationError(exc.message, field=field, value=str(value), reason="not_a_seal_no") from exc


def _next_serial(session: Session, prefix: str) -> int:
    low, high = prefix + "0" * 15, prefix + "9" * 15
    top = max(session.scalar(select(func.max(Seal.seal_no)).where(Seal.seal_no.between(low, high)))
              or "", session.scalar(select(func.max(SealBatch.last_no))
                                   .where(SealBatch.last_no.between(low, high))) or "")
    return serial_of(top) + 1 if top else 1


def _plan_range(session: Session, unit: Unit, quantity: int | None, first_no: str | int | None,
                last_no: str | int | None) -> tuple[str, int, int]:
    """(prefix, first serial, count) of the new batch."""
    prefix = unit.code + ids.ASSET_TYPE_SEAL
    if (quantity is None) == (first_no is None or last_no is None):
        raise SealRefused("give a quantity or a first and last number", rule="bad_range")
    if quantity is not None:
        if not isinstance(quantity, int) or not 0 < quantity <= MAX_BATCH:
            raise SealRefused(f"quantity must be 1 to {MAX_BATCH}", rule="range_too_large",
                              quantity=quantity)
        return prefix, _next_serial(session, prefix), quantity
    assert first_no is not None and last_no is not None  # checked with quantity above
    first, last = _as_code(first_no, prefix, "first_no"), _as_code(last_no, prefix, "last_no")
    if first[:7] != last[:7]:
        raise SealRefused("first and last number differ in unit code or type", rule="range_mixed",
                          first_no=first, last_no=last)
    count = serial_of(last) - serial_of(first) + 1
    if count < 1:
        raise SealRefused("the last number is before the first", rule="bad_range", first_no=first,
                          last_no=last)
    if count > MAX_BATCH:
        raise SealRefused(f"at most {MAX_BATCH} seals per batch", rule="range_too_large", count=count)
    return first[:7], serial_of(first), count


def _refuse_overlap(session: Session, first: str, last: str) -> None:
    other = session.execute(select(SealBatch.batch_no, SealBatch.first_no, SealBatch.last_no)
                            .where(SealBatch.first_no <= last, SealBatch.last_no >= first)
                            .limit(1)).first()
    taken = other is None and session.scalar(select(Seal.seal_no).where(
        Seal.seal_no.between(first, last)).limit(1))
    if other is not None or taken:
        raise SealRefused("the range overlaps an earlier batch", rule="range_overlap",
                          batch_no=other.batch_no if other else "", first_no=first, last_no=last)


def _batch_no(session: Session, unit: Unit, year: int) -> str:
    stem = f"{unit.code}-{year}-"
    taken = session.scalar(select(func.count()).select_from(SealBatch)
                           .where(SealBatch.batch_no.like(stem + "%"))) or 0
    return f"{stem}{taken + 1:04d}"


@use_case(Permission.CREATE_SEAL_BATCHES, unit="unit_id")
def create_batch(db: Database, actor: Actor, *, seal_type: str, colour: str, year: int,
                 manufacturer: str, unit_id: int, quantity: int | None = None,
                 first_no: str | int | None = None, last_no: str | int | None = None,
                 idempotency_key: str | None = None) -> BatchView:
    """A new batch in `unit_id`'s stock, by quantity (next free serials) or by range
    (22-digit codes or serials under the unit's code). Needs CREATE_SEAL_BATCHES. The same
    `idempotency_key` again returns the batch it made (by quantity, a blind retry would
    otherwise make a second batch of fresh numbers)."""
    colour, manufacturer = _check_batch_fields(seal_type, colour, year, manufacturer)
    with db.uow() as session:
        if idempotency_key and (done := _made_with(session, idempotency_key)) is not None:
            return done
        # Locking the unit serialises batches of one unit on PostgreSQL: the next free serial
        # and the batch number are read and used in one go (SQLite has one writer anyway).
        unit = session.get(Unit, unit_id, with_for_update=True) if isinstance(unit_id, int) \
            else None
        if unit is None:
            raise SealRefused("no such unit", rule="unknown_unit", unit_id=unit_id)
        prefix, start, count = _plan_range(session, unit, quantity, first_no, last_no)
        codes = [_code(prefix, s) for s in range(start, start + count)]
        _refuse_overlap(session, codes[0], codes[-1])
        batch = SealBatch(batch_no=_batch_no(session, unit, year), seal_type=seal_type, colour=colour,
                          year=year, manufacturer=manufacturer, unit_id=unit.id, first_no=codes[0],
                          last_no=codes[-1], quantity=count, created_by=actor.user_id,
                          key_id=site_keys.active_signer(session).key_id, created_at=utcnow(),
                          idempotency_key=idempotency_key or None)
        _insert_seals(session, actor, batch, codes)
        audit.record(session, actor, "seal.batch_created", entity_type="seal_batch",
                     entity_id=batch.id, after={"batch_no": batch.batch_no, "first_no": codes[0],
                                                "last_no": codes[-1], "quantity": count,
                                                "unit_id": unit.id, "seal_type": seal_type})
        return BatchView(batch.id, batch.batch_no, seal_type, colour, year, manufacturer, unit.id,
                         unit.code, unit.name, codes[0], codes[-1], count, batch.key_id,
                         batch.created_at, {SealState.IN_STOCK.value: count},
                         (StateCount(unit.id, unit.name, SealState.IN_STOCK, count),))


def _made_with(session: Session, key: str) -> BatchView | None:
    batch = session.scalar(select(SealBatch).where(SealBatch.idempotency_key == key))
    if batch is None:
        return None
    counts = session.execute(select(Seal.unit_id, Seal.state, func.count())
                             .where(Seal.batch_id == batch.id).group_by(Seal.unit_id, Seal.state))
    units = {u.id: u for u in session.scalars(select(Unit))}
    return _batch_view(batch, units, [(c[0], c[1], c[2]) for c in counts])


def _code(prefix: str, serial: int) -> str:
    payload = f"{prefix}{serial:0{SERIAL_DIGITS}d}"
    return payload + ids.damm_check_digit(payload)


def _insert_seals(session: Session, actor: Actor, batch: SealBatch, codes: Sequence[str]) -> None:
    """Seals by Core executemany and one 'received' event each by INSERT … SELECT (10,000 in well
    under a second; ORM objects would take several)."""
    session.add(batch)
    try:
        session.flush()
        session.execute(insert(Seal), [{"seal_no": c, "batch_id": batch.id, "state": SealState.IN_STOCK,
                                        "unit_id": batch.unit_id, "version": 1} for c in codes])
    except IntegrityError as exc:  # another workstation made the same numbers a moment ago
        raise SealRefused("the range overlaps an earlier batch", rule="range_overlap",
                          first_no=codes[0], last_no=codes[-1]) from exc
    now = utcnow()
    session.execute(insert(SealEvent).from_select(
        ["seal_id", "at", "actor_id", "from_state", "to_state", "unit_id", "reason"],
        select(Seal.id, literal(now, SealEvent.at.type), literal(actor.user_id, SealEvent.actor_id.type),
               literal(None, SealEvent.from_state.type), literal(SealState.IN_STOCK.value),
               Seal.unit_id, literal(RECEIVED)).where(Seal.batch_id == batch.id)))


@use_case(Permission.USE_SEALS, unit="unit_id", filters=True)
def list_batches(db: Database, actor: Actor, unit_id: int | None = None) -> list[BatchView]:
    """Batches, newest first, with their seals counted by state and by the unit holding them.
    With `unit_id`: batches received by that unit or with seals there (counts of that unit only).
    Only the actor's units: their batches, and the seals their units hold."""
    with db.read() as session:
        counts = select(Seal.batch_id, Seal.unit_id, Seal.state, func.count().label("n")) \
            .where(in_scope(Seal.unit_id)).group_by(Seal.batch_id, Seal.unit_id, Seal.state)
        if unit_id is not None:
            counts = counts.where(Seal.unit_id == unit_id)
        grouped: dict[int, list[tuple[int, str, int]]] = {}
        for batch_id, uid, state, n in session.execute(counts):
            grouped.setdefault(batch_id, []).append((uid, state, n))
        units = {u.id: u for u in session.scalars(select(Unit))}
        query = select(SealBatch).order_by(SealBatch.created_at.desc(), SealBatch.id.desc()).where(
            in_scope(SealBatch.unit_id) | SealBatch.id.in_(list(grouped)))
        if unit_id is not None:
            query = query.where((SealBatch.unit_id == unit_id) | SealBatch.id.in_(list(grouped)))
        return [_batch_view(b, units, grouped.get(b.id, [])) for b in session.scalars(query)]


def _batch_view(batch: SealBatch, units: dict[int, Unit],
                counts: list[tuple[int, str, int]]) -> BatchView:
    by_state: dict[str, int] = {}
    for _, state, n in counts:
        by_state[state] = by_state.get(state, 0) + n
    unit = units[batch.unit_id]
    by_unit = tuple(StateCount(uid, units[uid].name, state, n)
                    for uid, state, n in sorted(counts, key=lambda c: (units[c[0]].code, c[1])))
    return BatchView(batch.id, batch.batch_no, batch.seal_type, batch.colour, batch.year,
                     batch.manufacturer, unit.id, unit.code, unit.name, batch.first_no, batch.last_no,
                     batch.quantity, batch.key_id, batch.created_at, by_state, by_unit)


@use_case(Permission.CREATE_SEAL_BATCHES, batch="batch_id", seal="seal_nos")
def label_data(db: Database, actor: Actor, batch_id: int | None = None,
               seal_nos: Sequence[str] | None = None, reprint: bool = False, *,
               record: bool = True) -> list[SealLabel]:
    """Labels for a batch or for given seals, each with a QR signed by the active site key;
    a reprint is marked on the label. Needs CREATE_SEAL_BATCHES.

    `record=True` audits the labels as printed when they are made (how "made": callers that
    print what they get at once, such as scripts and the benchmark). A preview passes `record=False` and the caller audits with `record_label_print`
    only when the labels really go to paper, a file or a label printer: looking is not
    printing, and the audit trail counts printings."""
    numbers = _label_numbers(batch_id, seal_nos)
    with db.uow() as session:
        rows = _label_rows(session, batch_id, numbers)
        signer = site_keys.active_signer(session)
        labels = [_label(signer, seal_no, batch, unit, reprint) for seal_no, batch, unit in rows]
        if record:
            _audit_printed(session, actor, rows, reprint, how="made", key_id=signer.key_id)
        return labels


@use_case(Permission.CREATE_SEAL_BATCHES, batch="batch_id", seal="seal_nos")
def record_label_print(db: Database, actor: Actor, *, how: str, batch_id: int | None = None,
                       seal_nos: Sequence[str] | None = None, reprint: bool = False) -> int:
    """Audit one printing of the labels of a batch or of given seals: `how` is "print"
    (a QPrinter), "pdf" (saved as a file), "zpl" or "tspl" (sent to a label printer).
    Returns how many labels were recorded. Needs CREATE_SEAL_BATCHES."""
    if how not in LABEL_OUTPUTS:
        raise ValidationError(f"unknown label output {how!r}", field="how", value=how,
                              reason="unknown")
    numbers = _label_numbers(batch_id, seal_nos)
    with db.uow() as session:
        rows = _label_rows(session, batch_id, numbers)
        _audit_printed(session, actor, rows, reprint, how=how,
                       key_id=site_keys.active_signer(session).key_id)
        return len(rows)


def _label_numbers(batch_id: int | None, seal_nos: Sequence[str] | None) -> list[str]:
    if (batch_id is None) == (not seal_nos):
        raise ValidationError("give a batch or seal numbers", field="batch_id", reason="missing")
    numbers = [ids.check_asset_code(n, asset_type=ids.ASSET_TYPE_SEAL) for n in seal_nos or ()]
    if len(numbers) > MAX_LABELS:
        raise SealRefused(f"at most {MAX_LABELS} labels at once", rule="range_too_large")
    return numbers


def _audit_printed(session: Session, actor: Actor, rows: list[tuple[str, SealBatch, Unit]],
                   reprint: bool, *, how: str, key_id: str) -> None:
    audit.record(session, actor, "seal.labels_reprinted" if reprint else "seal.labels_printed",
                 entity_type="seal_batch", entity_id=rows[0][1].id,
                 after={"count": len(rows), "first_no": rows[0][0], "last_no": rows[-1][0],
                        "key_id": key_id, "how": how})


def _label_rows(session: Session, batch_id: int | None,
                numbers: list[str]) -> list[tuple[str, SealBatch, Unit]]:
    query = (select(Seal.seal_no, SealBatch, Unit).join(SealBatch, Seal.batch_id == SealBatch.id)
             .join(Unit, SealBatch.unit_id == Unit.id).order_by(Seal.seal_no))
    query = query.where(Seal.batch_id == batch_id) if batch_id is not None else \
        query.where(Seal.seal_no.in_(numbers))
    rows = [(r[0], r[1], r[2]) for r in session.execute(query)]
    missing = sorted(set(numbers) - {r[0] for r in rows})
    if not rows or missing:
        raise NotFound("no such seal" if numbers else "no such batch", entity="seal",
                       seal_nos=missing, batch_id=batch_id)
    return rows


def _label(signer: signing.Signer, seal_no: str, batch: SealBatch, unit: Unit,
           reprint: bool) -> SealLabel:
    code = qr.make(signer, seal_no=seal_no, batch_no=batch.batch_no, unit_code=unit.code)
    return SealLabel(seal_no, batch.batch_no, unit.code, unit.name, batch.seal_type, batch.colour,
                     batch.year, signer.key_id, code.text(), reprint)


@use_case(Permission.USE_SEALS, filters=True)
def units(db: Database, actor: Actor) -> list[Choice]:
    """Units seals may be issued to (the actor's own and those below), by code."""
    with db.read() as session:
        return [Choice(u.id, u.name, u.code) for u in session.scalars(
            select(Unit).where(in_scope(Unit.id)).order_by(Unit.code))]


@use_case(Permission.USE_SEALS, unit="unit_id", filters=True)
def installers(db: Database, actor: Actor, unit_id: int | None = None) -> list[Choice]:
    """Active staff of the actor's units who may hold and install seals (not counter clerks),
    by name."""
    roles = (Role.INSPECTOR, Role.SUPERVISOR, Role.ADMIN)
    with db.read() as session:
        query = (select(User, Unit.name).join(Unit, User.unit_id == Unit.id)
                 .where(User.active.is_(True), User.role.in_(roles), in_scope(User.unit_id))
                 .order_by(User.full_name))
        if unit_id is not None:
            query = query.where(User.unit_id == unit_id)
        return [Choice(u.id, u.full_name, unit_name) for u, unit_name in session.execute(query)]
