"""Day close: expected against counted per method; a closed day's payments are final."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from console.errors import DayClosed, InvalidAmount, PermissionDenied, ValidationError
from console.models import AuditEvent
from console.services.payments.cashup import close_day, day_bounds, day_close_result
from console.services.payments.counter import post_payment
from console.services.payments.reversals import reverse_payment
from console.timeutil import local_today
from tests.billing_helpers import service_hall

D = Decimal


@pytest.fixture
def day(db):
    """A clerk who took 98.62 cash, 50.00 by WeChat and 20.00 cash (reversed) today."""
    hall = service_hall(db)
    clerk, boss, customer = hall["clerk"], hall["boss"], hall["farmer"]
    posts = [post_payment(db, clerk, customer_id=customer, amount=a, method=m,
                          idempotency_key=k, tendered=t)
             for a, m, k, t in (("98.62", "cash", "c1", "100"), ("50.00", "wechat", "w1", None),
                                ("20.00", "cash", "c2", None))]
    reverse_payment(db, boss, posts[2].payment_id, "keyed twice")
    return {"clerk": clerk, "boss": boss, "customer": customer, "posts": posts}


def test_close_records_expected_counted_and_difference(db, day):
    result = close_day(db, day["boss"], day["clerk"].user_id, local_today(),
                       {"cash": "98.00", "wechat": D("50.00")})
    lines = {x.method: (x.expected, x.counted, x.difference) for x in result.lines}
    assert lines["cash"] == (D("98.62"), D("98.00"), D("-0.62"))  # the reversed 20.00 is not expected
    assert lines["wechat"] == (D("50.00"), D("50.00"), D("0.00"))
    assert lines["card"] == (D("0.00"), D("0.00"), D("0.00"))
    assert (result.payments, result.expected, result.difference) == (2, D("148.62"), D("-0.62"))
    assert day_close_result(db, day["boss"], day["clerk"].user_id, local_today()) == result
    with db.session() as s:
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert event.action == "day.closed" and '"difference":"-0.62"' in event.after


def test_a_closed_day_is_final(db, day):
    close_day(db, day["boss"], day["clerk"].user_id, local_today(), {"cash": "98.62"})
    with pytest.raises(DayClosed):
        reverse_payment(db, day["boss"], day["posts"][1].payment_id, "customer changed mind")
    with pytest.raises(DayClosed):
        post_payment(db, day["clerk"], customer_id=day["customer"], amount="5", method="cash",
                     idempotency_key="after-close")
    with pytest.raises(DayClosed):
        close_day(db, day["boss"], day["clerk"].user_id, local_today(), {})


def test_refusals(db, day):
    clerk_id, today = day["clerk"].user_id, local_today()
    with pytest.raises(PermissionDenied):
        close_day(db, day["clerk"], clerk_id, today, {})
    with pytest.raises(ValidationError):
        close_day(db, day["boss"], clerk_id, today + dt.timedelta(days=1), {})
    with pytest.raises(ValidationError):
        close_day(db, day["boss"], clerk_id, today, {"gold": "1"})
    with pytest.raises(InvalidAmount):
        close_day(db, day["boss"], clerk_id, today, {"cash": "-1"})
    assert day_close_result(db, day["boss"], clerk_id, today) is None


def test_day_bounds_are_local_midnights():
    start, end = day_bounds(dt.date(2026, 11, 27))
    assert start == dt.datetime(2026, 11, 26, 16, tzinfo=dt.UTC)
    assert end - start == dt.timedelta(days=1)
