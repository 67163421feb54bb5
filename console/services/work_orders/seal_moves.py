"""Seal moves a replacement or closure makes, through the seal lifecycle (seals.moves).

`apply_move` writes one SealEvent per seal under the work order and one
audit event, in the caller's transaction, and refuses a move the seal's state
does not allow (SealRefused names the rule). Installing also needs the seal
issued to the actor or the actor's unit, as at any other installation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.errors import ValidationError
from console.models import Seal
from console.models.enums import SealPosition, SealState, values
from console.seals import rules
from console.services.actor import Actor
from console.services.seals.moves import apply_move


def remove_all(session: Session, actor: Actor, meter_id: int, *, work_order_id: int,
               at: dt.datetime, reason: str) -> list[str]:
    """Remove every seal installed on the meter (the remover holds them); their numbers."""
    seals = list(session.scalars(select(Seal).where(
        Seal.meter_id == meter_id, Seal.state == SealState.INSTALLED).order_by(Seal.id)))
    if seals:
        apply_move(session, actor, seals, rules.REMOVE, reason=reason,
                   work_order_id=work_order_id, holder_id=actor.user_id)
    return [s.seal_no for s in seals]


def install(session: Session, actor: Actor, meter_id: int, seals: Sequence[tuple[str, str]], *,
            work_order_id: int, at: dt.datetime, reason: str) -> list[str]:
    """Install (seal number, position) pairs on the meter; the first bad one stops them all."""
    positions = [p for _n, p in seals]
    if len(set(positions)) != len(positions):
        raise ValidationError("two seals at one position", field="seals", reason="same_position")
    for seal_no, position in seals:
        seal = _installable(session, actor, seal_no, position)
        apply_move(session, actor, [seal], rules.INSTALL, reason=reason,
                   work_order_id=work_order_id, meter_id=meter_id, position=position,
                   holder_id=None, installed_at=at)
    return [n for n, _p in seals]


def _installable(session: Session, actor: Actor, seal_no: str, position: str) -> Seal:
    if position not in values(SealPosition):
        raise ValidationError(f"unknown position {position!r}", field="seals", value=position,
                              reason="unknown_position")
    seal = session.scalar(select(Seal).where(Seal.seal_no == (seal_no or "").strip()))
    if seal is None:
        raise ValidationError(f"no seal {seal_no}", field="seals", value=seal_no,
                              reason="unknown_seal")
    held = (seal.state == SealState.ISSUED_PERSON and seal.holder_id == actor.user_id) or (
        seal.state == SealState.ISSUED_UNIT and seal.unit_id == actor.unit_id)
    if rules.refusal(rules.INSTALL, seal.state) or not held:
        raise ValidationError(f"seal {seal_no} is {seal.state}", field="seals", value=seal_no,
                              reason="seal_not_available", state=seal.state)
    return seal
