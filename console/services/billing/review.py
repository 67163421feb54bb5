"""After the bill run: readings held for review, and ledger adjustments (bills never change)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from console.billing.money import parse_amount
from console.db import Database
from console.errors import NotFound
from console.models import Customer, LedgerEntry, ReadingReview
from console.models.enums import LedgerKind
from console.services import audit
from console.services.acting import in_scope, use_case
from console.services.actor import Actor
from console.services.billing.ledger import balance_of, require_reason
from console.services.permissions import Permission


@dataclass(frozen=True)
class ReadingReviewRow:
    """A period not billed because its readings make no sense."""

    id: int
    customer_id: int
    customer_no: str
    customer_name: str
    meter_id: int
    period: str
    prev_energy: Decimal
    curr_energy: Decimal
    reason: str  # ReviewReason value
    status: str
    created_at: dt.datetime


@dataclass(frozen=True)
class Adjustment:
    entry_id: int
    customer_id: int
    amount: Decimal
    reason: str
    balance_after: Decimal


@use_case(Permission.RUN_BILLS, filters=True)
def list_reading_reviews(db: Database, actor: Actor, *, status: str | None = "open",
                         period: str | None = None, limit: int = 500) -> list[ReadingReviewRow]:
    """Held readings of the actor's units, newest first; `status=None` lists every status."""
    query = (select(ReadingReview, Customer.customer_no, Customer.name)
             .join(Customer, Customer.id == ReadingReview.customer_id)
             .where(in_scope(Customer.unit_id))
             .order_by(ReadingReview.id.desc()).limit(limit))
    if status is not None:
        query = query.where(ReadingReview.status == status)
    if period is not None:
        query = query.where(ReadingReview.period == period)
    with db.uow() as session:
        return [ReadingReviewRow(r.id, r.customer_id, no, name, r.meter_id, r.period,
                                 r.prev_energy, r.curr_energy, r.reason, r.status, r.created_at)
                for r, no, name in session.execute(query)]


@use_case(Permission.RUN_BILLS, customer="customer_id")
def adjust(db: Database, actor: Actor, customer_id: int, amount: Decimal | str,
           reason: str) -> Adjustment:
    """Correct an account with an ADJUSTMENT ledger entry (positive credits the customer).

    Bills stay as issued. Needs RUN_BILLS, a customer of the actor's units and a reason;
    audited.
    """
    value = parse_amount(amount, allow_negative=True)
    text = require_reason(reason)
    with db.uow() as session:
        if session.get(Customer, customer_id) is None:
            raise NotFound("no such customer", entity="customer", id=customer_id)
        entry = LedgerEntry(customer_id=customer_id, kind=LedgerKind.ADJUSTMENT, amount=value,
                            memo=text)
        session.add(entry)
        session.flush()
        audit.record(session, actor, "ledger.adjusted", entity_type="customer",
                     entity_id=customer_id, after={"amount": value, "reason": text})
        return Adjustment(entry.id, customer_id, value, text, balance_of(session, customer_id))
