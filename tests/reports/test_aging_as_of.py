"""Arrears aging on a past day is that day's picture, not today's bill status."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from console.models import Bill, Payment, PaymentAllocation
from console.models.base import utcnow
from console.services.payments.counter import amount_due, post_payment
from console.services.payments.reversals import reverse_payment
from console.services.report_data.cash import aging_data
from console.timeutil import local_today
from tests.billing_helpers import service_hall

D = Decimal


def _backdate(db, payment_id: int, *, received: int, reversed_: int | None = None) -> None:
    with db.session() as s:
        payment = s.get(Payment, payment_id)
        payment.received_at = utcnow() - dt.timedelta(days=received)
        if reversed_ is not None:
            payment.reversed_at = utcnow() - dt.timedelta(days=reversed_)


def test_aging_as_of_a_past_day_counts_what_was_unpaid_then(db):
    hall = service_hall(db)  # the farmer's 96.40 bill, due 23 days ago
    with db.session() as s:
        s.scalar(select(Bill).where(Bill.customer_id == hall["farmer"])).issued_at = \
            utcnow() - dt.timedelta(days=38)
    first = post_payment(db, hall["clerk"], customer_id=hall["farmer"], amount="30.00",
                         method="cash", idempotency_key="p1")
    reverse_payment(db, hall["boss"], first.payment_id, "wrong amount keyed")
    _backdate(db, first.payment_id, received=20, reversed_=12)
    rest = amount_due(db, hall["clerk"], hall["farmer"]).total
    second = post_payment(db, hall["clerk"], customer_id=hall["farmer"], amount=rest,
                          method="cash", idempotency_key="p2")
    _backdate(db, second.payment_id, received=5)
    with db.read() as s:
        principal = s.scalar(select(PaymentAllocation.principal)
                             .where(PaymentAllocation.payment_id == first.payment_id))
    today = local_today()

    assert aging_data(db, hall["boss"]).totals.total == D("0.00")  # paid in full 5 days ago
    # 15 days ago the 30.00 (reversed only 12 days ago) had paid part of it, late fee first.
    then = aging_data(db, hall["boss"], as_of=today - dt.timedelta(days=15))
    assert D("0") < principal < D("30.00")
    assert then.totals.total == D("96.40") - principal
    assert then.totals.amounts[0] == then.totals.total and then.totals.customers == 1
    [debtor] = then.top_debtors
    assert (debtor.amount, debtor.days) == (D("96.40") - principal, 8)
    # 21 days ago nothing had been paid yet.
    assert aging_data(db, hall["boss"], as_of=today - dt.timedelta(days=21)).totals.total == \
        D("96.40")
    # Before the bill was issued it owed nothing.
    assert aging_data(db, hall["boss"], as_of=today - dt.timedelta(days=40)).totals.total == \
        D("0.00")
