"""Seal moves a replacement or closure makes, written as SealEvents under the work order.

Minimal on purpose: the seal lifecycle service (console/services/seals*.py,
issue 7) owns the rules of every other move; once it offers install/remove
within a caller's session, these two functions should call it instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.errors import ValidationError
from console.models import Seal, SealEvent
from console.models.enums import SealPosition, SealState, values
from console.services.actor import Actor

INSTALLABLE = (SealState.IN_STOCK, SealState.ISSUED_UNIT, SealState.ISSUED_PERSON)


def remove_all(session: Session, actor: Actor, meter_id: int, *, work_order_id: int,
               at: dt.datetime, reason: str) -> list[str]:
    """Remove every seal installed on the meter; their numbers."""
    seals = list(session.scalars(select(Seal).where(
        Seal.meter_id == meter_id, Seal.state == SealState.INSTALLED).order_by(Seal.id)))
    for seal in seals:
        _event(session, actor, seal, SealState.REMOVED, work_order_id, at, reason)
        seal.state = SealState.REMOVED
    session.flush()
    return [s.seal_no for s in seals]


def install(session: Session, actor: Actor, meter_id: int, seals: Sequence[tuple[str, str]], *,
            work_order_id: int, at: dt.datetime, reason: str) -> list[str]:
    """Install (seal number, position) pairs on the meter; ValidationError names the first bad one."""
    positions = [p for _n, p in seals]
    if len(set(positions)) != len(positions):
        raise ValidationError("two seals at one position", field="seals", reason="same_position")
    for seal_no, position in seals:
        seal = _installable(session, seal_no, position)
        _event(session, actor, seal, SealState.INSTALLED, work_order_id, at, reason,
               meter_id=meter_id, position=position)
        seal.state, seal.meter_id, seal.position, seal.installed_at = (
            SealState.INSTALLED, meter_id, position, at)
        seal.holder_id = None
    session.flush()
    return [n for n, _p in seals]


def _installable(session: Session, seal_no: str, position: str) -> Seal:
    if position not in values(SealPosition):
        raise ValidationError(f"unknown position {position!r}", field="seals", value=position,
                              reason="unknown_position")
    seal = session.scalar(select(Seal).where(Seal.seal_no == (seal_no or "").strip()))
    if seal is None:
        raise ValidationError(f"no seal {seal_no}", field="seals", value=seal_no,
                              reason="unknown_seal")
    if seal.state not in INSTALLABLE:
        raise ValidationError(f"seal {seal_no} is {seal.state}", field="seals", value=seal_no,
                              reason="seal_not_available", state=seal.state)
    return seal


def _event(session: Session, actor: Actor, seal: Seal, to_state: str, work_order_id: int,
           at: dt.datetime, reason: str, *, meter_id: int | None = None,
           position: str | None = None) -> None:
    session.add(SealEvent(seal_id=seal.id, at=at, actor_id=actor.user_id, from_state=seal.state,
                          to_state=to_state, unit_id=seal.unit_id, holder_id=seal.holder_id,
                          meter_id=meter_id or seal.meter_id, position=position or seal.position,
                          work_order_id=work_order_id, reason=reason))
