"""What is due decides: a postpaid account's phone payment must match it to the fen, late fee
included; other merchants' notifications and unpaid states post nothing."""

from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import select

from console.channels.simulator import send
from console.models import Bill, ChannelNotification, Payment
from console.services.channels.held import held_payments
from console.services.payments.counter import amount_due
from tests import factories as f
from tests.billing_helpers import add_bill, days_ago


def postpaid(db, hall):
    """A postpaid customer of the hall's unit with a bill 23 days overdue (a late fee runs)."""
    with db.session() as s:
        from console.models import Tariff, Unit
        unit, tariff = s.get(Unit, hall["unit"].id), s.get(Tariff, hall["tariff"].id)
        customer = f.customer(s, unit, tariff, number="3700177777")
        meter = f.meter(s, unit, customer)
        add_bill(s, customer, meter, period="2026-10", amount="96.40", due=days_ago(23))
        return customer.id, customer.customer_no


def test_a_postpaid_account_pays_exactly_what_is_due(db, hall, gateway, wechat, alipay):
    customer_id, number = postpaid(db, hall)
    due = amount_due(db, hall["clerk"], customer_id).total
    assert due > Decimal("96.40")  # the late fee is part of it
    fen = int(due * 100)
    assert send(f"{gateway}/wechat/notify", wechat.notification("4200000201", number,
                                                                fen + 1))[0] == 204
    assert [(h.reason, h.amount, h.due) for h in held_payments(db, hall["boss"])] == [
        ("amount_mismatch", due + Decimal("0.01"), due)]
    assert send(f"{gateway}/alipay/notify", alipay.form(
        alipay.params("2026120722201", number, str(due))))[1] == b"success"
    with db.session() as s:
        [payment] = s.scalars(select(Payment))
        assert (payment.customer_id, payment.amount, payment.method) == (customer_id, due,
                                                                         "alipay")
        assert s.scalars(select(Bill.status).where(Bill.customer_id == customer_id)).all() == [
            "paid"]


def test_another_merchant_and_unpaid_states_post_nothing(db, hall, gateway, wechat):
    from console.models import Customer
    with db.session() as s:
        number = s.get(Customer, hall["customer"]).customer_no
    other = wechat.transaction("4200000202", number, 5000)
    other["mchid"] = "1230000109"
    body = wechat.body(other)
    status, answer = send(f"{gateway}/wechat/notify", (wechat.headers(body), body))
    assert status == 401 and json.loads(answer)["code"] == "FAIL"
    closed = wechat.body(wechat.transaction("4200000203", number, 5000, state="CLOSED"))
    assert send(f"{gateway}/wechat/notify", (wechat.headers(closed), closed))[0] == 204
    with db.session() as s:
        assert s.scalars(select(Payment)).all() == []
        assert s.scalars(select(ChannelNotification.outcome)).all() == ["acknowledged"]
