"""The clerk's blind count: recorded in the audit trail, latest wins, refused once closed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from console.errors import DayClosed, InvalidAmount, PermissionDenied
from console.services.payments.cash_count import clerks_of_day, latest_count, record_count
from console.services.payments.cashup import close_day
from console.services.payments.counter import post_payment
from console.timeutil import local_today
from tests.billing_helpers import service_hall

D = Decimal


@pytest.fixture
def hall(db):
    h = service_hall(db)
    post_payment(db, h["clerk"], customer_id=h["farmer"], amount="98.62", method="cash",
                 idempotency_key="c1")
    return h


def test_latest_count_wins_and_the_close_list_says_who_counted(db, hall):
    clerk, boss, today = hall["clerk"], hall["boss"], local_today()
    assert latest_count(db, boss, clerk.user_id, today) is None
    record_count(db, clerk, {"cash": "90.00"})
    record_count(db, clerk, {"cash": "98.62", "card": ""})
    count = latest_count(db, boss, clerk.user_id, today)
    assert count.counted["cash"] == D("98.62") and count.counted["card"] == D("0.00")
    first = clerks_of_day(db, boss, today)[0]
    assert (first.operator_id, first.payments, first.counted, first.closed) == (
        clerk.user_id, 1, True, False)


def test_refusals(db, hall):
    with pytest.raises(InvalidAmount):
        record_count(db, hall["clerk"], {"cash": "-1"})
    with pytest.raises(PermissionDenied):
        latest_count(db, hall["clerk"], hall["clerk"].user_id, local_today())
    close_day(db, hall["boss"], hall["clerk"].user_id, local_today(), {"cash": "98.62"})
    with pytest.raises(DayClosed):
        record_count(db, hall["clerk"], {"cash": "1"})
