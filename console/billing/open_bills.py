"""Reading a customer's open bills as `OpenBill` values."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.billing.allocation import OpenBill
from console.models import Bill
from console.models.enums import BillStatus

OPEN_STATES = (BillStatus.OPEN.value, BillStatus.PARTIAL.value)


def open_bills(session: Session, customer_id: int) -> list[OpenBill]:
    """Open and partly paid bills of one customer, oldest due first."""
    rows = session.execute(
        select(Bill.id, Bill.due_date, Bill.amount, Bill.paid_amount, Bill.late_fee_charged,
               Bill.late_fee_paid, Bill.fee_through)
        .where(Bill.customer_id == customer_id, Bill.status.in_(OPEN_STATES))
        .order_by(Bill.due_date, Bill.id)
    )
    return [OpenBill(*row) for row in rows]
