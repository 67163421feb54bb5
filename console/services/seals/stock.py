"""Who holds which seals, and inventory counts (scan the drawer, see what is missing)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import ValidationError
from console.models import Seal, SealEvent, Unit, User
from console.models.enums import SealState
from console.services import audit
from console.services.acting import in_scope, use_case
from console.services.actor import Actor
from console.services.permissions import Permission, require
from console.services.seals.scans import classify
from console.services.seals.types import (
    FORGED,
    NOT_A_SEAL,
    REVOKED,
    CountResult,
    Holding,
    SealRefused,
)

MAX_COUNT_SCANS = 20_000
DRAWER = (SealState.IN_STOCK, SealState.ISSUED_UNIT)  # what a unit's count expects


@use_case(Permission.USE_SEALS, unit="unit_id", filters=True)
def holdings(db: Database, actor: Actor, *, unit_id: int | None = None) -> list[Holding]:
    """Seals issued to each installer (and to each unit's drawer, holder None), by unit and name.
    `oldest`: when the longest-held of them was handed over. Needs USE_SEALS; the actor's
    units only."""
    handed = (select(SealEvent.seal_id, func.max(SealEvent.at).label("at"))
              .where(SealEvent.to_state.in_((SealState.ISSUED_PERSON, SealState.ISSUED_UNIT)))
              .group_by(SealEvent.seal_id).subquery())
    query = (select(Seal.holder_id, User.full_name, Seal.unit_id, Unit.name, func.count(),
                    func.min(Seal.seal_no), func.max(Seal.seal_no), func.min(handed.c.at))
             .join(Unit, Seal.unit_id == Unit.id).outerjoin(User, Seal.holder_id == User.id)
             .outerjoin(handed, handed.c.seal_id == Seal.id)
             .where(Seal.state.in_((SealState.ISSUED_PERSON, SealState.ISSUED_UNIT)),
                    in_scope(Seal.unit_id))
             .group_by(Seal.holder_id, User.full_name, Seal.unit_id, Unit.name, Unit.code)
             .order_by(Unit.code, User.full_name))
    if unit_id is not None:
        query = query.where(Seal.unit_id == unit_id)
    with db.read() as session:
        return [Holding(holder_id, name or "", uid, unit, n, first, last, oldest)
                for holder_id, name, uid, unit, n, first, last, oldest in session.execute(query)]


@use_case(Permission.USE_SEALS, unit="unit_id", user="holder_id")
def inventory_count(db: Database, actor: Actor, scanned: Sequence[str], *,
                    unit_id: int | None = None, holder_id: int | None = None) -> CountResult:
    """Compare the seals scanned out of a drawer with the records: a unit's stock and drawer
    (in stock or issued to the unit), or what an installer holds. MANAGE_SEALS for any;
    an installer may count their own. Audited; changes no seal."""
    if (unit_id is None) == (holder_id is None):
        raise ValidationError("count a unit or an installer", field="unit_id", reason="missing")
    if holder_id != actor.user_id or holder_id is None:
        require(actor, Permission.MANAGE_SEALS)
    if len(scanned) > MAX_COUNT_SCANS:
        raise ValidationError("too many scans", field="scanned", reason="too_many")
    with db.uow() as session:
        expected = _expected(session, unit_id, holder_id)
        numbers, junk = _read_all(session, scanned)
        result = CountResult(len(expected), tuple(sorted(numbers & expected)),
                             tuple(sorted(expected - numbers)), tuple(sorted(numbers - expected)),
                             tuple(dict.fromkeys(junk)))
        audit.record(session, actor, "seal.inventory_counted", entity_type="unit" if unit_id else "user",
                     entity_id=unit_id or holder_id,
                     after={"expected": result.expected, "found": len(result.found),
                            "missing": list(result.missing[:50]),
                            "unexpected": list(result.unexpected[:50])})
        return result


def _expected(session: Session, unit_id: int | None, holder_id: int | None) -> set[str]:
    """What should be in the drawer: an installer's seals, or a unit's stock and drawer."""
    if holder_id is not None and session.get(User, holder_id) is None or \
            unit_id is not None and session.get(Unit, unit_id) is None:
        raise SealRefused("no such unit or installer", rule="unknown_holder")
    where = (Seal.holder_id == holder_id, Seal.state == SealState.ISSUED_PERSON) \
        if holder_id is not None else (Seal.unit_id == unit_id, Seal.state.in_(DRAWER),
                                       Seal.holder_id.is_(None))
    return set(session.scalars(select(Seal.seal_no).where(*where)))


def _read_all(session: Session, scanned: Sequence[str]) -> tuple[set[str], list[str]]:
    """Seal numbers read (QR or barcode), and what was not a seal or a forged QR."""
    numbers, junk = set(), []
    for text in scanned:
        reading = classify(session, text)
        if reading.verdict in (NOT_A_SEAL, FORGED, REVOKED):
            junk.append(text.strip())
        else:
            numbers.add(reading.seal_no)
    return numbers, junk
