"""Satisfaction: ratings of finished orders and counter visits, shown per customer, summed up."""

from __future__ import annotations

from decimal import Decimal

import pytest

from console.errors import ValidationError
from console.services.work_orders import create_work_order, get_work_order, transition
from console.services.work_orders.satisfaction import (
    customer_satisfaction,
    record_satisfaction,
    satisfaction_summary,
)
from tests import factories as f
from tests.billing_helpers import account


@pytest.fixture
def hall(db):
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        customer, _meter = account(s, unit, tariff)
        return {"customer": customer.id, "clerk": f.actor(s, unit, username="c", role="counter"),
                "unit": unit.id}


def finished(db, hall, kind: str = "complaint") -> int:
    order = create_work_order(db, hall["clerk"], kind=kind, customer_id=hall["customer"])
    transition(db, hall["clerk"], order.id, "start")
    return transition(db, hall["clerk"], order.id, "complete", resolution="已处理").id


def test_ratings_show_on_the_customer_and_on_the_order_and_sum_up_by_unit_and_kind(db, hall):
    first, second = finished(db, hall), finished(db, hall)
    record_satisfaction(db, hall["clerk"], customer_id=hall["customer"], rating=5,
                        comment="师傅很快", work_order_id=first)
    record_satisfaction(db, hall["clerk"], customer_id=hall["customer"], rating=2,
                        work_order_id=second)
    record_satisfaction(db, hall["clerk"], customer_id=hall["customer"], rating=4,
                        comment="排队不久")
    assert get_work_order(db, hall["clerk"], first).satisfaction == 5
    rows = customer_satisfaction(db, hall["clerk"], hall["customer"])
    assert sorted((r.kind, r.rating) for r in rows) == [
        ("complaint", 2), ("complaint", 5), ("counter_visit", 4)]
    summary = {s.kind: s for s in satisfaction_summary(db, hall["clerk"])}
    assert (summary["complaint"].count, summary["complaint"].mean,
            summary["complaint"].satisfied) == (2, Decimal("3.50"), 1)
    assert summary["counter_visit"].satisfied_share == Decimal("1.000")


def test_bad_ratings_are_refused(db, hall):
    done = finished(db, hall)
    for rating in (0, 6, "5", True):
        with pytest.raises(ValidationError):
            record_satisfaction(db, hall["clerk"], customer_id=hall["customer"], rating=rating)
    open_order = create_work_order(db, hall["clerk"], kind="complaint",
                                   customer_id=hall["customer"])
    with pytest.raises(ValidationError) as err:
        record_satisfaction(db, hall["clerk"], customer_id=hall["customer"], rating=3,
                            work_order_id=open_order.id)
    assert err.value.params["reason"] == "not_done"
    record_satisfaction(db, hall["clerk"], customer_id=hall["customer"], rating=3,
                        work_order_id=done, idempotency_key="r1")
    again = record_satisfaction(db, hall["clerk"], customer_id=hall["customer"], rating=3,
                                work_order_id=done, idempotency_key="r1")
    assert again.rating == 3
    with pytest.raises(ValidationError) as err:
        record_satisfaction(db, hall["clerk"], customer_id=hall["customer"], rating=1,
                            work_order_id=done)
    assert err.value.params["reason"] == "already_rated"
    assert len(customer_satisfaction(db, hall["clerk"], hall["customer"])) == 1
