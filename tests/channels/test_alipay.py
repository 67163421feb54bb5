"""Alipay notifications through the real gateway over loopback (SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select

from console.channels.simulator import send
from console.models import ChannelNotification, ControlCommand, Customer, Payment
from tests.channels.conftest import counts, rejections
from tests.control.test_reconnect_on_payment import cut


def notify(gateway, sent):
    status, body = send(f"{gateway}/alipay/notify", sent)
    return status, body.decode()


def number(db, hall):
    with db.session() as s:
        return s.get(Customer, hall["customer"]).customer_no


def test_a_valid_notification_posts_and_queues_the_reconnect(db, hall, gateway, alipay):
    cut(db, hall)
    params = alipay.params("2026120722001", number(db, hall), "50.00")
    assert notify(gateway, alipay.form(params)) == (200, "success")
    with db.session() as s:
        [payment] = s.scalars(select(Payment))
        assert (payment.amount, payment.method, payment.idempotency_key) == (
            Decimal("50.00"), "alipay", "alipay:2026120722001")
        assert s.scalars(select(ControlCommand.state).where(
            ControlCommand.action == "reconnect")).all() == ["queued"]
    before = counts(db)
    # Our `success` got lost and Alipay sends the same notification again (same notify_id):
    # it is answered, and nothing is written.
    assert notify(gateway, alipay.form(params)) == (200, "success")
    # Out of order: the trade's TRADE_FINISHED after its TRADE_SUCCESS, a new notify_id.
    finished = alipay.params("2026120722001", number(db, hall), "50.00", "TRADE_FINISHED")
    assert notify(gateway, alipay.form(finished)) == (200, "success")
    assert counts(db) == before


def test_a_bad_signature_is_refused(db, hall, gateway, alipay):
    params = alipay.params("2026120722002", number(db, hall), "50.00")
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    before = counts(db)
    assert notify(gateway, alipay.form(params, key=forger))[1] == "fail"
    # Signed right, then the amount changed on the way.
    headers, body = alipay.form(params)
    assert notify(gateway, (headers, body.replace(b"total_amount=50.00",
                                                  b"total_amount=5000.00")))[1] == "fail"
    # A notify_id used by another trade: a replay.
    first = alipay.params("2026120722003", number(db, hall), "50.00", notify_id="n-1")
    assert notify(gateway, alipay.form(first)) == (200, "success")
    again = alipay.params("2026120722004", number(db, hall), "50.00", notify_id="n-1")
    assert notify(gateway, alipay.form(again))[1] == "fail"
    assert rejections(db) == [("alipay", "bad_signature")] * 2 + [("alipay", "replayed")]
    assert counts(db)["payment"] == before["payment"] + 1


def test_a_closed_trade_is_acknowledged_without_posting(db, hall, gateway, alipay):
    closed = alipay.params("2026120722005", number(db, hall), "50.00", "TRADE_CLOSED")
    assert notify(gateway, alipay.form(closed)) == (200, "success")
    with db.session() as s:
        assert s.scalars(select(Payment)).all() == []
        assert s.scalars(select(ChannelNotification.outcome)).all() == ["acknowledged"]


def test_malformed_forms_are_refused(db, hall, gateway, alipay):
    params = alipay.params("2026120722006", number(db, hall), "50.001")
    assert notify(gateway, alipay.form(params))[1] == "fail"
    headers, body = alipay.form(alipay.params("2026120722007", number(db, hall), "50.00"))
    assert notify(gateway, (headers, body + b"&trade_status=TRADE_CLOSED"))[1] == "fail"
    assert notify(gateway, ({"Content-Type": "application/json"}, body))[0] == 415
    assert rejections(db) == [("alipay", "malformed")] * 2 + [("alipay", "wrong_content_type")]
    assert counts(db)["payment"] == 0
