"""The embedded demo's gateway and phone customer: a disconnected customer pays what is due
on the phone, the payment is posted and the reconnect queued (SQLite file, real commits)."""

from __future__ import annotations

import threading

from sqlalchemy import select

from console.channels.embedded import EmbeddedChannels
from console.channels.simulator import WechatSigner
from console.models import ChannelOrder, ControlCommand, Customer, Meter, Payment, Unit
from console.services.channels.orders import create_order, order_state
from tests import factories as f
from tests.channels.conftest import seed


def cut_off(db) -> None:
    with db.session() as s:
        customer = s.scalars(select(Customer)).one()
        customer.control_state = "disconnected"
        s.add(ControlCommand(meter_id=s.scalars(select(Meter.id)).one(), customer_id=customer.id,
                             action="disconnect", reason="arrears", state="confirmed",
                             idempotency_key="cut-1", rule="manual"))


def test_a_disconnected_customer_pays_on_the_phone_and_is_reconnected(file_db, tmp_path):
    seed(file_db)
    cut_off(file_db)
    paid = threading.Event()
    channels = EmbeddedChannels(file_db, tmp_path / "channels", every=0.05,
                                on_paid=lambda _no: paid.set())
    channels.start()
    try:
        assert paid.wait(30), channels.error
    finally:
        assert channels.stop()
    with file_db.session() as s:
        [payment] = s.scalars(select(Payment))
        assert (payment.method, str(payment.amount)) == ("wechat", "50.00")
        assert s.scalars(select(ControlCommand.state).where(
            ControlCommand.action == "reconnect")).all() == ["queued"]
    # Paid up: nobody is left to pay for, and nothing more is sent.
    assert channels.pay_one(WechatSigner.from_folder(tmp_path / "channels")) == ""


def test_the_customer_at_the_counter_pays_the_scan_to_pay_order_by_themselves(file_db, tmp_path):
    """The demo's phone scans the counter's QR and pays it `scan_delay` seconds later."""
    seed(file_db)
    with file_db.session() as s:
        clerk = f.actor(s, s.scalars(select(Unit)).one(), username="clerk", role="counter")
        customer_id = s.scalars(select(Customer.id)).one()
    order = create_order(file_db, clerk, customer_id=customer_id, amount="12.00", channel="alipay")
    paid = threading.Event()
    channels = EmbeddedChannels(file_db, tmp_path / "channels", every=3600, scan_delay=0,
                                on_paid=lambda _no: paid.set())
    channels.start()
    try:
        assert paid.wait(30), channels.error
    finally:
        assert channels.stop()
    assert order_state(file_db, clerk, order.order_id).state == "paid"
    with file_db.session() as s:
        [payment] = s.scalars(select(Payment))
        assert (payment.method, str(payment.amount)) == ("alipay", "12.00")
        assert s.scalars(select(ChannelOrder.payment_id)).one() == payment.id
