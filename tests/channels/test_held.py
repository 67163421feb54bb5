"""Money the gateway cannot post is held for a supervisor of its unit, never posted or dropped."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from console.channels.simulator import send
from console.errors import PermissionDenied
from console.models import AuditEvent, Customer, Payment
from console.services.channels.held import held_payments, rejection_counts
from tests import factories as f


def number(db, hall):
    with db.session() as s:
        return s.get(Customer, hall["customer"]).customer_no


@pytest.fixture
def elsewhere(db, hall):
    """A supervisor of another county, who must not see 牡丹区's held money."""
    with db.session() as s:
        other = f.unit(s, code="37021", name="曹县营业厅")
        return f.actor(s, other, username="caoxian", role="supervisor")


def test_unknown_customer_and_wrong_amount_are_held(db, hall, gateway, wechat, alipay,
                                                     elsewhere):
    assert send(f"{gateway}/wechat/notify",
                wechat.notification("4200000101", "9999999999", 5000))[0] == 204
    # 49.99 does not cover the 50.00 the prepaid account owes: exact to the fen.
    assert send(f"{gateway}/wechat/notify",
                wechat.notification("4200000102", number(db, hall), 4999))[0] == 204
    assert send(f"{gateway}/alipay/notify", alipay.form(
        alipay.params("2026120722101", number(db, hall), "0.01")))[1] == b"success"
    with db.session() as s:
        assert s.scalars(select(Payment)).all() == []
        assert len(s.scalars(select(AuditEvent).where(
            AuditEvent.action == "channel.payment_held")).all()) == 3
    held = held_payments(db, hall["boss"])
    assert [(h.channel, h.customer_no, h.amount, h.due, h.reason) for h in held] == [
        ("wechat", "9999999999", Decimal("50.00"), None, "unknown_customer"),
        ("wechat", number(db, hall), Decimal("49.99"), Decimal("50.00"), "amount_mismatch"),
        ("alipay", number(db, hall), Decimal("0.01"), Decimal("50.00"), "amount_mismatch"),
    ]
    assert held_payments(db, elsewhere) == ()  # another county's supervisor: none of it
    with pytest.raises(PermissionDenied):
        held_payments(db, hall["clerk"])  # a counter clerk does not review channel money
    # The same held trade sent again is held once.
    assert send(f"{gateway}/wechat/notify",
                wechat.notification("4200000101", "9999999999", 5000))[0] == 204
    assert len(held_payments(db, hall["boss"])) == 3


def test_refusals_are_counted_for_a_supervisor(db, hall, gateway, wechat):
    headers, body = wechat.notification("4200000103", number(db, hall), 5000)
    send(f"{gateway}/wechat/notify", (headers, body + b" "))
    send(f"{gateway}/wechat/notify", (headers, body))
    send(f"{gateway}/wechat/notify", (headers, body))
    assert rejection_counts(db, hall["boss"]) == {("wechat", "bad_signature"): 1,
                                                   ("wechat", "replayed"): 1}
    with pytest.raises(PermissionDenied):
        rejection_counts(db, hall["clerk"])
