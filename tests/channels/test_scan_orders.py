"""Counter QR pay (扫码支付) without the dialog, on SQLite and PostgreSQL: the clerk opens an
order, the simulator plays the customer's phone through the real gateway, and the order
turns paid with exactly one payment — or stays unpaid for a forgery, or holds the money of
a closed order for a supervisor."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select

from console.channels.orders import order_no_in, ticket_for
from console.channels.simulator import pay_order, send
from console.errors import AccountClosed, InvalidAmount, OutOfScope, ValidationError
from console.models import AuditEvent, ChannelOrder, Customer, HeldNotification, Payment
from console.services.channels.orders import cancel_order, create_order, order_state
from console.services.payments.counter import payment_by_key
from tests import factories as f


def open_order(db, hall, channel="wechat", amount="50.00", **kw):
    return create_order(db, hall["clerk"], customer_id=hall["customer"], amount=amount,
                        channel=channel, **kw)


def payments(db) -> list[Payment]:
    with db.session() as s:
        return list(s.scalars(select(Payment)))


@pytest.mark.parametrize("channel", ["wechat", "alipay"])
def test_the_phone_pays_the_order_and_it_posts_once(db, hall, gateway, keys_dir, channel):
    order = open_order(db, hall, channel)
    assert order.state == "created" and order_no_in(order.code_url) == order.out_trade_no
    assert order.code_url.startswith("weixin://wxpay/bizpayurl?pr=" if channel == "wechat"
                                     else "https://qr.alipay.com/")
    ticket = ticket_for(db, order.code_url)  # what the phone reads from the scanned code
    assert ticket is not None and ticket.amount == Decimal("50.00")
    status, txn = pay_order(gateway, keys_dir, ticket)
    assert status < 300
    paid = order_state(db, hall["clerk"], order.order_id)
    assert (paid.state, paid.payment_key) == ("paid", f"{channel}:{txn}")
    posted = payment_by_key(db, hall["clerk"], paid.payment_key)
    assert posted is not None and posted.amount == Decimal("50.00")
    [payment] = payments(db)
    assert (payment.method, payment.customer_id) == (channel, hall["customer"])
    # Cancelling afterwards changes nothing: the order stays paid.
    assert cancel_order(db, hall["clerk"], order.order_id).state == "paid"


def test_the_channel_sending_the_same_payment_again_posts_nothing_more(
        db, hall, gateway, keys_dir, wechat):
    order = open_order(db, hall)
    status, txn = pay_order(gateway, keys_dir, ticket_for(db, order.code_url))
    assert status == 204
    again = wechat.notification(txn, "", 5000, order.out_trade_no)
    assert send(f"{gateway}/wechat/notify", again)[0] == 204
    assert len(payments(db)) == 1


def test_a_forged_payment_of_the_order_is_refused_and_the_order_stays_unpaid(
        db, hall, gateway, keys_dir):
    order = open_order(db, hall)
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    status, _txn = pay_order(gateway, keys_dir, ticket_for(db, order.code_url), key=forger)
    assert status == 401
    assert order_state(db, hall["clerk"], order.order_id).state == "created"
    assert payments(db) == []


def test_a_cancelled_order_paid_anyway_is_held_for_a_supervisor(db, hall, gateway, keys_dir):
    order = open_order(db, hall)
    assert cancel_order(db, hall["clerk"], order.order_id).state == "cancelled"
    assert pay_order(gateway, keys_dir, ticket_for(db, order.code_url))[0] == 204
    assert payments(db) == []
    with db.session() as s:
        [held] = s.scalars(select(HeldNotification))
        assert (held.reason, held.customer_id) == ("order_closed", hall["customer"])
        actions = set(s.scalars(select(AuditEvent.action)))
    assert {"channel.order_created", "channel.order_cancelled",
            "channel.payment_held"} <= actions


def test_an_order_past_its_time_times_out_and_a_late_payment_is_held(
        db, hall, gateway, keys_dir):
    order = open_order(db, hall, lifetime=dt.timedelta(microseconds=1))
    assert order_state(db, hall["clerk"], order.order_id).state == "timed_out"
    assert pay_order(gateway, keys_dir, ticket_for(db, order.code_url))[0] == 204
    assert payments(db) == []
    with db.session() as s:
        assert s.scalars(select(HeldNotification.reason)).all() == ["order_closed"]


def test_a_payment_of_another_amount_is_held(db, hall, gateway, keys_dir):
    order = open_order(db, hall)
    ticket = ticket_for(db, order.code_url)
    assert ticket is not None
    from dataclasses import replace
    assert pay_order(gateway, keys_dir, replace(ticket, amount=Decimal("5.00")))[0] == 204
    assert payments(db) == []
    assert order_state(db, hall["clerk"], order.order_id).state == "created"


def test_bad_orders_are_refused_and_write_nothing(db, hall):
    with pytest.raises(InvalidAmount):
        open_order(db, hall, amount="-1")
    with pytest.raises(ValidationError):
        open_order(db, hall, channel="cash")
    with pytest.raises(ValidationError):
        open_order(db, hall, lifetime=dt.timedelta(hours=2))
    with db.session() as s:
        s.get(Customer, hall["customer"]).status = "closed"
    with pytest.raises(AccountClosed):
        open_order(db, hall)
    with db.session() as s:
        assert s.scalars(select(ChannelOrder)).all() == []


def test_another_countys_clerk_can_neither_follow_nor_cancel(db, hall):
    order = open_order(db, hall)
    with db.session() as s:
        other = f.unit(s, code="37021", name="曹县营业厅")
        stranger = f.actor(s, other, username="caoxian", role="counter")
    for use in (order_state, cancel_order):
        with pytest.raises(OutOfScope):
            use(db, stranger, order.order_id)
    assert order_state(db, hall["clerk"], order.order_id).state == "created"
