"""Seal moves: issue, return, install, remove, scrap, lost, damaged.

Each call moves one seal or a range and writes one SealEvent per seal plus one
audit event for the call, in one transaction: either every seal moves or none
(a refusal names the rule and the seals it stopped). Retryable calls carry an
idempotency key; the events store it as `key#n`, so posting again returns the
first answer with `replayed=True` and writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console import ids
from console.db import Database
from console.errors import OutOfScope, ValidationError
from console.models import Meter, Seal, SealBatch, SealEvent, Unit, User, WorkOrder, utcnow
from console.models.enums import SealPosition, SealState, values
from console.seals import rules
from console.services import audit
from console.services.acting import covers, use_case
from console.services.actor import Actor
from console.services.permissions import Permission, allowed
from console.services.seals.types import MoveResult, SealRefused

MAX_MOVE = 20_000
MAX_KEY = 48  # leaves room for '#n' in the 64-character column
REASON_MAX = 200


# -- picking the seals -------------------------------------------------------


def _numbers(seal_nos: Sequence[str]) -> list[str]:
    out = []
    for raw in seal_nos:
        try:
            out.append(ids.check_asset_code(str(raw), asset_type=ids.ASSET_TYPE_SEAL))
        except ValidationError as exc:
            raise SealRefused(f"{raw}: {exc.message}", rule="unknown_seal", seal_no=str(raw)) from exc
    return out


def _range(first_no: str, last_no: str) -> tuple[str, str]:
    first, last = _numbers([first_no, last_no])
    if first[:7] != last[:7]:
        raise SealRefused("first and last number differ in unit code or type", rule="range_mixed",
                          first_no=first, last_no=last)
    if first > last:
        raise SealRefused("the last number is before the first", rule="bad_range",
                          first_no=first, last_no=last)
    if int(last[7:21]) - int(first[7:21]) >= MAX_MOVE:
        raise SealRefused(f"at most {MAX_MOVE} seals at once", rule="range_too_large")
    return first, last


def pick(session: Session, seal_nos: Sequence[str] = (), first_no: str | None = None,
         last_no: str | None = None) -> list[Seal]:
    """The seals named, or every seal on record between first and last; all must exist."""
    if bool(seal_nos) == (first_no is not None or last_no is not None) or \
            (first_no is None) != (last_no is None):
        raise SealRefused("give seal numbers or a first and last number", rule="bad_range")
    if seal_nos:
        numbers = sorted(set(_numbers(seal_nos)))
        if len(numbers) > MAX_MOVE:
            raise SealRefused(f"at most {MAX_MOVE} seals at once", rule="range_too_large")
        seals = list(session.scalars(select(Seal).where(Seal.seal_no.in_(numbers))
                                     .order_by(Seal.seal_no)))
        missing = sorted(set(numbers) - {s.seal_no for s in seals})
    else:
        first, last = _range(first_no, last_no)  # type: ignore[arg-type]
        seals = list(session.scalars(select(Seal).where(Seal.seal_no.between(first, last))
                                     .order_by(Seal.seal_no)))
        missing = [] if seals else [first]
    if missing:
        raise SealRefused(f"no seal {missing[0]} on record", rule="unknown_seal",
                          seal_no=missing[0], seal_nos=missing)
    _refuse_outside(seals)
    return seals


def _refuse_outside(seals: list[Seal]) -> None:
    # A range names its seals by their ends only: each one picked must lie in the actor's units.
    outside = next((s for s in seals if not covers(s.unit_id)), None)
    if outside is not None:
        raise OutOfScope(f"seal {outside.seal_no} is outside the actor's units", entity="seal",
                         id=outside.seal_no, unit_id=outside.unit_id)


# -- idempotency -------------------------------------------------------------


def _check_key(key: str | None) -> str | None:
    if key is not None and not 0 < len(key) <= MAX_KEY:
        raise ValidationError(f"idempotency key must be 1 to {MAX_KEY} characters",
                              field="idempotency_key", value=key, reason="length")
    return key


def replay(session: Session, key: str | None, move: str) -> MoveResult | None:
    """The earlier answer to `key`, or None; a key used for another move is refused."""
    if key is None:
        return None
    events = session.execute(
        select(SealEvent, Seal.seal_no).join(Seal, SealEvent.seal_id == Seal.id)
        .where(SealEvent.idempotency_key >= key + "#", SealEvent.idempotency_key < key + "$")
        .order_by(Seal.seal_no)).all()
    if not events:
        return None
    first = events[0][0]
    if first.to_state != rules.target(move):
        raise SealRefused("idempotency key already used for another move",
                          rule="idempotency_conflict", key=key)
    return MoveResult(move, first.to_state, tuple(no for _, no in events), first.meter_id,
                      first.position, replayed=True)


# -- the move itself ---------------------------------------------------------


def _refuse(seals: list[Seal], move: str) -> None:
    for seal in seals:
        rule = rules.refusal(move, seal.state)
        if rule:
            stopped = [s.seal_no for s in seals if rules.refusal(move, s.state)]
            raise SealRefused(f"seal {seal.seal_no} is {seal.state}: cannot {move}", rule=rule,
                              seal_no=seal.seal_no, state=seal.state, seal_nos=stopped)


def _reason(move: str, reason: str) -> str:
    reason = (reason or "").strip()
    if move in rules.NEEDS_REASON and not reason:
        raise SealRefused("say why", rule="reason_required", move=move)
    if len(reason) > REASON_MAX:
        raise ValidationError(f"reason is longer than {REASON_MAX} characters", field="reason",
                              reason="length")
    return reason


def apply_move(session: Session, actor: Actor, seals: list[Seal], move: str, *,
               key: str | None = None, reason: str = "", work_order_id: int | None = None,
               **where: object) -> MoveResult:
    """Move every seal (already checked), one event each, one audit event for the call.
    `where` sets unit_id / holder_id / meter_id / position / installed_at on the seals."""
    _refuse(seals, move)
    to_state, now = rules.target(move), utcnow()
    for n, seal in enumerate(seals):
        before = seal.state
        seal.state = to_state
        for column, value in where.items():
            setattr(seal, column, value)
        session.add(SealEvent(seal_id=seal.id, at=now, actor_id=actor.user_id, from_state=before,
                              to_state=to_state, unit_id=seal.unit_id, holder_id=seal.holder_id,
                              meter_id=seal.meter_id, position=seal.position,
                              work_order_id=work_order_id, reason=reason,
                              idempotency_key=f"{key}#{n}" if key else None))
    _flush(session)
    numbers = [s.seal_no for s in seals]
    audit.record(session, actor, f"seal.{move}", entity_type="seal",
                 entity_id=numbers[0],  # the range is in `after` (entity_id holds 40 characters)
                 after={"to_state": to_state, "count": len(numbers), "first_no": numbers[0],
                        "last_no": numbers[-1], "seal_nos": numbers[:20],
                        "reason": reason, "work_order_id": work_order_id,
                        **{k: v for k, v in where.items() if k != "installed_at"}})
    return MoveResult(move, to_state, tuple(numbers), seals[0].meter_id, seals[0].position)


def _flush(session: Session) -> None:
    # Name nothing from the rows in the handler: after a failed flush they are expired.
    try:
        session.flush()
    except IntegrityError as exc:
        if "idempotency" in str(exc.orig):  # the same request posted twice at the same moment
            raise SealRefused("this request is being recorded already: try again to see it",
                              rule="idempotency_conflict") from exc
        # The partial unique index: another workstation sealed the position a moment ago.
        raise SealRefused("another seal was installed at that position a moment ago",
                          rule="position_taken") from exc


def _move(db: Database, actor: Actor, move: str, *, picked: dict,
          key: str | None = None, reason: str = "", check=None, **where: Any) -> MoveResult:
    """One move in one transaction; the caller's @use_case has checked the permission."""
    key, reason = _check_key(key), _reason(move, reason)
    with db.uow() as session:
        done = replay(session, key, move)
        if done is not None:
            return done
        seals = pick(session, **picked)
        if check is not None:
            where = {**where, **(check(session, seals) or {})}
        return apply_move(session, actor, seals, move, key=key, reason=reason, **where)


def _picked(seal_nos: Sequence[str], first_no: str | None, last_no: str | None) -> dict:
    return {"seal_nos": tuple(seal_nos), "first_no": first_no, "last_no": last_no}


# -- public moves ------------------------------------------------------------


@use_case(Permission.ISSUE_SEALS, unit="unit_id", seal="seal_nos")
def issue_to_unit(db: Database, actor: Actor, unit_id: int, *, seal_nos: Sequence[str] = (),
                  first_no: str | None = None, last_no: str | None = None,
                  idempotency_key: str | None = None) -> MoveResult:
    """Hand seals in stock (or another unit's drawer) to a unit. Needs ISSUE_SEALS."""
    def check(session: Session, _seals: list[Seal]) -> dict:
        if not isinstance(unit_id, int) or session.get(Unit, unit_id) is None:
            raise SealRefused("no such unit", rule="unknown_unit", unit_id=unit_id)
        return {}
    return _move(db, actor, rules.ISSUE_UNIT,
                 picked=_picked(seal_nos, first_no, last_no), key=idempotency_key, check=check,
                 unit_id=unit_id, holder_id=None)


@use_case(Permission.ISSUE_SEALS, user="holder_id", seal="seal_nos")
def issue_to_installer(db: Database, actor: Actor, holder_id: int, *, seal_nos: Sequence[str] = (),
                       first_no: str | None = None, last_no: str | None = None,
                       idempotency_key: str | None = None) -> MoveResult:
    """Hand seals to a named installer (from stock, their unit's drawer or another installer:
    a transfer). The seals belong to the installer's unit from then on. Needs ISSUE_SEALS."""
    def check(session: Session, _seals: list[Seal]) -> dict:
        user = session.get(User, holder_id) if isinstance(holder_id, int) else None
        if user is None or not user.active or not allowed(user.role, Permission.USE_SEALS):
            raise SealRefused("no active installer with that id", rule="unknown_holder",
                              holder_id=holder_id)
        return {"unit_id": user.unit_id}
    return _move(db, actor, rules.ISSUE_PERSON,
                 picked=_picked(seal_nos, first_no, last_no), key=idempotency_key, check=check,
                 holder_id=holder_id)


@use_case(Permission.ISSUE_SEALS, seal="seal_nos")
def return_to_stock(db: Database, actor: Actor, *, seal_nos: Sequence[str] = (),
                    first_no: str | None = None, last_no: str | None = None, reason: str = "",
                    idempotency_key: str | None = None) -> MoveResult:
    """Unused seals back to the stock of the unit that received their batch. Needs ISSUE_SEALS."""
    key, reason = _check_key(idempotency_key), _reason(rules.RETURN, reason)
    with db.uow() as session:
        done = replay(session, key, rules.RETURN)
        if done is not None:
            return done
        seals = pick(session, **_picked(seal_nos, first_no, last_no))
        _refuse(seals, rules.RETURN)
        homes = dict(session.execute(select(SealBatch.id, SealBatch.unit_id).where(
            SealBatch.id.in_({s.batch_id for s in seals}))).all())
        for seal in seals:
            seal.unit_id, seal.holder_id = homes[seal.batch_id], None
        return apply_move(session, actor, seals, rules.RETURN, key=key, reason=reason)


def _holds(actor: Actor, seal: Seal) -> bool:
    """Whether the actor may take the seal without a transfer."""
    if seal.state == SealState.ISSUED_PERSON:
        return seal.holder_id == actor.user_id
    return seal.state == SealState.ISSUED_UNIT and seal.unit_id == actor.unit_id


@use_case(Permission.USE_SEALS, seal="seal_no", meter="meter_id", work_order="work_order_id")
def install(db: Database, actor: Actor, seal_no: str, *, meter_id: int, position: str,
            work_order_id: int | None = None, idempotency_key: str | None = None) -> MoveResult:
    """Record a seal fitted on a meter at a position. The seal must be issued to the actor
    (or to the actor's unit); the position must be free. Needs USE_SEALS."""
    if position not in values(SealPosition):
        raise SealRefused(f"unknown position {position!r}", rule="unknown_position",
                          position=position)

    def check(session: Session, seals: list[Seal]) -> dict:
        seal = seals[0]
        _refuse(seals, rules.INSTALL)
        if not _holds(actor, seal):
            raise SealRefused(f"seal {seal.seal_no} is not issued to you: transfer it first",
                              rule="held_by_other", seal_no=seal.seal_no, state=seal.state)
        _check_meter(session, meter_id, work_order_id)
        there = session.scalar(select(Seal.seal_no).where(
            Seal.meter_id == meter_id, Seal.position == position, Seal.state == SealState.INSTALLED))
        if there:
            raise SealRefused(f"seal {there} is already at {position}", rule="position_taken",
                              seal_no=there, position=position)
        return {"installed_at": utcnow()}
    return _move(db, actor, rules.INSTALL, picked=_picked([seal_no], None, None),
                 key=idempotency_key, check=check, work_order_id=work_order_id, meter_id=meter_id,
                 position=position, holder_id=None)


def _check_meter(session: Session, meter_id: int | None, work_order_id: int | None) -> None:
    if not isinstance(meter_id, int) or session.get(Meter, meter_id) is None:
        raise SealRefused("no such meter", rule="unknown_meter", meter_id=meter_id)
    if work_order_id is not None and session.get(WorkOrder, work_order_id) is None:
        raise SealRefused("no such work order", rule="unknown_work_order",
                          work_order_id=work_order_id)


@use_case(Permission.USE_SEALS, seal="seal_no", meter="meter_id", work_order="work_order_id")
def remove(db: Database, actor: Actor, seal_no: str, *, reason: str, meter_id: int | None = None,
           work_order_id: int | None = None, idempotency_key: str | None = None) -> MoveResult:
    """Record a seal cut off a meter (why, and under which work order). With `meter_id`, the
    seal must be on that meter. The remover holds the broken seal until it is scrapped."""
    def check(session: Session, seals: list[Seal]) -> dict:
        seal = seals[0]
        _refuse(seals, rules.REMOVE)
        if meter_id is not None and seal.meter_id != meter_id:
            raise SealRefused(f"seal {seal.seal_no} is not on that meter", rule="not_on_meter",
                              seal_no=seal.seal_no, meter_id=meter_id)
        if work_order_id is not None:
            _check_meter(session, seal.meter_id, work_order_id)
        return {}
    return _move(db, actor, rules.REMOVE, picked=_picked([seal_no], None, None),
                 key=idempotency_key, reason=reason, check=check, work_order_id=work_order_id,
                 holder_id=actor.user_id)


@use_case(Permission.MANAGE_SEALS, seal="seal_nos")
def scrap(db: Database, actor: Actor, *, seal_nos: Sequence[str] = (), first_no: str | None = None,
          last_no: str | None = None, reason: str,
          idempotency_key: str | None = None) -> MoveResult:
    """Destroy removed or unused seals. Needs MANAGE_SEALS."""
    return _move(db, actor, rules.SCRAP,
                 picked=_picked(seal_nos, first_no, last_no), key=idempotency_key, reason=reason,
                 holder_id=None)


def _side_exit(db: Database, actor: Actor, move: str, picked: dict, reason: str,
               key: str | None) -> MoveResult:
    def check(_session: Session, seals: list[Seal]) -> dict:
        if allowed(actor.role, Permission.MANAGE_SEALS):
            return {}
        theirs = [s for s in seals if s.state == SealState.INSTALLED or s.holder_id == actor.user_id]
        if len(theirs) < len(seals):
            other = next(s for s in seals if s not in theirs)
            raise SealRefused(f"seal {other.seal_no} is not issued to you", rule="held_by_other",
                              seal_no=other.seal_no, state=other.state)
        return {}
    return _move(db, actor, move, picked=picked, key=key, reason=reason,
                 check=check)


@use_case(Permission.USE_SEALS, seal="seal_nos")
def mark_lost(db: Database, actor: Actor, *, seal_nos: Sequence[str] = (),
              first_no: str | None = None, last_no: str | None = None, reason: str,
              idempotency_key: str | None = None) -> MoveResult:
    """Seals gone missing (never reused). Installers for their own seals or seals on meters;
    MANAGE_SEALS for any."""
    return _side_exit(db, actor, rules.LOSE, _picked(seal_nos, first_no, last_no), reason,
                      idempotency_key)


@use_case(Permission.USE_SEALS, seal="seal_nos")
def mark_damaged(db: Database, actor: Actor, *, seal_nos: Sequence[str] = (),
                 first_no: str | None = None, last_no: str | None = None, reason: str,
                 idempotency_key: str | None = None) -> MoveResult:
    """Seals broken or unusable (never reused); who may, as for mark_lost."""
    return _side_exit(db, actor, rules.DAMAGE, _picked(seal_nos, first_no, last_no), reason,
                      idempotency_key)
