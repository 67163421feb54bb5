"""Unit scope and separation of duties in seals, work orders, inspection and staff (issue 16
items 1 and 2), on SQLite and PostgreSQL: what each demo role notices when it reaches into
another county, or for a duty that is not its own. Every refusal writes nothing."""

from __future__ import annotations

import importlib
import pkgutil
import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from console import ids
from console.errors import NotFound, OutOfScope, PermissionDenied
from console.fieldwork.package import PackageInvalid
from console.fieldwork.results import write_results
from console.models import Tariff, WorkOrder
from console.models.enums import Role
from console.services import seals
from console.services.acting import use_cases
from console.services.actor import Actor
from console.services.admin import site_keys, users
from console.services.inspection import packages, theft
from console.services.inspection.devices import enrol_device
from console.services.permissions import Permission, allowed
from console.services.seals.types import SealRefused
from console.services.work_orders import (
    create_work_order,
    get_work_order,
    list_work_orders,
    staff,
    transition,
)
from console.services.work_orders.closure import close_account, quote_closure
from console.services.work_orders.replacement import NewMeter, replace_meter
from console.services.work_orders.satisfaction import (
    customer_satisfaction,
    record_satisfaction,
    satisfaction_summary,
)
from tests import factories as f
from tests.billing_helpers import next_customer_no
from tests.dbroles.seating import seated
from tests.inspection import test_field_package as field
from tests.inspection.test_theft import build_town
from tests.security.world_c import World, build, footprint, seal_units


@pytest.fixture
def w(db) -> World:
    return build(db)


def refused(db, exc_type, call, *args, **kwargs):
    """Run a call that must be refused; assert it wrote nothing and return the error."""
    before = footprint(db)
    with pytest.raises(exc_type) as error:
        call(*args, **kwargs)
    assert footprint(db) == before
    return error.value


# -- every use case of these packages declares its rule ----------------------------------


PACKAGES = ("seals", "work_orders", "inspection", "admin")


def _modules():
    for name in PACKAGES:
        package = importlib.import_module(f"console.services.{name}")
        for info in pkgutil.iter_modules(package.__path__):
            yield importlib.import_module(f"console.services.{name}.{info.name}")


def test_every_use_case_of_seals_work_orders_inspection_and_staff_declares_its_rule():
    found = use_cases(_modules())
    assert len(found) >= 49
    assert [name for name, rule in found.items() if rule is None] == []
    lists = ("list_batches", "holdings", "anomalies", "list_work_orders", "run_theft_analysis",
             "open_inspection_orders", "list_conflicts", "list_findings", "list_users")
    for name, rule in found.items():
        if name.rsplit(".", 1)[1] in lists and not name.endswith("theft.open_inspection_orders"):
            assert rule is not None and rule.filters, name


# -- seals ---------------------------------------------------------------------------------


def test_a_supervisor_issues_their_own_units_seals_but_not_another_countys(db, w):
    moved = seals.issue_to_installer(db, w.supervisor1, w.inspector1.user_id,
                                     seal_nos=w.our_seals[:1])
    assert moved.to_state == "issued_person"
    error = refused(db, OutOfScope, seals.issue_to_installer, db, w.supervisor1,
                    w.inspector1.user_id, seal_nos=w.their_seals[:1])
    assert error.params["entity"] == "seal"
    # Handing seals to a person of another county is refused as well.
    error = refused(db, OutOfScope, seals.issue_to_installer, db, w.supervisor1,
                    w.inspector2.user_id, seal_nos=w.our_seals[1:2])
    assert error.params["entity"] == "user"


def test_a_range_with_one_seal_of_another_county_moves_none(db, w):
    # The administrator hands the last of 牡丹区's seals to 曹县; a range over all four then
    # names a seal supervisor1 does not see, so not one of them moves.
    seals.issue_to_unit(db, w.admin1, w.caoxian, seal_nos=w.our_seals[3:])
    if seated(db):
        # Row-level security: the seal of 曹县 is not in the range at all for a seated
        # session, so the range is the three supervisor1 sees — and 曹县's stays put.
        moved = seals.issue_to_unit(db, w.supervisor1, w.station, first_no=w.our_seals[0],
                                    last_no=w.our_seals[3])
        assert moved.count == 3
        assert seal_units(db, w.our_seals) == [w.station, w.station, w.station, w.caoxian]
        return
    error = refused(db, OutOfScope, seals.issue_to_unit, db, w.supervisor1, w.station,
                    first_no=w.our_seals[0], last_no=w.our_seals[3])
    assert error.params["id"] == w.our_seals[3]
    assert seal_units(db, w.our_seals) == [w.mudan, w.mudan, w.mudan, w.caoxian]
    assert seals.issue_to_unit(db, w.supervisor1, w.station, first_no=w.our_seals[0],
                               last_no=w.our_seals[2]).count == 3


def test_creating_a_batch_and_issuing_seals_are_distinct_rights(db, w):
    error = refused(db, PermissionDenied, seals.create_batch, db, w.supervisor1,
                    seal_type="plastic", colour="红", year=2026, manufacturer="厂",
                    unit_id=w.mudan, quantity=2)
    assert error.params["permission"] == "create_seal_batches"
    error = refused(db, PermissionDenied, seals.label_data, db, w.supervisor1,
                    seal_nos=list(w.our_seals[:1]))
    assert error.params["permission"] == "create_seal_batches"
    error = refused(db, PermissionDenied, seals.issue_to_unit, db, w.counter1, w.station,
                    seal_nos=w.our_seals[:1])
    assert error.params["permission"] == "issue_seals"
    assert not allowed(Role.SUPERVISOR, Permission.CREATE_SEAL_BATCHES)
    assert allowed(Role.SUPERVISOR, Permission.ISSUE_SEALS)


def test_a_scan_or_a_typed_number_of_another_countys_seal_says_so_and_logs_nothing(db, w):
    if seated(db):  # not there at all: the scan finds no such seal of this site
        assert not seals.scan(db, w.inspector1, w.their_seals[0]).known
        assert seals.scan(db, w.inspector2, w.their_seals[0]).known
        return
    error = refused(db, OutOfScope, seals.scan, db, w.inspector1, w.their_seals[0])
    assert (error.params["entity"], error.params["unit_id"]) == ("seal", w.caoxian)
    refused(db, OutOfScope, seals.seal_history, db, w.inspector1, w.their_seals[0])
    assert seals.scan(db, w.inspector2, w.their_seals[0]).known


def test_a_meter_of_another_county_is_refused_plainly(db, w):
    if seated(db):  # not there at all: "no meter with that number", nothing written
        refused(db, SealRefused, seals.find_meter, db, w.inspector1, "3702100001")
    else:
        error = refused(db, OutOfScope, seals.find_meter, db, w.inspector1, "3702100001")
        assert error.params["entity"] == "meter"
    assert seals.find_meter(db, w.inspector1, "3701100001").id == w.below_meter
    refused(db, OutOfScope, seals.inspection_check, db, w.inspector2, w.our_meter,
            [w.our_seals[0]])


def test_seal_lists_keep_to_ones_units(db, w):
    seals.issue_to_unit(db, w.admin1, w.station, seal_nos=w.our_seals[:1])
    seals.issue_to_unit(db, w.admin1, w.caoxian, seal_nos=w.their_seals[:1])
    assert {h.unit_id for h in seals.holdings(db, w.supervisor1)} == {w.station}
    assert {h.unit_id for h in seals.holdings(db, w.supervisor2)} == {w.caoxian}
    assert {h.unit_id for h in seals.holdings(db, w.admin1)} == {w.station, w.caoxian}
    assert [b.unit_id for b in seals.list_batches(db, w.supervisor2)] == [w.caoxian]
    assert {u.id for u in seals.units(db, w.supervisor1)} == {w.mudan, w.station}
    assert {c.id for c in seals.installers(db, w.supervisor2)} == {
        w.supervisor2.user_id, w.inspector2.user_id}
    refused(db, OutOfScope, seals.holdings, db, w.supervisor2, unit_id=w.mudan)


# -- work orders: separation of duties ------------------------------------------------------


def _closure(db, w, customer: int, actor=None) -> int:
    return create_work_order(db, actor or w.counter1, kind="account_closure",
                             customer_id=customer).id


def test_a_counter_clerk_opens_a_closure_but_may_not_close_the_account(db, w):
    order = _closure(db, w, w.ours)
    error = refused(db, PermissionDenied, close_account, db, w.counter1, order,
                    final_reading="1010", method="cash", idempotency_key=uuid.uuid4().hex)
    assert error.params["permission"] == "close_accounts"
    refused(db, PermissionDenied, quote_closure, db, w.counter1, order, final_reading="1010")
    assert get_work_order(db, w.counter1, order).state == "open"
    done = close_account(db, w.supervisor1, order, final_reading="1010", method="cash",
                         idempotency_key=uuid.uuid4().hex)
    assert done.order.state == "done"


def test_a_supervisor_may_not_close_an_account_of_another_county(db, w):
    order = _closure(db, w, w.theirs, actor=w.supervisor2)
    error = refused(db, OutOfScope, close_account, db, w.supervisor1, order,
                    final_reading="1010", method="cash", idempotency_key=uuid.uuid4().hex)
    assert error.params["entity"] == "work_order"


def test_a_counter_clerk_may_not_replace_a_meter(db, w):
    order = create_work_order(db, w.counter1, kind="meter_replacement", customer_id=w.ours)
    error = refused(db, PermissionDenied, replace_meter, db, w.counter1, order.id,
                    final_reading="1010", first_reading="0",
                    new_meter=NewMeter(ids.make_asset_code("37001", ids.ASSET_TYPE_METER,
                                                           999990), "000000999990"))
    assert error.params["permission"] == "replace_meters"
    assert allowed(Role.INSPECTOR, Permission.REPLACE_METERS)


def test_a_clerk_cancels_a_complaint_but_not_an_inspection(db, w):
    complaint = create_work_order(db, w.counter1, kind="complaint", customer_id=w.ours)
    inspection = create_work_order(db, w.supervisor1, kind="inspection", customer_id=w.ours)
    error = refused(db, PermissionDenied, transition, db, w.counter1, inspection.id, "cancel",
                    resolution="客户说不用查")
    assert error.params["permission"] == "cancel_field_orders"
    assert transition(db, w.counter1, complaint.id, "cancel", resolution="已解释").state == \
        "cancelled"
    assert transition(db, w.supervisor1, inspection.id, "cancel",
                      resolution="重复工单").state == "cancelled"


# -- work orders: unit scope -----------------------------------------------------------------


def test_work_orders_of_another_county_are_neither_listed_nor_touched(db, w):
    ours = create_work_order(db, w.counter1, kind="complaint", customer_id=w.ours)
    below = create_work_order(db, w.station_clerk, kind="complaint", customer_id=w.below)
    theirs = create_work_order(db, w.supervisor2, kind="complaint", customer_id=w.theirs)
    assert {o.id for o in list_work_orders(db, w.supervisor1)} == {ours.id, below.id}
    assert {o.id for o in list_work_orders(db, w.station_clerk)} == {below.id}
    assert {o.id for o in list_work_orders(db, w.supervisor2)} == {theirs.id}
    refused(db, OutOfScope, get_work_order, db, w.supervisor1, theirs.id)
    refused(db, OutOfScope, transition, db, w.counter1, theirs.id, "start")
    refused(db, OutOfScope, staff.assignable_staff, db, w.supervisor1, theirs.id)
    refused(db, OutOfScope, list_work_orders, db, w.supervisor1, unit_id=w.caoxian)


def test_no_order_is_opened_for_or_given_to_another_county(db, w):
    error = refused(db, OutOfScope, create_work_order, db, w.counter1, kind="complaint",
                    customer_id=w.theirs)
    assert error.params["entity"] == "customer"
    order = create_work_order(db, w.supervisor1, kind="complaint", customer_id=w.ours)
    error = refused(db, OutOfScope, transition, db, w.supervisor1, order.id, "assign",
                    assignee_id=w.inspector2.user_id)
    assert error.params["entity"] == "user"
    refused(db, OutOfScope, customer_satisfaction, db, w.supervisor2, w.ours)


# -- inspection --------------------------------------------------------------------------------


def test_inspection_dispatch_keeps_to_ones_units(db, w):
    ours = create_work_order(db, w.supervisor1, kind="inspection", customer_id=w.ours)
    theirs = create_work_order(db, w.supervisor2, kind="inspection", customer_id=w.theirs)
    assert packages.open_inspection_orders(db, w.supervisor1) == [ours.id]
    assert packages.open_inspection_orders(db, w.supervisor2) == [theirs.id]
    for inspector in ("inspector1", "inspector2"):
        enrol_device(db, Actor.system("test"), inspector)
    near, far = w.inspector1.user_id, w.inspector2.user_id
    error = refused(db, OutOfScope, packages.export_route, db, w.supervisor1,
                    [ours.id, theirs.id], inspector_id=near)
    assert error.params["entity"] == "work_order"
    error = refused(db, OutOfScope, packages.export_route, db, w.supervisor1, [ours.id],
                    inspector_id=far)
    assert error.params["entity"] == "user"  # a route goes to one's own inspectors only
    refused(db, OutOfScope, staff.route_inspectors, db, w.supervisor1, [theirs.id])
    assert packages.export_route(db, w.supervisor1, [ours.id], inspector_id=near).orders == 1


def test_theft_inspections_are_opened_only_for_ones_own_meters(db, w):
    error = refused(db, NotFound if seated(db) else OutOfScope, theft.open_inspection_orders,
                    db, w.supervisor1, [(w.our_meter, "用电量骤降"), (w.their_meter, "用电量骤降")])
    if not seated(db):  # seated: the customer of that meter is not there at all
        assert (error.params["entity"], error.params["id"]) == ("meter", w.their_meter)
    assert len(theft.open_inspection_orders(db, w.supervisor1,
                                            [(w.below_meter, "用电量骤降")]).opened) == 1


# -- staff and site keys -------------------------------------------------------------------


def test_an_administrator_manages_users_of_every_unit_and_only_they_do(db, w):
    names = {u.username for u in users.list_users(db, w.admin1)}
    assert {"supervisor2", "station1", "counter1"} <= names
    assert users.unlock(db, w.admin1, w.supervisor2.user_id).username == "supervisor2"
    error = refused(db, PermissionDenied, users.list_users, db, w.supervisor1)
    assert error.params["permission"] == "manage_users"
    refused(db, PermissionDenied, users.set_active, db, w.supervisor1, w.counter1.user_id,
            False)


def test_site_keys_are_for_administrators_only(db, w):
    for who in (w.supervisor1, w.counter1, w.inspector1):
        refused(db, PermissionDenied, site_keys.rotate_site_key, db, who)
        refused(db, PermissionDenied, site_keys.list_keys, db, who)
    assert site_keys.rotate_site_key(db, w.admin1)


# -- the documented table is the table in force ----------------------------------------------


def test_the_permission_table_in_the_docs_is_the_one_in_force():
    text = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \|([^\n]*)\|\s*$", text, flags=re.MULTILINE)
    roles = [Role.COUNTER, Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN]
    assert [name for name, _cells in rows] == [p.value for p in Permission]  # every right
    for name, cells in rows:
        marks = [c.strip() == "✓" for c in cells.split("|")[:4]]
        assert marks == [allowed(r, Permission(name)) for r in roles], name


def test_the_theft_ranking_shows_only_ones_own_units_meters(db):
    town = build_town(db)  # twelve households of 牡丹区 with planted suspects
    with db.session() as s:
        caoxian = f.unit(s, code="37021", name="曹县营业厅")
        supervisor2 = f.actor(s, caoxian, username="supervisor2", role="supervisor")
    assert theft.run_theft_analysis(db, supervisor2).suspects == ()
    mine = theft.run_theft_analysis(db, town["boss"]).suspects
    assert mine[0].meter_id == town["meters"][0]


def test_the_theft_report_counts_only_ones_own_units_meters(db):
    """牡丹区's twelve meters were analysed; 曹县's supervisor is told of their three."""
    town = build_town(db)
    with db.session() as s:
        caoxian = f.unit(s, code="37021", name="曹县营业厅")
        supervisor2 = f.actor(s, caoxian, username="supervisor2", role="supervisor")
        tariff = s.scalars(select(Tariff)).first()
        for _ in range(3):
            f.meter(s, caoxian, f.customer(s, caoxian, tariff, number=next_customer_no()))
    assert theft.run_theft_analysis(db, supervisor2).meters == 3
    assert theft.run_theft_analysis(db, town["boss"]).meters == 12
    assert theft.run_theft_analysis(db, Actor.system("test")).meters == 15


def test_a_refused_duty_says_who_holds_it_in_english_and_chinese(db, w, english):
    from widgets.errors import error_text

    order = _closure(db, w, w.ours)
    closing = refused(db, PermissionDenied, close_account, db, w.counter1, order,
                      final_reading="1010", method="cash", idempotency_key="k")
    batch = refused(db, OutOfScope, seals.list_batches, db, w.supervisor2, unit_id=w.mudan)
    cancel = refused(db, PermissionDenied, transition, db, w.counter1,
                     create_work_order(db, w.supervisor1, kind="seal_check",
                                       customer_id=w.ours).id, "cancel", resolution="x")
    assert error_text(closing).startswith("Closing an account is a supervisor's task.")
    assert error_text(batch).startswith("This supply unit is outside your own unit")
    english("zh_CN")
    assert error_text(closing).startswith("销户须由班长办理")
    assert error_text(cancel).startswith("只有班长可以撤销用电检查或封印核查工单")


def test_results_findings_and_conflicts_of_another_county_are_not_ones_own(db):
    """A 曹县 supervisor can neither import 牡丹区's route results nor see or settle them."""
    world = field.world.__wrapped__(db)  # the field-package tests' three stops of 牡丹区
    with db.session() as s:
        caoxian = f.unit(s, code="37021", name="曹县营业厅")
        supervisor2 = f.actor(s, caoxian, username="supervisor2", role="supervisor")
    stops = world["stops"]
    _exported, route = field.route_of(world)
    with db.uow() as s:
        s.get(WorkOrder, stops[1]["order"]).state = "cancelled"  # two items become conflicts
    items, photos = field.items_for(stops)
    results = write_results(route, items, photos)
    if seated(db):  # seated, 牡丹区's route is not there at all: results of no route of ours
        error = refused(db, PackageInvalid, packages.import_results, db, supervisor2, results)
        assert error.params["why"] == "unknown_key"
    else:
        error = refused(db, OutOfScope, packages.import_results, db, supervisor2, results)
        assert error.params["entity"] == "package"
    assert packages.import_results(db, world["boss"], results).conflicts == 2
    assert packages.list_findings(db, supervisor2) == []
    assert packages.list_conflicts(db, supervisor2) == []
    conflict = packages.list_conflicts(db, world["boss"])[0]
    error = refused(db, OutOfScope, packages.resolve_conflict, db, supervisor2, conflict.item_id)
    assert error.params["entity"] == "field_item"


def test_satisfaction_figures_keep_to_ones_units(db, w):
    record_satisfaction(db, w.counter1, customer_id=w.ours, rating=5)
    record_satisfaction(db, w.supervisor2, customer_id=w.theirs, rating=2)
    refused(db, OutOfScope, record_satisfaction, db, w.counter1, customer_id=w.theirs, rating=1)
    assert [(r.unit_id, r.count) for r in satisfaction_summary(db, w.supervisor1)] == [
        (w.mudan, 1)]
    assert [(r.unit_id, r.count) for r in satisfaction_summary(db, w.supervisor2)] == [
        (w.caoxian, 1)]
