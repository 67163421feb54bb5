"""The arrears list: who owes, how long, what the buckets hold; batch requests recorded once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console.errors import PermissionDenied
from console.models import ControlCommand, Customer, Notice
from console.services.arrears import requests as arrears_requests
from console.services.arrears.listing import (
    change_marker,
    first_page,
    list_arrears,
    request_disconnections,
    send_reminders,
    serve_disconnect_notices,
)
from console.services.arrears.types import bucket_of
from console.services.payments.counter import post_payment
from tests import factories as f
from tests.billing_helpers import account, add_bill, days_ago, service_hall

D = Decimal


@pytest.fixture
def hall(db):
    """The 08:05 farmer (96.40, 23 days) plus a shop 95 days overdue and a protected hospital."""
    h = service_hall(db)
    with db.session() as s:
        unit, tariff = h["unit"], h["tariff"]
        shop, shop_meter = account(s, unit, tariff, category="commercial")
        add_bill(s, shop, shop_meter, period="2026-07", amount="500.00", due=days_ago(95))
        add_bill(s, shop, shop_meter, period="2026-08", amount="300.00", due=days_ago(64))
        add_bill(s, shop, shop_meter, period="2026-11", amount="200.00", due=days_ago(-5))
        hospital, meter = account(s, unit, tariff, category="public")
        hospital.protected, hospital.protected_reason = True, "医院"
        add_bill(s, hospital, meter, period="2026-09", amount="1000.00", due=days_ago(40))
        paid_up, meter = account(s, unit, tariff)
        add_bill(s, paid_up, meter, period="2026-10", amount="20.00", due=days_ago(-3))
        h.update(shop=shop.id, hospital=hospital.id, paid_up=paid_up.id)
    return h


def by_id(result):
    return {r.customer_id: r for r in result.rows}


@pytest.mark.parametrize(("days", "bucket"), [(0, 0), (30, 0), (31, 1), (60, 1), (61, 2),
                                              (90, 2), (91, 3), (400, 3)])
def test_bucket_edges(days, bucket):
    assert bucket_of(days) == bucket


def test_every_overdue_customer_with_amount_age_and_fees(db, hall):
    rows = by_id(list_arrears(db, hall["boss"]))
    assert set(rows) == {hall["farmer"], hall["shop"], hall["hospital"]}  # not-yet-due is no arrears
    farmer = rows[hall["farmer"]]
    assert (farmer.arrears, farmer.late_fees, farmer.total) == (D("96.40"), D("2.22"), D("98.62"))
    assert (farmer.days_overdue, farmer.bucket, farmer.bills) == (23, 0, 1)
    shop = rows[hall["shop"]]
    # Two overdue bills at 2‰ (commercial, same year): 500 x 95 x 0.002 + 300 x 64 x 0.002.
    assert (shop.arrears, shop.bills, shop.days_overdue, shop.bucket) == (D("800.00"), 2, 95, 3)
    assert shop.late_fees == D("95.00") + D("38.40")
    assert shop.oldest_due == days_ago(95) and shop.category == "commercial"
    hospital = rows[hall["hospital"]]
    assert hospital.protected and hospital.bucket == 1


def test_a_payment_takes_the_customer_off_the_list_and_moves_the_marker(db, hall):
    before = change_marker(db, hall["boss"])
    post_payment(db, hall["clerk"], customer_id=hall["farmer"], amount="98.62", method="cash",
                 idempotency_key="arrears-1")
    assert change_marker(db, hall["boss"]) != before
    assert hall["farmer"] not in by_id(list_arrears(db, hall["boss"]))


def test_counter_staff_may_not_see_the_list(db, hall):
    with pytest.raises(PermissionDenied):
        list_arrears(db, hall["clerk"])


def test_reminders_once_a_day_and_disconnect_notices_spare_the_protected(db, hall):
    ids = [hall["farmer"], hall["shop"], hall["hospital"]]
    first = send_reminders(db, hall["boss"], ids)
    again = send_reminders(db, hall["boss"], ids)
    assert (first.done, again.done, again.skipped) == (3, 0, {"already_sent": 3})
    served = serve_disconnect_notices(db, hall["boss"], ids)
    assert served.done == 2 and sum(served.skipped.values()) == 1  # the hospital
    rows = by_id(list_arrears(db, hall["boss"]))
    assert (rows[hall["shop"]].notice_kind, rows[hall["shop"]].control_state) == (
        "disconnect", "notice")
    with db.session() as s:
        assert s.scalar(select(func.count(Notice.id))) == 5
        assert s.get(Customer, hall["hospital"]).control_state == "normal"


def test_a_disconnection_request_without_a_notice_is_refused_by_name(db, hall):
    """No notice served: nothing is recorded, and the outcome says it is the notice (the
    panel showed "0 recorded (already done today)" in green for refusals)."""
    first = request_disconnections(db, hall["boss"], [hall["shop"]], idempotency_key="batch-1")
    assert (first.done, first.skipped) == (0, {"notice_not_served": 1})
    with db.session() as s:
        assert s.scalars(select(ControlCommand)).all() == []


def test_the_fallback_records_requests_without_the_cost_control_services(db, hall):
    ids = [hall["shop"], hall["hospital"]]
    first = arrears_requests.request_disconnections(db, hall["boss"], ids, idempotency_key="b1")
    replay = arrears_requests.request_disconnections(db, hall["boss"], ids, idempotency_key="b1")
    assert (first.done, first.skipped, replay.done) == (1, {"protected": 1}, 0)
    served = arrears_requests.serve_disconnect_notices(db, hall["boss"], ids)
    assert (served.done, served.skipped) == (1, {"protected": 1})


def test_other_units_are_out_of_scope(db, hall):
    with db.session() as s:
        other = f.unit(s, code="37002", name="定陶区供电所")
        stranger, meter = account(s, other, hall["tariff"])
        add_bill(s, stranger, meter, period="2026-09", amount="10.00", due=days_ago(10))
        sid = stranger.id
    result = list_arrears(db, hall["boss"])
    assert sid not in by_id(result)
    assert [name for _id, name in result.units] == ["牡丹区供电所"]


def test_the_fast_late_fee_agrees_with_late_fee_to_the_fen():
    import datetime as dt
    import random

    from console.billing.late_fees import OTHER, RESIDENTIAL, late_fee
    from console.billing.rulebook import RuleBook
    from console.services.arrears.listing import _Fees

    rules = RuleBook({"residential": RESIDENTIAL}, OTHER)
    today, rng = dt.date(2026, 1, 20), random.Random(5)
    fees = _Fees(rules, today)
    for _ in range(3000):
        category = rng.choice(("residential", "commercial"))
        due = today - dt.timedelta(days=rng.randint(0, 500))
        fen = rng.choice((rng.randint(1, 2000), rng.randint(1, 9_000_000)))
        raw_due = rng.choice((due, due.isoformat()))  # PostgreSQL dates, SQLite text
        expected = late_fee(D(fen).scaleb(-2), rules.for_category(category), due, today)
        assert fees.of(fen, category, raw_due, None) == int(expected * 100), (fen, due, category)


def test_after_a_part_payment_the_list_agrees_with_the_payment_dialog(db, hall):
    from console.services.payments.counter import amount_due

    post_payment(db, hall["clerk"], customer_id=hall["shop"], amount="100.00", method="card",
                 idempotency_key="part-1")  # posts the oldest bill's fee, pays part of it
    row = by_id(list_arrears(db, hall["boss"]))[hall["shop"]]
    overdue = [b for b in amount_due(db, hall["clerk"], hall["shop"]).bills if b.days_overdue > 0]
    assert row.arrears == sum(b.principal for b in overdue)
    assert row.late_fees == sum(b.late_fee for b in overdue)


def test_the_first_page_is_the_top_of_the_whole_list_by_total_not_by_principal(db, hall):
    """The panel shows `first_page` before the rest arrives: row for row what the whole
    list holds at its top (total, largest first), even for a customer whose principal is
    smaller but whose fees lift it above the others, or whose fee a payment has posted."""
    with db.session() as s:
        old, meter = account(s, hall["unit"], hall["tariff"], category="commercial")
        add_bill(s, old, meter, period="2025-11", amount="950.00", due=days_ago(300))
        old_id = old.id
    post_payment(db, hall["clerk"], customer_id=hall["shop"], amount="100.00", method="card",
                 idempotency_key="part-1")  # the shop's oldest bill now has a fee posted
    whole = sorted(list_arrears(db, hall["boss"]).rows, key=lambda r: (-r.total, r.customer_id))
    assert whole[0].customer_id == old_id and whole[0].arrears < by_id_rows(whole)[
        hall["hospital"]].arrears  # ranked by total: fees count
    for limit in range(1, len(whole) + 2):
        assert first_page(db, hall["boss"], limit=limit).rows == whole[:limit], limit


def by_id_rows(rows):
    return {r.customer_id: r for r in rows}
