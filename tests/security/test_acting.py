"""The one door of every use case (console.services.acting): unit scope and live sessions,
on SQLite and PostgreSQL. What a clerk of one county notices about another county's
customers, and what a disabled or reset user's open window gets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console.errors import OutOfScope, PasswordChangeRequired, SessionEnded
from console.models import AuditEvent, Payment, User
from console.services.acting import Rule, use_case, use_cases
from console.services.customers import search, view
from console.services.customers.search import find_customers
from console.services.customers.view import customer_detail, reveal_contact
from console.services.payments import counter
from console.services.payments.counter import amount_due, post_payment
from console.services.permissions import Permission
from tests import factories as f
from tests.dbroles.seating import seated


@pytest.fixture
def two_counties(db):
    """牡丹区 with a station below it, and 曹县 beside it; a customer in each."""
    with db.session() as s:
        mudan = f.unit(s, code="37001", name="牡丹区城区营业厅")
        station = f.unit(s, code="37011", name="牡丹区王浩屯供电所")
        station.parent_id = mudan.id
        caoxian = f.unit(s, code="37021", name="曹县营业厅")
        tariff = f.tariff(s)
        ours = f.customer(s, mudan, tariff, number="3700000001")
        below = f.customer(s, station, tariff, number="3701100001")
        theirs = f.customer(s, caoxian, tariff, number="3702100001")
        return {
            "ours": ours.id, "below": below.id, "theirs": theirs.id,
            "counter1": f.actor(s, mudan, username="counter1", role="counter"),
            "supervisor1": f.actor(s, mudan, username="supervisor1", role="supervisor"),
            "supervisor2": f.actor(s, caoxian, username="supervisor2", role="supervisor"),
            "station_clerk": f.actor(s, station, username="station1", role="counter"),
            "admin1": f.actor(s, mudan, username="admin1", role="admin"),
        }


def count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def pay(db, actor, customer_id, key="k-1"):
    return post_payment(db, actor, customer_id=customer_id, amount=Decimal("50.00"),
                        method="cash", idempotency_key=key)


def test_a_clerk_cannot_pay_for_another_countys_customer_and_nothing_is_written(db, two_counties):
    w = two_counties
    before = (count(db, Payment), count(db, AuditEvent))
    with pytest.raises(OutOfScope) as refused:
        pay(db, w["counter1"], w["theirs"])
    assert refused.value.params["entity"] == "customer"
    assert (count(db, Payment), count(db, AuditEvent)) == before
    assert pay(db, w["counter1"], w["ours"]).amount == Decimal("50.00")


def test_a_unit_sees_the_units_below_it_but_not_above_or_beside(db, two_counties):
    w = two_counties
    assert customer_detail(db, w["supervisor1"], w["below"]).identity.customer_no == "3701100001"
    with pytest.raises(OutOfScope):
        customer_detail(db, w["station_clerk"], w["ours"])
    with pytest.raises(OutOfScope):
        reveal_contact(db, w["supervisor2"], w["ours"])
    with pytest.raises(OutOfScope):
        amount_due(db, w["supervisor2"], w["below"])


def test_lookup_finds_only_customers_of_ones_own_units(db, two_counties):
    w = two_counties
    outside = find_customers(db, w["counter1"], "3702100001")
    # Seated on PostgreSQL the other county's customer is not there at all: not even
    # "it is elsewhere" can be said (row-level security, tests/dbroles/seating.py).
    assert (outside.rows, outside.total, outside.elsewhere) == ((), 0, 0 if seated(db) else 1)
    assert find_customers(db, w["supervisor2"], "3702100001").elsewhere == 0
    assert [r.customer_no for r in find_customers(db, w["supervisor2"], "3702100001").rows] == [
        "3702100001"]
    assert [r.customer_no for r in find_customers(db, w["admin1"], "3702100001").rows] == [
        "3702100001"]


def test_an_administrator_sees_every_unit(db, two_counties):
    w = two_counties
    assert customer_detail(db, w["admin1"], w["theirs"]).identity.customer_no == "3702100001"


def set_user(db, username, **values):
    with db.session() as s:
        user = s.scalar(select(User).where(User.username == username))
        for name, value in values.items():
            setattr(user, name, value)


def test_a_disabled_users_open_window_posts_nothing(db, two_counties):
    w = two_counties
    set_user(db, "counter1", active=False)
    before = count(db, Payment)
    with pytest.raises(SessionEnded) as ended:
        pay(db, w["counter1"], w["ours"])
    assert ended.value.params["reason"] == "disabled"
    assert count(db, Payment) == before


def test_a_changed_role_or_reset_password_ends_the_session(db, two_counties):
    w = two_counties
    set_user(db, "supervisor1", role="counter")
    with pytest.raises(SessionEnded) as ended:
        customer_detail(db, w["supervisor1"], w["ours"])
    assert ended.value.params["reason"] == "changed"
    set_user(db, "counter1", session_stamp=1)
    with pytest.raises(SessionEnded):
        amount_due(db, w["counter1"], w["ours"])


def test_a_password_to_change_comes_before_any_work(db, two_counties):
    w = two_counties
    set_user(db, "counter1", must_change_password=True)
    with pytest.raises(PasswordChangeRequired):
        find_customers(db, w["counter1"], "3700000001")


def test_a_rule_naming_an_argument_the_use_case_lacks_is_refused_at_import():
    with pytest.raises(TypeError, match="no argument"):
        @use_case(Permission.LOOKUP, customer="customer")
        def wrong(db, actor, customer_id):  # pragma: no cover - never called
            return customer_id
    with pytest.raises(TypeError, match="unknown object kinds"):
        use_case(Permission.LOOKUP, planet="customer_id")


def test_the_finder_lists_declared_and_undeclared_use_cases():
    found = use_cases([search, view, counter])
    assert isinstance(found["console.services.customers.view.customer_detail"], Rule)
    assert found["console.services.customers.view.customer_detail"].objects == (
        ("customer", "customer_id"),)
    assert found["console.services.customers.search.find_customers"].filters


def test_a_service_hall_serves_every_customer_of_its_county(db):
    """A hall (营业厅) is a leaf of the county, yet its counter serves the county's stations."""
    with db.session() as s:
        county = f.unit(s, code="37410", name="牡丹区供电公司")
        county.kind = "county"
        station = f.unit(s, code="37411", name="王浩屯供电所")
        hall = f.unit(s, code="37419", name="牡丹区城区营业厅")
        hall.kind = "hall"
        other = f.unit(s, code="37430", name="曹县供电公司")
        station.parent_id = hall.parent_id = county.id
        tariff = f.tariff(s)
        village = f.customer(s, station, tariff, number="3741100001").id
        elsewhere = f.customer(s, other, tariff, number="3743000001").id
        clerk = f.actor(s, hall, username="counter1", role="counter")
    assert amount_due(db, clerk, village).customer_id == village
    with pytest.raises(OutOfScope):
        amount_due(db, clerk, elsewhere)
