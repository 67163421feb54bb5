"""A supervisor settles held phone money: posted once to the customer they chose (the
reconnect queued as for any payment), or marked for refund / resolved with a note; audited.
A clerk, or a supervisor of another county, may do none of it."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console.channels.simulator import send
from console.errors import (
    ConcurrentUpdate,
    NotFound,
    OutOfScope,
    PermissionDenied,
    ValidationError,
)
from console.models import (
    AuditEvent,
    ChannelNotification,
    ControlCommand,
    HeldNotification,
    LedgerEntry,
    Payment,
)
from console.services.channels.held import held_payments, rejection_counts
from console.services.channels.review import held_target, post_held, settle_held
from console.services.customers.view import customer_detail
from tests import factories as f
from tests.channels.test_held import elsewhere as elsewhere, number
from tests.control.test_reconnect_on_payment import cut


def held_unknown(db, hall, gateway, wechat, txn="4200000201", fen=5000):
    """A WeChat payment for a customer number we do not have: held; its row."""
    assert send(f"{gateway}/wechat/notify", wechat.notification(txn, "9999999999", fen))[0] == 204
    [row] = [h for h in held_payments(db, hall["boss"]) if h.transaction_id == txn]
    return row


def test_the_supervisor_posts_held_money_to_the_customer_once(db, hall, gateway, wechat):
    cut(db, hall)
    held = held_unknown(db, hall, gateway, wechat)
    target = held_target(db, hall["boss"], held_id=held.held_id,
                         customer_no=f" {number(db, hall)} ")
    assert (target.customer_id, target.due, target.amount, target.balance_after) == (
        hall["customer"], Decimal("50.00"), Decimal("50.00"), Decimal("0.00"))
    decision = post_held(db, hall["boss"], held_id=held.held_id, customer_id=hall["customer"])
    assert decision.outcome == "posted" and decision.changes.touches(hall["customer"])
    with db.session() as s:
        [payment] = s.scalars(select(Payment))
        assert (payment.customer_id, payment.amount, payment.method, payment.operator_id,
                payment.idempotency_key) == (hall["customer"], Decimal("50.00"), "wechat", None,
                                             "wechat:4200000201")
        assert s.scalar(select(func.count()).select_from(LedgerEntry).where(
            LedgerEntry.payment_id == payment.id, LedgerEntry.kind == "payment")) == 1
        assert s.get(HeldNotification, held.held_id).state == "resolved"
        note = s.scalars(select(ChannelNotification)).one()
        assert (note.outcome, note.payment_id) == ("posted", payment.id)
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == "channel.held_posted"))
        assert (event.actor_name, event.entity_id) == ("boss", str(hall["customer"]))
        [reconnect] = s.scalars(select(ControlCommand).where(ControlCommand.action == "reconnect"))
        assert (reconnect.state, reconnect.reason) == ("queued", "payment")
    assert held_payments(db, hall["boss"]) == ()
    # Pressed twice (or by a second supervisor): told so, nothing more written.
    with pytest.raises(ConcurrentUpdate):
        post_held(db, hall["boss2"], held_id=held.held_id, customer_id=hall["customer"])
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 1
    # The customer's history names the channel, not a blank, as who took the money.
    [row] = customer_detail(db, hall["boss"], hall["customer"]).payments
    assert (row.operator, row.amount) == ("微信支付", Decimal("50.00"))


def test_refund_and_resolved_take_it_off_the_list_with_a_note(db, hall, gateway, wechat):
    first = held_unknown(db, hall, gateway, wechat, "4200000202")
    second = held_unknown(db, hall, gateway, wechat, "4200000203", fen=1234)
    for bad in ("", "   ", "x" * 201):
        with pytest.raises(ValidationError):
            settle_held(db, hall["boss"], held_id=first.held_id, outcome="refund", note=bad)
    with pytest.raises(ValidationError):
        settle_held(db, hall["boss"], held_id=first.held_id, outcome="keep", note="?")
    settle_held(db, hall["boss"], held_id=first.held_id, outcome="refund",
                note="户号填错，客户来电要求退款")
    settle_held(db, hall["boss"], held_id=second.held_id, outcome="resolved", note="测试交易")
    assert held_payments(db, hall["boss"]) == ()
    with db.session() as s:
        assert s.scalars(select(Payment)).all() == []
        events = {e.action: json.loads(e.after) for e in s.scalars(select(AuditEvent).where(
            AuditEvent.action.in_(("channel.held_refund", "channel.held_resolved"))))}
    assert events["channel.held_refund"]["note"] == "户号填错，客户来电要求退款"
    assert events["channel.held_resolved"]["amount"] == "12.34"


def test_a_clerk_or_another_county_may_not(db, hall, gateway, wechat, elsewhere):
    held = held_unknown(db, hall, gateway, wechat)
    for call in (lambda who: post_held(db, who, held_id=held.held_id,
                                       customer_id=hall["customer"]),
                 lambda who: settle_held(db, who, held_id=held.held_id, outcome="resolved",
                                         note="x"),
                 lambda who: held_target(db, who, held_id=held.held_id,
                                         customer_no=number(db, hall)),
                 lambda who: rejection_counts(db, who)):
        with pytest.raises(PermissionDenied):
            call(hall["clerk"])
    with pytest.raises(OutOfScope):
        post_held(db, elsewhere, held_id=held.held_id, customer_id=hall["customer"])
    with pytest.raises(OutOfScope):
        settle_held(db, elsewhere, held_id=held.held_id, outcome="refund", note="x")
    with db.session() as s:
        assert s.get(HeldNotification, held.held_id).state == "open"
        assert s.scalars(select(Payment)).all() == []


def test_an_unknown_number_or_a_closed_account_is_refused(db, hall, gateway, wechat):
    held = held_unknown(db, hall, gateway, wechat)
    with pytest.raises(NotFound):
        held_target(db, hall["boss"], held_id=held.held_id, customer_no="1234567890")
    with db.session() as s:
        closed = f.customer(s, hall["unit"], hall["tariff"], number="3700000099")
        closed.status = "closed"
        closed_id = closed.id
    with pytest.raises(ValidationError):  # AccountClosed
        post_held(db, hall["boss"], held_id=held.held_id, customer_id=closed_id)
    with db.session() as s:
        assert s.get(HeldNotification, held.held_id).state == "open"
        assert s.scalars(select(Payment)).all() == []


def test_refusals_since_a_moment_leave_older_ones_out(db, hall):
    import datetime as dt

    from console.channels.posting import reject
    from console.channels.refusal import Refused

    now = dt.datetime.now(dt.UTC)
    reject(db, "wechat", Refused("stale"), "10.0.0.1", now=now - dt.timedelta(days=1))
    reject(db, "alipay", Refused("bad_signature"), "10.0.0.2", now=now)
    since = now - dt.timedelta(hours=1)
    assert rejection_counts(db, hall["boss"], since=since) == {("alipay", "bad_signature"): 1}
    assert len(rejection_counts(db, hall["boss"])) == 2
