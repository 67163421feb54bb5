"""Builders shared by the billing and payment tests: accounts with bills on the ledger."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.models import AuditEvent, Bill, LedgerEntry, Payment
from console.timeutil import local_today
from tests import factories as f

_numbers = itertools.count(1)


def next_customer_no() -> str:
    return f"37{next(_numbers):08d}"


def add_bill(s: Session, customer, meter, *, period: str, amount: str,
             due: dt.date, tariff_id: int | None = None) -> Bill:
    """An issued bill and its charge on the ledger."""
    bill = Bill(bill_no=f"DF{period.replace('-', '')}{customer.id:09d}", customer_id=customer.id,
                meter_id=meter.id, tariff_id=tariff_id or customer.tariff_id, period=period,
                kwh=Decimal("100.00"), amount=Decimal(amount), due_date=due, status="open")
    s.add(bill)
    s.flush()
    s.add(LedgerEntry(customer_id=customer.id, kind="charge", amount=-Decimal(amount),
                      bill_id=bill.id, memo=f"{period}电费"))
    s.flush()
    return bill


def days_ago(n: int) -> dt.date:
    return local_today() - dt.timedelta(days=n)


def account(s: Session, unit, tariff, *, category: str = "residential"):
    customer = f.customer(s, unit, tariff, number=next_customer_no())
    customer.category = category
    return customer, f.meter(s, unit, customer)


def ledger_sum(s: Session, customer_id: int) -> Decimal:
    return Decimal(s.scalar(select(func.coalesce(func.sum(LedgerEntry.amount), 0))
                            .where(LedgerEntry.customer_id == customer_id)))


def row_counts(s: Session) -> tuple[int, int, int]:
    """Payments, ledger entries and audit events: 'nothing written' means these stay."""
    return tuple(s.scalar(select(func.count()).select_from(t))
                 for t in (Payment, LedgerEntry, AuditEvent))


def service_hall(db) -> dict:
    """A unit with a clerk, a supervisor and a farmer whose 96.40 bill is 23 days overdue
    (the 08:05 journey)."""
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        farmer, meter = account(s, unit, tariff)
        add_bill(s, farmer, meter, period="2026-09", amount="96.40", due=days_ago(23))
        clerk = f.actor(s, unit, username="clerk", role="counter")
        boss = f.actor(s, unit, username="boss", role="supervisor")
        return {"unit": unit, "tariff": tariff, "farmer": farmer.id, "meter": meter,
                "clerk": clerk, "boss": boss}
