"""Looks at personal data, with their purpose, in the audit trail (PIPL; issue 16 item 4).

Every opening of a customer view, every reveal of whole contact numbers, every printed
document about one customer and every export of their data writes one audit event on the
customer (entity "customer", its id), whose `after` names the purpose — a code of
`AccessPurpose` chosen where it happens — and what was printed or exported. The events
join the hash chain like any other (console.services.audit); the report of who looked
at a customer reads them back (console.services.admin.access_trail).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import NotFound, ValidationError
from console.models import AuditEvent, Customer, utcnow
from console.models.enums import AccessPurpose
from console.services import audit
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.permissions import Permission

VIEWED = "customer.viewed"
REVEALED = "customer.contact_revealed"
PRINTED = "customer.printed"  # a document about this one customer was made
EXPORTED = "customer.exported"  # their data written to a file (CSV, picture)
ACTIONS = (VIEWED, REVEALED, PRINTED, EXPORTED)
# Reloading the view one is looking at (after a payment, a reversal) is the same visit.
VISIT = dt.timedelta(minutes=15)
WHAT_LIMIT = 40


def check_purpose(purpose: object) -> AccessPurpose:
    """The purpose as its code, or ValidationError before anything is written."""
    try:
        return AccessPurpose(str(purpose))
    except ValueError:
        raise ValidationError("choose a purpose from the list", field="purpose",
                              value=str(purpose)[:WHAT_LIMIT]) from None


def record_access(session: Session, actor: Actor, customer_id: int, action: str,
                  purpose: AccessPurpose, **details: Any) -> None:
    """One audit event on the customer: who, from where (the chain's own columns), why."""
    audit.record(session, actor, action, entity_type="customer", entity_id=customer_id,
                 after={"purpose": purpose.value, **details})


def record_view(session: Session, actor: Actor, customer_id: int, purpose: AccessPurpose, *,
                now: dt.datetime | None = None) -> bool:
    """Audit an opening of the customer view; False when it is a reload of this user's
    visit at this workstation for the same purpose (within VISIT), which writes nothing."""
    now = now or utcnow()
    last = session.execute(
        select(AuditEvent.at, AuditEvent.after).where(
            AuditEvent.entity_type == "customer", AuditEvent.entity_id == str(customer_id),
            AuditEvent.action == VIEWED, AuditEvent.actor_id == actor.user_id,
            AuditEvent.workstation == actor.workstation)
        .order_by(AuditEvent.seq.desc()).limit(1)).first()
    if last is not None and now - last.at < VISIT and _purpose_of(last.after) == purpose:
        return False
    record_access(session, actor, customer_id, VIEWED, purpose)
    return True


@use_case(Permission.LOOKUP, customer="customer_id")
def record_export(db: Database, actor: Actor, customer_id: int, *, what: str,
                  purpose: str) -> None:
    """Audit a file the workstation is about to write with this customer's data (a
    consumption CSV or picture); call it before writing, and write only if it returns."""
    chosen = check_purpose(purpose)
    what = (what or "").strip()
    if not what or len(what) > WHAT_LIMIT:
        raise ValidationError("say what is exported", field="what")
    with db.uow() as session:
        if session.get(Customer, customer_id) is None:
            raise NotFound("no such customer", entity="customer", id=customer_id)
        record_access(session, actor, customer_id, EXPORTED, chosen, what=what)


def _purpose_of(after: str) -> str:
    try:
        return str(json.loads(after or "{}").get("purpose", ""))
    except ValueError:
        return ""
