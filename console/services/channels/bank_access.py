"""Who may import a bank agency's (代收) daily batch file (issue 18 item 1): the posting itself
is console.channels.bank_import's, done as the gateway does, once this use case admits the
operator."""

from __future__ import annotations

from sqlalchemy import select

from console.db import Database
from console.errors import NotFound, OutOfScope
from console.models import Unit
from console.services.acting import covers, use_case
from console.services.actor import Actor
from console.services.permissions import Permission


@use_case(Permission.REVIEW_CHANNEL_PAYMENTS, system=True)
def bank_import_unit(db: Database, actor: Actor, merchant_unit: str) -> int:
    """The id of `merchant_unit` (the code in the keys folder's channels.json, whose
    supervisors see held money of customers we do not know) when the actor may import the
    bank's batch for it: a supervisor of that unit or above, or the gateway's service
    account (a system actor). Call it before console.channels.bank_import.post_bank_batch."""
    with db.read() as session:
        unit_id = session.scalar(select(Unit.id).where(Unit.code == merchant_unit))
    if unit_id is None:
        raise NotFound(f"no unit {merchant_unit!r} for the merchant account (channels.json, "
                       "\"unit\")", entity="unit", id=merchant_unit)
    if not covers(unit_id):
        raise OutOfScope(f"the bank's merchant unit {merchant_unit} is outside "
                         f"{actor.username}'s units", entity="unit", id=merchant_unit,
                         unit_id=unit_id)
    return unit_id
