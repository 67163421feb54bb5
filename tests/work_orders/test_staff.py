"""Who may take an order or carry a route: the staff of the order's unit, asked for by
someone whose role and branch allow it."""

from __future__ import annotations

import pytest

from console.errors import PermissionDenied
from console.services.work_orders import create_work_order
from console.services.work_orders.staff import assignable_staff, route_inspectors
from tests import factories as f


@pytest.fixture
def two_units(db):
    with db.session() as s:
        here, there = f.unit(s, code="37001"), f.unit(s, code="37002", name="沙土供电所")
        tariff = f.tariff(s)
        customer = f.customer(s, here, tariff, number="3700000001")
        f.meter(s, here, customer)
        boss = f.actor(s, here, username="boss", role="supervisor")
        clerk = f.actor(s, here, username="lina", role="counter")
        f.user(s, here, username="chen", role="inspector")
        f.user(s, here, username="zhao", role="admin")
        f.user(s, there, username="sun", role="inspector")
        stranger = f.actor(s, there, username="wang", role="supervisor")
        cid = customer.id
    order = create_work_order(db, boss, kind="inspection", customer_id=cid)
    return {"boss": boss, "clerk": clerk, "stranger": stranger, "order": order.id}


def names(staff) -> list[str]:
    return sorted(person.full_name for person in staff)


def test_an_order_is_offered_to_the_staff_of_its_unit_who_take_orders(db, two_units):
    staff = assignable_staff(db, two_units["boss"], two_units["order"])
    assert names(staff) == ["测试boss", "测试chen", "测试lina"]  # not the admin, not unit 2
    assert {p.role for p in staff} == {"supervisor", "counter", "inspector"}


def test_a_route_is_offered_to_the_inspectors_of_its_orders_units(db, two_units):
    assert names(route_inspectors(db, two_units["boss"], [two_units["order"]])) == ["测试chen"]


def test_staff_of_another_branch_are_not_listed(db, two_units):
    with pytest.raises(PermissionDenied):
        assignable_staff(db, two_units["stranger"], two_units["order"])
    with pytest.raises(PermissionDenied):
        route_inspectors(db, two_units["stranger"], [two_units["order"]])


def test_a_role_without_the_right_is_refused(db, two_units):
    with pytest.raises(PermissionDenied):  # a clerk takes orders but sends out no routes
        route_inspectors(db, two_units["clerk"], [two_units["order"]])


def test_the_order_list_holds_only_the_callers_branch(db, two_units):
    from console.services.work_orders import list_work_orders

    assert [o.id for o in list_work_orders(db, two_units["boss"])] == [two_units["order"]]
    assert list_work_orders(db, two_units["stranger"]) == []  # nobody to assign it to there
