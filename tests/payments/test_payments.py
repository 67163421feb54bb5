"""Counter payments: what is due, posting once, allocation, bad input, reversal."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from console.errors import (
    AccountClosed,
    IdempotencyConflict,
    InvalidAmount,
    PaymentNotReversible,
    PermissionDenied,
    ValidationError,
)
from console.models import AuditEvent, Bill, Customer, LedgerEntry, Payment, Setting, Tariff
from console.services.customers.view import customer_detail
from console.services.payments.counter import amount_due, post_payment
from console.services.payments.reversals import reverse_payment
from console.timeutil import local_today
from tests import factories as f
from tests.billing_helpers import (
    add_bill,
    days_ago,
    ledger_sum,
    row_counts,
    service_hall,
)

D = Decimal


@pytest.fixture
def hall(db):
    return service_hall(db)


def pay(db, hall, amount, key="k1", method="cash", **kw):
    return post_payment(db, hall["clerk"], customer_id=hall["farmer"], amount=amount,
                        method=method, idempotency_key=key, **kw)


def test_journey_cash_payment_with_late_fee_and_change(db, hall):
    due = amount_due(db, hall["clerk"], hall["farmer"])
    assert (due.principal, due.late_fees, due.total) == (D("96.40"), D("2.22"), D("98.62"))
    assert due.bills[0].days_overdue == 23
    posted = pay(db, hall, due.total, tendered=D("100"))
    assert (posted.amount, posted.tendered, posted.change) == (D("98.62"), D("100.00"), D("1.38"))
    assert re.fullmatch(rf"37001{local_today().year}00000001", posted.receipt_no)
    assert posted.balance_after == D("0.00") and not posted.replayed
    assert [(b.principal, b.late_fee, b.settled) for b in posted.bills] == [
        (D("96.40"), D("2.22"), True)]
    assert amount_due(db, hall["clerk"], hall["farmer"]).total == D("0.00")
    account_state = customer_detail(db, hall["clerk"], hall["farmer"]).account
    assert (account_state.arrears, account_state.late_fees) == (D("0.00"), D("0.00"))
    with db.session() as s:
        kinds = s.execute(select(LedgerEntry.kind, LedgerEntry.amount)
                          .where(LedgerEntry.customer_id == hall["farmer"])
                          .order_by(LedgerEntry.id)).all()
        assert kinds == [("charge", D("-96.40")), ("late_fee", D("-2.22")), ("payment", D("98.62"))]
        event = s.scalars(select(AuditEvent).where(AuditEvent.action != "customer.viewed")
                          .order_by(AuditEvent.seq.desc())).first()
        assert (event.action, event.entity_id) == ("payment.posted", str(hall["farmer"]))


def test_oldest_bill_first_each_fee_with_its_principal(db, hall):
    with db.session() as s:
        farmer = s.get(Customer, hall["farmer"])
        add_bill(s, farmer, hall["meter"], period="2026-10", amount="50.00", due=days_ago(3))
    # 98.62 settles the old bill with its fee; 10.00 more goes to the new bill's
    # 1.00 minimum fee (50.00 x 1‰ x 3 = 0.15 < 1) and 9.00 of its principal.
    posted = pay(db, hall, "108.62")
    assert [(b.period, b.late_fee, b.principal, b.settled) for b in posted.bills] == [
        ("2026-09", D("2.22"), D("96.40"), True), ("2026-10", D("1.00"), D("9.00"), False)]
    due = amount_due(db, hall["clerk"], hall["farmer"])
    # The new bill's minimum fee is posted; its remaining principal owes no more fee today.
    assert (due.principal, due.late_fees, due.total) == (D("41.00"), D("0.00"), D("41.00"))
    with db.session() as s:
        assert ledger_sum(s, hall["farmer"]) == D("-41.00")
        statuses = s.execute(select(Bill.period, Bill.status).order_by(Bill.period)).all()
        assert statuses == [("2026-09", "paid"), ("2026-10", "partial")]


def test_overpayment_stays_on_the_account_as_credit(db, hall):
    posted = pay(db, hall, "200.00", method="wechat")
    assert posted.change is None and posted.balance_after == D("101.38")
    due = amount_due(db, hall["clerk"], hall["farmer"])
    assert (due.bills, due.total, due.balance) == ((), D("0.00"), D("101.38"))


def test_same_key_posts_once_and_returns_the_original(db, hall):
    first = pay(db, hall, "98.62", key="dialog-1")
    again = pay(db, hall, "98.62", key="dialog-1")
    assert again.replayed and again.payment_id == first.payment_id
    assert again.receipt_no == first.receipt_no
    with db.session() as s:
        assert s.scalar(select(Payment.id).where(Payment.customer_id == hall["farmer"])) == first.payment_id
        assert ledger_sum(s, hall["farmer"]) == D("0.00")
    with pytest.raises(IdempotencyConflict):
        pay(db, hall, "50.00", key="dialog-1")


@pytest.mark.parametrize("amount, reason", [
    ("-5.00", "negative"), ("0", "zero"), ("0.00", "zero"), ("NaN", "not_finite"),
    ("Infinity", "not_finite"), ("-Infinity", "not_finite"), ("12.345", "too_many_decimals"),
    ("abc", "not_a_number"), ("", "not_a_number"), (12.5, "not_exact"),
    ("1000000.01", "above_ceiling"), ("1e9", "above_ceiling"),
])
def test_bad_amounts_are_refused_and_nothing_is_written(db, hall, amount, reason):
    with db.session() as s:
        before = row_counts(s)
    with pytest.raises(InvalidAmount) as err:
        pay(db, hall, amount)
    assert err.value.params["reason"] == reason and err.value.code == "invalid_amount"
    with db.session() as s:
        assert row_counts(s) == before


def test_ceiling_is_a_setting(db, hall):
    with db.session() as s:
        s.add(Setting(key="payment.max_amount", value="500.00"))
    with pytest.raises(InvalidAmount):
        pay(db, hall, "500.01")
    assert pay(db, hall, "500.00").amount == D("500.00")


def test_other_refusals(db, hall):
    with pytest.raises(InvalidAmount) as err:
        pay(db, hall, "98.62", tendered="50")
    assert err.value.params["reason"] == "less_than_amount"
    with pytest.raises(ValidationError):
        pay(db, hall, "10", method="bitcoin")
    with pytest.raises(ValidationError):
        pay(db, hall, "10", key="")
    with db.session() as s:
        inspector = f.actor(s, hall["unit"], username="insp", role="inspector")
        s.get(Customer, hall["farmer"]).status = "closed"
    with pytest.raises(PermissionDenied):
        post_payment(db, inspector, customer_id=hall["farmer"], amount="1", method="cash",
                     idempotency_key="x")
    with pytest.raises(AccountClosed):
        pay(db, hall, "10")


def test_receipt_numbers_run_per_unit(db, hall):
    with db.session() as s:
        other = f.unit(s, code="37002", name="定陶供电所")
        clerk2 = f.actor(s, other, username="clerk2", role="counter")
        neighbour = f.customer(s, other, s.get(Tariff, s.get(Customer, hall["farmer"]).tariff_id),
                               number="3700200001").id
    numbers = [pay(db, hall, "1.00", key=f"a{i}").receipt_no for i in range(3)]
    theirs = post_payment(db, clerk2, customer_id=neighbour, amount="1.00", method="card",
                          idempotency_key="b0").receipt_no
    year = local_today().year
    assert numbers == [f"37001{year}{n:08d}" for n in (1, 2, 3)]
    assert theirs == f"37002{year}00000001"


def _bill_state(db):
    with db.session() as s:
        return s.execute(select(Bill.id, Bill.paid_amount, Bill.late_fee_charged, Bill.late_fee_paid,
                                Bill.fee_through, Bill.status).order_by(Bill.id)).all()


def test_reversal_needs_a_supervisor_and_a_reason_and_restores_exactly(db, hall):
    before = _bill_state(db)
    posted = pay(db, hall, "98.62")
    with pytest.raises(PermissionDenied):
        reverse_payment(db, hall["clerk"], posted.payment_id, "typo")
    with pytest.raises(ValidationError):
        reverse_payment(db, hall["boss"], posted.payment_id, "   ")
    reversed_ = reverse_payment(db, hall["boss"], posted.payment_id, "wrong customer")
    assert reversed_.balance_after == D("-96.40")
    assert _bill_state(db) == before
    assert amount_due(db, hall["clerk"], hall["farmer"]).total == D("98.62")
    with pytest.raises(PaymentNotReversible):
        reverse_payment(db, hall["boss"], posted.payment_id, "again")
    with db.session() as s:
        payment = s.get(Payment, posted.payment_id)
        assert (payment.status, payment.reversal_reason) == ("reversed", "wrong customer")
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert (event.action, event.actor_name) == ("payment.reversed", "boss")


def test_a_later_payment_on_the_same_bill_blocks_reversal(db, hall):
    first = pay(db, hall, "50.00", key="p1")
    pay(db, hall, "48.62", key="p2")
    with pytest.raises(PaymentNotReversible) as err:
        reverse_payment(db, hall["boss"], first.payment_id, "mistake")
    assert err.value.params["why"] == "later_payment"


def test_after_a_partial_payment_the_fee_runs_on_the_rest_from_the_payment_day(db, hall):
    posted = pay(db, hall, "50.00")  # the 2.22 fee first, then 47.78 of the principal
    assert [(b.late_fee, b.principal, b.settled) for b in posted.bills] == [
        (D("2.22"), D("47.78"), False)]
    assert amount_due(db, hall["clerk"], hall["farmer"]).total == D("48.62")
    later = amount_due(db, hall["clerk"], hall["farmer"], today=local_today() + dt.timedelta(days=10))
    # 48.62 x 1‰ x 10 days = 0.4862: the 1-yuan minimum was met by the 2.22 already posted.
    assert (later.principal, later.late_fees, later.total) == (D("48.62"), D("0.49"), D("49.11"))


@pytest.mark.parametrize("method, age_days, window", [("wechat", 366, 365), ("alipay", 91, 90),
                                                      ("transfer", 181, 180)])
def test_an_online_payment_past_its_refund_window_needs_an_administrator(db, hall, method,
                                                                         age_days, window):
    posted = pay(db, hall, "98.62", method=method)
    with db.session() as s:
        payment = s.get(Payment, posted.payment_id)
        payment.received_at -= dt.timedelta(days=age_days)
        admin = f.actor(s, s.get(Customer, hall["farmer"]).unit, username="root", role="admin")
    with pytest.raises(PaymentNotReversible) as err:
        reverse_payment(db, hall["boss"], posted.payment_id, "customer asks")
    assert err.value.params["why"] == "refund_window" and err.value.params["days"] == window
    with db.session() as s:
        assert s.get(Payment, posted.payment_id).status == "posted"  # nothing written
    reversed_ = reverse_payment(db, admin, posted.payment_id, "refunded by bank transfer")
    assert reversed_.balance_after == D("-96.40")


def test_within_the_window_supervisors_reverse_online_payments_and_admins_may_not(db, hall):
    posted = pay(db, hall, "98.62", method="alipay")
    with db.session() as s:
        s.get(Payment, posted.payment_id).received_at -= dt.timedelta(days=89)
        admin = f.actor(s, s.get(Customer, hall["farmer"]).unit, username="root", role="admin")
    with pytest.raises(PermissionDenied):
        reverse_payment(db, admin, posted.payment_id, "customer asks")
    assert reverse_payment(db, hall["boss"], posted.payment_id, "customer asks").amount == D("98.62")


def test_cash_has_no_refund_window(db, hall):
    posted = pay(db, hall, "98.62")
    with db.session() as s:
        s.get(Payment, posted.payment_id).received_at -= dt.timedelta(days=800)
    assert reverse_payment(db, hall["boss"], posted.payment_id, "keyed twice").amount == D("98.62")
