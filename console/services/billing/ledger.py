"""Balances derived from the ledger (payment +, charge and late fee −)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from console.errors import ValidationError
from console.models import LedgerEntry

ZERO = Decimal("0.00")


def balance_of(session: Session, customer_id: int, *, until_payment: int | None = None) -> Decimal:
    """The ledger sum of a customer; with `until_payment`, as it stood right after that payment.

    "Right after" counts every entry up to the payment's own (ids grow in
    posting order, and a payment's late fees are posted just before it).
    """
    if until_payment is None:
        total = session.execute(_BALANCE, {"customer_id": customer_id}).scalar_one()
    else:
        last = select(func.max(LedgerEntry.id)).where(
            LedgerEntry.payment_id == until_payment, LedgerEntry.kind == "payment")
        total = session.execute(_sum_of(customer_id).where(
            LedgerEntry.id <= last.scalar_subquery())).scalar_one()
    return Decimal(total).quantize(ZERO)


def _sum_of(customer_id: object) -> Select[Any]:
    # sum() keeps the Money type, so SQLite's stored fen come back as yuan; an aggregate
    # always returns exactly one row and coalesce() keeps it from being NULL.
    return select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
        LedgerEntry.customer_id == customer_id)


# Built once: every payment and every "amount due" asks it.
_BALANCE = _sum_of(bindparam("customer_id"))


REASON_MAX = 200


def require_reason(reason: str) -> str:
    """A reversal or adjustment says why: 1 to 200 characters, trimmed; else ValidationError."""
    text = (reason or "").strip()
    if not text or len(text) > REASON_MAX:
        raise ValidationError("a reason of 1 to 200 characters is required", field="reason",
                              reason="required" if not text else "too_long")
    return text
