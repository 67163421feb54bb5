"""Account closure: final bill, late fees to the day, settlement to the fen, then read-only."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import select

from console.errors import AccountClosed, ValidationError
from console.models import Bill, Customer, LedgerEntry, Meter, Reading, Seal
from console.services.customers.search import find_customers
from console.services.payments.counter import post_payment
from console.services.work_orders import create_work_order, get_work_order
from console.services.work_orders.closure import close_account, quote_closure
from console.timeutil import LOCAL, local_today
from tests import factories as f
from tests.billing_helpers import account, add_bill, days_ago, ledger_sum, row_counts

D = Decimal


def month_start() -> dt.datetime:
    day = local_today().replace(day=1)
    return dt.datetime.combine(day, dt.time(), tzinfo=LOCAL).astimezone(dt.UTC)


@pytest.fixture
def hall(db):
    """A farmer owing a 96.40 bill 23 days overdue, his meter read 1000.00 on the 1st."""
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        farmer, meter = account(s, unit, tariff)
        add_bill(s, farmer, meter, period="2026-09", amount="96.40", due=days_ago(23))
        s.add(Reading(meter_id=meter.id, read_at=month_start(), energy_total=D("1000.00")))
        seal = f.installed_seal(s, unit, meter, serial=660001).seal_no
        saver, saver_meter = account(s, unit, tariff)
        s.add(Reading(meter_id=saver_meter.id, read_at=month_start(), energy_total=D("500.00")))
        s.add(LedgerEntry(customer_id=saver.id, kind="adjustment", amount=D("200.00"),
                          memo="预存"))
        clerk = f.actor(s, unit, username="clerk", role="counter")
        # The clerk takes the application; a supervisor closes the account (issue 16).
        boss = f.actor(s, unit, username="boss", role="supervisor")
        return {"farmer": farmer.id, "meter": meter.id, "seal": seal, "saver": saver.id,
                "clerk": clerk, "boss": boss}


def closure_order(db, hall, who: str) -> int:
    return create_work_order(db, hall["clerk"], kind="account_closure",
                             customer_id=hall[who]).id


def test_closure_bills_to_the_final_reading_takes_fees_to_the_day_and_settles_to_the_fen(db, hall):
    order = closure_order(db, hall, "farmer")
    quote = quote_closure(db, hall["boss"], order, final_reading="1100.00")
    # 100 kWh x 0.5469 = 54.69; the old bill's fee: 96.40 x 1‰ x 23 days = 2.2172 -> 2.22.
    assert (quote.final_kwh, quote.final_amount) == (D("100.00"), D("54.69"))
    assert (quote.principal, quote.late_fees) == (D("151.09"), D("2.22"))
    assert (quote.to_pay, quote.to_refund) == (D("153.31"), D("0.00"))
    done = close_account(db, hall["boss"], order, final_reading="1100.00", method="cash",
                         idempotency_key=uuid.uuid4().hex)
    assert done.quote == quote and done.receipt_no and done.order.state == "done"
    assert done.seals_removed == (hall["seal"],)
    with db.read() as s:
        assert ledger_sum(s, hall["farmer"]) == D("0.00")
        assert s.get(Customer, hall["farmer"]).status == "closed"
        assert s.get(Meter, hall["meter"]).status == "removed"
        assert s.scalar(select(Seal.state).where(Seal.seal_no == hall["seal"])) == "removed"
        bills = s.execute(select(Bill.period, Bill.status, Bill.late_fee_paid).where(
            Bill.customer_id == hall["farmer"]).order_by(Bill.period)).all()
    assert bills == [("2026-09", "paid", D("2.22")), (f"{local_today():%Y-%m}", "paid", D("0.00"))]


def test_a_closed_account_refuses_payments_and_a_second_closure_but_stays_findable(db, hall):
    order = closure_order(db, hall, "farmer")
    close_account(db, hall["boss"], order, final_reading="1100", method="wechat",
                  idempotency_key="k1")
    with db.read() as s:
        before = row_counts(s)
    with pytest.raises(AccountClosed):
        post_payment(db, hall["clerk"], customer_id=hall["farmer"], amount="10", method="cash",
                     idempotency_key="k2")
    with pytest.raises(AccountClosed):
        close_account(db, hall["boss"], order, final_reading="1200", method="cash",
                      idempotency_key="k3")
    with pytest.raises(AccountClosed):
        closure_order(db, hall, "farmer")
    with db.read() as s:
        assert row_counts(s) == before
        number = s.get(Customer, hall["farmer"]).customer_no
    found = find_customers(db, hall["clerk"], number)
    assert [(c.id, c.status) for c in found.rows] == [(hall["farmer"], "closed")]
    assert get_work_order(db, hall["clerk"], order).state == "done"


def test_credit_pays_the_final_bill_and_the_rest_is_refunded(db, hall):
    order = closure_order(db, hall, "saver")
    done = close_account(db, hall["boss"], order, final_reading="600.00", method="transfer",
                         idempotency_key="k4")
    # 100 kWh = 54.69 from the 200.00 credit; 145.31 back.
    assert (done.quote.final_amount, done.quote.to_pay, done.quote.to_refund) == (
        D("54.69"), D("0.00"), D("145.31"))
    assert done.receipt_no == ""
    with db.read() as s:
        assert ledger_sum(s, hall["saver"]) == D("0.00")
        refund = s.scalar(select(LedgerEntry.amount).where(
            LedgerEntry.customer_id == hall["saver"], LedgerEntry.kind == "refund"))
        assert refund == D("-145.31")


def test_a_lower_final_reading_closes_nothing(db, hall):
    order = closure_order(db, hall, "farmer")
    with db.read() as s:
        before = row_counts(s)
    with pytest.raises(ValidationError) as err:
        close_account(db, hall["boss"], order, final_reading="999.99", method="cash",
                      idempotency_key="k5")
    assert err.value.params["reason"] == "lower_than_last"
    with pytest.raises(ValidationError):
        quote_closure(db, hall["boss"], order, final_reading="abc")
    with db.read() as s:
        assert row_counts(s) == before
        assert s.get(Customer, hall["farmer"]).status == "active"
        assert s.get(Meter, hall["meter"]).status == "in_service"
    assert get_work_order(db, hall["clerk"], order).state == "open"


def test_a_prepaid_account_is_not_charged_twice_for_use_already_drawn_down(db, hall):
    from console.models import PrepaidDrawdown

    with db.session() as s:
        customer = s.get(Customer, hall["saver"])
        customer.cost_control_mode = "prepaid"
        meter_id = s.scalar(select(Meter.id).where(Meter.customer_id == hall["saver"]))
        # The drawdown charged 50 kWh (27.35) from the credit since the 1st.
        s.add(PrepaidDrawdown(meter_id=meter_id, customer_id=hall["saver"], kwh=D("50.00"),
                              drawn=D("27.35"), updated_at=month_start()))
        s.add(LedgerEntry(customer_id=hall["saver"], kind="charge", amount=D("-27.35"),
                          memo="预付费用电预扣"))
    order = closure_order(db, hall, "saver")
    done = close_account(db, hall["boss"], order, final_reading="600.00", method="cash",
                         idempotency_key="k6")
    # The final bill charges the 100 kWh once: 200.00 - 54.69 comes back, as without drawdown.
    assert (done.quote.final_amount, done.quote.to_refund) == (D("54.69"), D("145.31"))
    with db.read() as s:
        assert ledger_sum(s, hall["saver"]) == D("0.00")
