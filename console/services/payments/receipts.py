"""Receipt numbers handed out by the database, and the data a printed receipt shows.

A number is `{unit code}{year}{sequence:08d}`, e.g. 37419202600000042: unique
per unit and year, and gapless, because the counter row is incremented inside
the payment's own transaction (a rolled-back payment gives its number back)
and the increment's row lock makes concurrent counters take turns.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from console.db import Database
from console.errors import NotFound
from console.models import (
    Bill,
    Customer,
    Payment,
    PaymentAllocation,
    ReceiptCounter,
    Unit,
    User,
)
from console.models.enums import AccessPurpose, PaymentStatus
from console.privacy import mask_phone
from console.services.acting import use_case
from console.services.actor import Actor
from console.services.billing.ledger import balance_of
from console.services.customers.access import PRINTED, record_access
from console.services.payments.operators import operator_name
from console.services.payments.types import ReceiptData, ReceiptLine
from console.services.permissions import Permission
from console.services.rows import existing


def _ensure_counter(session: Session, unit_id: int, year: int) -> None:
    dialect = session.get_bind().dialect.name
    session.execute(_NEW_COUNTER["postgresql" if dialect == "postgresql" else "sqlite"],
                    {"unit_id": unit_id, "year": year, "next_no": 1})


# Built once per engine kind: every payment sends it.
_COUNTER_TABLE = cast(Table, ReceiptCounter.__table__)
_NEW_COUNTER = {"postgresql": pg_insert(_COUNTER_TABLE).on_conflict_do_nothing(),
                "sqlite": sqlite_insert(_COUNTER_TABLE).on_conflict_do_nothing()}


def next_receipt_no(session: Session, unit_id: int, year: int) -> str:
    """Take the next number of the unit's year (locks the counter row until commit)."""
    _ensure_counter(session, unit_id, year)
    seq = session.execute(_TAKE_NUMBER, {"of_unit": unit_id, "of_year": year}).scalar_one()
    code = session.execute(_UNIT_CODE, {"unit_id": unit_id}).scalar()
    return f"{code}{year}{seq:08d}"


# Built once: every payment sends both.
_TAKE_NUMBER = (update(ReceiptCounter)
                .where(ReceiptCounter.unit_id == bindparam("of_unit"),
                       ReceiptCounter.year == bindparam("of_year"))
                .values(next_no=ReceiptCounter.next_no + 1)
                .returning(ReceiptCounter.next_no - 1)
                .execution_options(synchronize_session=False))
_UNIT_CODE = select(Unit.code).where(Unit.id == bindparam("unit_id"))


def lock_counter(session: Session, unit_id: int, year: int) -> None:
    """Wait for, and hold, the unit's counter: no payment of the unit commits meanwhile."""
    _ensure_counter(session, unit_id, year)
    session.execute(select(ReceiptCounter.next_no)
                    .where(ReceiptCounter.unit_id == unit_id, ReceiptCounter.year == year)
                    .with_for_update())


def company_name(session: Session, unit_id: int) -> str:
    """The name at the top of the unit tree (the supply company)."""
    unit = session.get(Unit, unit_id)
    while unit is not None and unit.parent_id is not None:
        unit = session.get(Unit, unit.parent_id)
    return unit.name if unit else ""


@use_case(Permission.TAKE_PAYMENT, payment="payment_id")
def receipt_data(db: Database, actor: Actor, payment_id: int) -> ReceiptData:
    """What the receipt of a payment shows (print after posting, or reprint): only a payment
    taken in the actor's units."""
    with db.uow() as session:
        payment = session.get(Payment, payment_id)
        if payment is None:
            raise NotFound("no such payment", entity="payment", id=payment_id)
        customer = existing(session, Customer, payment.customer_id, "customer")
        unit = existing(session, Unit, payment.unit_id, "unit")
        operator = session.get(User, payment.operator_id) if payment.operator_id else None
        # Each receipt made (printed, saved or reprinted) is a look at the customer's data.
        record_access(session, actor, customer.id, PRINTED, AccessPurpose.PAYMENT,
                      kind="receipt", document=payment.receipt_no)
        return ReceiptData(
            company=company_name(session, payment.unit_id), unit_name=unit.name,
            unit_phone=unit.phone, receipt_no=payment.receipt_no,
            customer_no=customer.customer_no, customer_name=customer.name,
            phone=mask_phone(customer.phone), address=customer.address,
            amount=payment.amount, method=payment.method, tendered=payment.tendered,
            change=payment.change_given, lines=_lines(session, payment_id),
            balance_after=balance_of(session, customer.id, until_payment=payment.id),
            operator=operator_name(operator.full_name if operator else None, payment.method),
            workstation=payment.workstation,
            received_at=payment.received_at, reversed=payment.status == PaymentStatus.REVERSED,
        )


def _lines(session: Session, payment_id: int) -> tuple[ReceiptLine, ...]:
    rows = session.execute(
        select(Bill.period, Bill.bill_no, PaymentAllocation.principal, PaymentAllocation.late_fee)
        .join(Bill, Bill.id == PaymentAllocation.bill_id)
        .where(PaymentAllocation.payment_id == payment_id)
        .order_by(Bill.due_date, Bill.id)
    )
    return tuple(ReceiptLine(*row) for row in rows)
