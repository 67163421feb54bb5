"""The embedded demo's gateway and phone customer: a disconnected customer pays what is due
on the phone, the payment is posted and the reconnect queued (SQLite file, real commits)."""

from __future__ import annotations

import threading

from sqlalchemy import select

from console.channels.embedded import EmbeddedChannels
from console.channels.simulator import WechatSigner
from console.models import ControlCommand, Customer, Meter, Payment
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
