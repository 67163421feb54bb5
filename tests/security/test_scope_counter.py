"""Unit scope and separation of duties at the counter (issue 16 items 1 and 2): lookup,
customer view, payments, receipts, reversals and the cash-up, as each demo role would call
them, on SQLite and PostgreSQL. A refusal writes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from console.errors import OutOfScope, PaymentNotReversible, PermissionDenied
from console.models import AuditEvent, DayClose, LedgerEntry, Payment
from console.models.enums import PaymentStatus
from console.services.customers.search import find_customers
from console.services.customers.view import customer_detail, reveal_contact
from console.services.payments.cash_count import clerks_of_day, latest_count
from console.services.payments.cashup import close_day, day_close_result
from console.services.payments.counter import amount_due, payment_by_key, post_payment
from console.services.payments.receipts import receipt_data
from console.services.payments.reversals import reverse_payment
from console.timeutil import local_today
from tests.security.world_a import count, two_counties, world
from widgets.errors import error_text

__all__ = ["two_counties", "world"]  # the fixtures, imported for pytest
MONEY = (Payment, LedgerEntry, AuditEvent)


def test_supervisor2_cannot_reveal_a_mudan_customers_phone(db, world):
    before = count(db, AuditEvent)
    with pytest.raises(OutOfScope) as refused:
        reveal_contact(db, world["supervisor2"], world["ours"], purpose="counter_service")
    assert refused.value.params["entity"] == "customer"
    assert count(db, AuditEvent) == before
    assert reveal_contact(db, world["supervisor1"], world["ours"],
                          purpose="counter_service").phone == "13800001234"


def test_counter1_cannot_open_or_pay_a_caoxian_customer(db, world):
    clerk, theirs = world["counter1"], world["theirs"]
    before = count(db, *MONEY)
    for call in (lambda: customer_detail(db, clerk, theirs),
                 lambda: amount_due(db, clerk, theirs),
                 lambda: post_payment(db, clerk, customer_id=theirs, amount="10.00",
                                      method="cash", idempotency_key="across")):
        with pytest.raises(OutOfScope):
            call()
    assert count(db, *MONEY) == before
    assert amount_due(db, clerk, world["below"]).total >= Decimal("20.00")


def test_lookup_lists_only_customers_of_ones_own_units(db, world):
    def found(actor, text):
        return sorted(r.customer_no for r in find_customers(db, actor, text).rows)
    assert found(world["counter1"], "3702100001") == []
    assert found(world["station_clerk"], "3700000001") == []
    assert found(world["supervisor2"], "3702100001") == ["3702100001"]
    assert found(world["counter1"], "3701100001") == ["3701100001"]


def test_a_receipt_or_payment_in_doubt_of_another_hall_is_refused(db, world):
    with pytest.raises(OutOfScope):
        receipt_data(db, world["counter1"], world["their_paid"])
    with pytest.raises(OutOfScope) as refused:
        payment_by_key(db, world["counter1"], "world-supervisor2")
    assert refused.value.params["entity"] == "payment_key"
    assert receipt_data(db, world["counter1"], world["paid"]).amount == Decimal("50.00")
    assert payment_by_key(db, world["counter1"], "world-counter1").replayed


def test_supervisor2_cannot_reverse_counter1s_payment(db, world):
    before = count(db, *MONEY)
    with pytest.raises(OutOfScope) as refused:
        reverse_payment(db, world["supervisor2"], world["paid"], "wrong customer")
    assert refused.value.params["entity"] == "payment"
    assert count(db, *MONEY) == before
    assert "another supply unit" in error_text(refused.value)


def test_nobody_reverses_their_own_payment_and_another_supervisor_may(db, world):
    own = post_payment(db, world["supervisor1"], customer_id=world["ours"], amount="5.00",
                       method="cash", idempotency_key="supervisor1-own").payment_id
    before = count(db, *MONEY)
    with pytest.raises(PaymentNotReversible) as refused:
        reverse_payment(db, world["supervisor1"], own, "typed the wrong amount")
    assert refused.value.params["why"] == "own_payment"
    assert count(db, *MONEY) == before
    assert "another supervisor must reverse it" in error_text(refused.value)
    done = reverse_payment(db, world["supervisor3"], own, "typed the wrong amount")
    assert done.amount == Decimal("5.00")
    # counter1's payment: their own supervisor reverses it.
    assert reverse_payment(db, world["supervisor1"], world["paid"], "wrong customer").amount \
        == Decimal("50.00")
    with db.session() as s:
        assert s.get(Payment, world["paid"]).status == PaymentStatus.REVERSED


def test_a_clerk_still_may_not_reverse_at_all(db, world):
    before = count(db, *MONEY)
    with pytest.raises(PermissionDenied):
        reverse_payment(db, world["station_clerk"], world["paid"], "mine")
    assert count(db, *MONEY) == before


def test_the_cash_up_of_another_countys_clerk_is_refused(db, world):
    today = local_today()
    before = count(db, DayClose, AuditEvent)
    for call in (lambda: close_day(db, world["supervisor2"], world["counter1"].user_id, today,
                                   {"cash": "50.00"}),
                 lambda: latest_count(db, world["supervisor2"], world["counter1"].user_id, today),
                 lambda: day_close_result(db, world["supervisor2"], world["counter1"].user_id,
                                          today)):
        with pytest.raises(OutOfScope) as refused:
            call()
        assert refused.value.params["entity"] == "user"
    assert count(db, DayClose, AuditEvent) == before
    names = {d.name for d in clerks_of_day(db, world["supervisor2"], today)}
    assert names == {"测试supervisor2"}
    assert {"测试counter1", "测试station1"} <= {
        d.name for d in clerks_of_day(db, world["supervisor1"], today)}
