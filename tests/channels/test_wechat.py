"""WeChat Pay v3 notifications through the real gateway over loopback (SQLite and PostgreSQL):
posted once with the reconnect queued; duplicates, replays, stale, forged, tampered and
oversized ones write nothing but their count."""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import json
from decimal import Decimal

from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select

from console.channels.simulator import send
from console.models import AuditEvent, ChannelNotification, ControlCommand, Payment
from tests.channels.conftest import counts, rejections
from tests.control.test_reconnect_on_payment import cut


def notify(gateway, sent):
    return send(f"{gateway}/wechat/notify", sent)


def customer_no(db, hall):
    from console.models import Customer
    with db.session() as s:
        return s.get(Customer, hall["customer"]).customer_no


def test_a_valid_notification_posts_once_and_queues_the_reconnect(db, hall, gateway, wechat):
    cut(db, hall)
    status, body = notify(gateway, wechat.notification("4200000001", customer_no(db, hall),
                                                       5000))
    assert (status, body) == (204, b"")
    with db.session() as s:
        [payment] = s.scalars(select(Payment))
        assert (payment.amount, payment.method, payment.idempotency_key, payment.operator_id) == (
            Decimal("50.00"), "wechat", "wechat:4200000001", None)
        [reconnect] = s.scalars(select(ControlCommand).where(ControlCommand.action == "reconnect"))
        assert (reconnect.state, reconnect.reason) == ("queued", "payment")
        assert reconnect.idempotency_key.startswith(f"reconnect:payment:{payment.id}:")
        [row] = s.scalars(select(ChannelNotification))
        assert (row.outcome, row.payment_id) == ("posted", payment.id)
        posted = s.scalars(select(AuditEvent).where(AuditEvent.action == "payment.posted")).one()
        assert posted.actor_name == "channel-wechat"
    before = counts(db)
    # WeChat sends it again (a new nonce, signed afresh): the same payment, nothing written.
    status, _ = notify(gateway, wechat.notification("4200000001", customer_no(db, hall), 5000))
    assert status == 204 and counts(db) == before


def refused(db, gateway, sent) -> tuple[int, dict]:
    before = counts(db)
    status, body = notify(gateway, sent)
    after = counts(db)
    assert after.pop("channel_rejection") == before.pop("channel_rejection") + 1
    assert after == before  # nothing but the count
    return status, json.loads(body)


def test_a_replayed_nonce_is_refused(db, hall, gateway, wechat):
    sent = wechat.notification("4200000002", customer_no(db, hall), 5000)
    assert notify(gateway, sent)[0] == 204
    status, body = refused(db, gateway, sent)
    assert status == 401 and body["code"] == "FAIL"
    # The same nonce on another, freshly signed transaction is refused too.
    nonce = sent[0]["Wechatpay-Nonce"]
    status, _ = refused(db, gateway, wechat.notification("4200000003", customer_no(db, hall),
                                                         5000, nonce=nonce))
    assert status == 401
    assert rejections(db) == [("wechat", "replayed")] * 2


def test_a_six_minute_old_notification_is_refused(db, hall, gateway, wechat):
    late = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=6)
    status, body = refused(db, gateway, wechat.notification("4200000004", customer_no(db, hall),
                                                            5000, at=late))
    assert (status, body["code"]) == (401, "FAIL")
    early = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=6)
    refused(db, gateway, wechat.notification("4200000005", customer_no(db, hall), 5000,
                                             at=early))
    assert rejections(db) == [("wechat", "stale")] * 2


def test_a_wrong_signature_or_unknown_serial_is_refused(db, hall, gateway, wechat):
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    refused(db, gateway, wechat.notification("4200000006", customer_no(db, hall), 5000,
                                             key=forger))
    headers, body = wechat.notification("4200000007", customer_no(db, hall), 5000)
    refused(db, gateway, (dict(headers, **{"Wechatpay-Serial": "0" * 40}), body))
    # A changed byte in the signed body: the genuine signature no longer fits it.
    refused(db, gateway, (headers, body.replace(b"TRANSACTION", b"TRANSACTIOM")))
    assert rejections(db) == [("wechat", "bad_signature"), ("wechat", "unknown_serial"),
                              ("wechat", "bad_signature")]


def test_tampered_ciphertext_is_refused_even_when_signed(db, hall, gateway, wechat):
    body = json.loads(wechat.body(wechat.transaction("4200000008", customer_no(db, hall), 5000)))
    cipher = bytearray(base64.b64decode(body["resource"]["ciphertext"]))
    cipher[5] ^= 1
    body["resource"]["ciphertext"] = base64.b64encode(bytes(cipher)).decode()
    raw = json.dumps(body).encode()
    refused(db, gateway, (wechat.headers(raw), raw))
    assert rejections(db) == [("wechat", "bad_ciphertext")]


def test_oversized_malformed_and_wrong_type_bodies_are_refused(db, hall, gateway, wechat):
    big = b"{" + b" " * 70 * 1024 + b"}"
    status, _ = refused(db, gateway, (wechat.headers(big), big))
    assert status == 413
    junk = b"not json"
    refused(db, gateway, (wechat.headers(junk), junk))
    headers, body = wechat.notification("4200000009", customer_no(db, hall), 5000)
    status, _ = refused(db, gateway, (dict(headers, **{"Content-Type": "text/plain"}), body))
    assert status == 415
    del headers["Wechatpay-Nonce"]
    refused(db, gateway, (headers, body))
    assert rejections(db) == [("wechat", "oversized"), ("wechat", "malformed"),
                              ("wechat", "wrong_content_type"), ("wechat", "malformed")]


def test_amounts_are_exact_to_the_fen(db, hall, gateway, wechat):
    # 50.01 yuan tops up a prepaid account owing 50.00: one fen of credit, exactly.
    assert notify(gateway, wechat.notification("4200000010", customer_no(db, hall), 5001))[0] == 204
    with db.session() as s:
        assert s.scalars(select(Payment.amount)).one() == Decimal("50.01")


def test_old_nonces_are_forgotten_and_a_replay_still_posts_nothing(db, hall, gateway,
                                                                      wechat):
    from console.channels.posting import prune_nonces
    from console.models import ChannelNonce

    sent = wechat.notification("4200000011", customer_no(db, hall), 5000)
    assert notify(gateway, sent)[0] == 204
    now = dt.datetime.now(dt.UTC)
    assert prune_nonces(db, now) == 0  # a fresh nonce stays
    assert prune_nonces(db, now + dt.timedelta(hours=2)) == 1
    with db.session() as s:
        assert s.scalars(select(ChannelNonce)).all() == []
    # Replayed now, with its nonce forgotten (pruning early, as a broken clock would): the
    # transaction id still stands, so it is a duplicate and writes nothing. Two hours on
    # it would be stale (test_a_six_minute_old_notification_is_refused).
    before = counts(db)
    assert notify(gateway, sent)[0] == 204
    assert counts(db) == before


def test_header_names_in_any_case_but_never_twice(db, hall, gateway, wechat):
    headers, body = wechat.notification("4200000012", customer_no(db, hall), 5000)
    lower = {name.lower(): value for name, value in headers.items()}
    assert notify(gateway, (lower, body))[0] == 204  # as an HTTP/2 proxy passes them on
    headers, body = wechat.notification("4200000013", customer_no(db, hall), 5000)
    host, port = gateway.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.putrequest("POST", "/wechat/notify")
    for name, value in headers.items():
        connection.putheader(name, value)
    connection.putheader("Wechatpay-Serial", "0" * 40)  # a second Serial: which one counts?
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    answer = connection.getresponse()
    assert (answer.status, json.loads(answer.read())["code"]) == (400, "FAIL")
    connection.close()
    assert rejections(db) == [("wechat", "malformed")]
