"""Who looked at this customer: every opening of their view, reveal of their contact,
document printed and export of their data, with time, user, unit, workstation and purpose
(PIPL; issue 16 item 4). The events are the audit chain's own (console.services.customers.access
writes them); reports/access_trail.py prints this as a numbered PDF.

Administrators see every customer's trail, supervisors those of their units; the audit
permission keeps counter clerks and inspectors out.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.db import Database
from console.models import AuditEvent, Customer, Unit, User
from console.privacy import mask_name
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.customers.access import ACTIONS
from console.services.permissions import Permission
from console.services.report_data.common import find_customer, header
from console.services.report_data.types import DocumentHeader
from console.services.rows import existing

TRAIL_LIMIT = 5000  # rows in one report, newest kept; a longer trail says so


@dataclass(frozen=True)
class AccessRow:
    """One look at the customer's data."""

    at: dt.datetime  # aware UTC
    username: str
    full_name: str
    unit_name: str  # the user's unit
    workstation: str
    action: str  # one of console.services.customers.access.ACTIONS
    purpose: str  # an AccessPurpose code
    document: str  # the document number, receipt or what was exported; "" for a look


@dataclass(frozen=True)
class AccessTrailData:
    header: DocumentHeader
    customer_no: str
    name: str  # masked: the trail is about the looks, not the person
    unit_name: str
    rows: tuple[AccessRow, ...]  # oldest first
    cut: bool  # more than TRAIL_LIMIT looks: the oldest are left out


@use_case(Permission.VIEW_AUDIT, customer_no="customer_no")
def access_trail_data(db: Database, actor: Actor, *, customer_no: str | None = None,
                      now: dt.datetime | None = None) -> AccessTrailData:
    """Every view, reveal, print and export of one customer, oldest first."""
    with db.read() as session:
        customer = find_customer(session, customer_no=(customer_no or "").strip())
        unit = existing(session, Unit, customer.unit_id, "unit")
        rows = _rows(session, customer)
        return AccessTrailData(header(session, actor, unit, "FW", now=now), customer.customer_no,
                               mask_name(customer.name), unit.name,
                               tuple(reversed(rows[:TRAIL_LIMIT])), len(rows) > TRAIL_LIMIT)


def _rows(session: Session, customer: Customer) -> list[AccessRow]:
    found = session.execute(
        select(AuditEvent.at, AuditEvent.actor_name, User.full_name, Unit.name,
               AuditEvent.workstation, AuditEvent.action, AuditEvent.after)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .outerjoin(Unit, Unit.id == User.unit_id)
        .where(AuditEvent.entity_type == "customer", AuditEvent.entity_id == str(customer.id),
               AuditEvent.action.in_(ACTIONS))
        .order_by(AuditEvent.seq.desc()).limit(TRAIL_LIMIT + 1))
    return [_row(*r) for r in found]


def _row(at: dt.datetime, username: str, full_name: str | None, unit_name: str | None,
         workstation: str, action: str, after: str) -> AccessRow:
    facts = json.loads(after) if after else {}
    document = facts.get("doc_no") or facts.get("document") or facts.get("what") or ""
    return AccessRow(at, username, full_name or username, unit_name or "", workstation, action,
                     str(facts.get("purpose", "")), str(document))
