"""Unit scope and separation of duties in switch control, arrears and cost control (issue 16
items 1 and 2), on SQLite and PostgreSQL: what a supervisor of one county notices about
another county's commands, customers, calendar and policies. A refusal writes nothing."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import pytest

from console.errors import ControlRefused, OutOfScope, PermissionDenied
from console.models import (
    AuditEvent,
    CalendarBlock,
    ControlCommand,
    CostControlPolicy,
    LedgerEntry,
    Notice,
)
from console.models.enums import Role
from console.services.acting import Rule, use_cases
from console.services.actor import Actor
from console.services.arrears import disconnect as arrears_disconnect, listing
from console.services.control import queries, requests as control_requests
from console.services.control.commands import (
    approve_command,
    cancel_command,
    list_commands,
    reject_command,
    request_command,
    retry_command,
)
from console.services.cost_control import calendar_blocks, policy_admin
from console.services.cost_control.plan import plan_cost_control
from console.services.cost_control.run import run_cost_control
from console.services.permissions import ROLE_PERMISSIONS, Permission
from tests.dbroles.seating import seated
from tests.security.world_b import T, build, count
from widgets.errors import error_text

PACKAGES = ("console.services.control", "console.services.arrears",
            "console.services.cost_control")


@pytest.fixture
def counties(db):
    return build(db)


def ask(db, w, who, customer="ours", **kw):
    return request_command(db, w[who], customer_id=w[customer], action="disconnect",
                           reason="arrears", now=T, **kw)


def written(db) -> tuple[int, ...]:
    return tuple(count(db, m) for m in (ControlCommand, AuditEvent, Notice, LedgerEntry,
                                        CalendarBlock))


def test_another_countys_supervisor_cannot_approve_and_the_request_stays_requested(db, counties):
    w = counties
    view = ask(db, w, "supervisor1")
    before = written(db)
    for act in (lambda: approve_command(db, w["supervisor2"], view.command_id, now=T),
                lambda: reject_command(db, w["supervisor2"], view.command_id, reason="no", now=T),
                lambda: cancel_command(db, w["supervisor2"], view.command_id, now=T)):
        with pytest.raises(OutOfScope) as refused:
            act()
        assert refused.value.params["entity"] == "command"
    assert error_text(refused.value).startswith(
        "This switch command belongs to another supply unit; you can only see and act on")
    assert written(db) == before
    assert count(db, ControlCommand, ControlCommand.state == "requested") == 1
    with pytest.raises(ControlRefused) as own:  # four eyes hold inside one's own unit too
        approve_command(db, w["supervisor1"], view.command_id, now=T)
    assert own.value.params["rule"] == "own_request"
    assert approve_command(db, w["supervisor4"], view.command_id, now=T).state == "queued"


def test_a_unit_above_approves_its_stations_request_but_not_the_other_way(db, counties):
    w = counties
    below = ask(db, w, "station_boss", customer="below")
    assert approve_command(db, w["supervisor1"], below.command_id, now=T).state == "queued"
    ours = ask(db, w, "supervisor1")
    with pytest.raises(OutOfScope):
        approve_command(db, w["station_boss"], ours.command_id, now=T)
    with pytest.raises(OutOfScope):
        ask(db, w, "station_boss")


def test_requesting_for_another_countys_customer_or_meter_writes_nothing(db, counties):
    w = counties
    before = written(db)
    with pytest.raises(OutOfScope) as refused:
        ask(db, w, "supervisor2")
    assert refused.value.params["entity"] == "customer"
    with pytest.raises(OutOfScope) as refused:
        ask(db, w, "supervisor2", customer="theirs", meter_id=w["ours_meter"])
    assert refused.value.params["entity"] == "meter"
    with pytest.raises(OutOfScope):
        control_requests.request_disconnections(db, w["supervisor2"], [w["theirs"], w["ours"]],
                                                now=T)
    assert written(db) == before


def test_a_retry_of_another_countys_failed_command_is_refused(db, counties):
    w = counties
    view = ask(db, w, "supervisor1")
    approve_command(db, w["supervisor4"], view.command_id, now=T)
    with db.session() as s:
        s.get(ControlCommand, view.command_id).state = "failed"
    before = written(db)
    with pytest.raises(OutOfScope):
        retry_command(db, w["supervisor2"], view.command_id, now=T)
    assert written(db) == before


def test_the_queue_and_the_lists_show_ones_own_units_only(db, counties):
    w = counties
    for who, customer in (("supervisor1", "ours"), ("station_boss", "below"),
                          ("supervisor2", "theirs")):
        ask(db, w, who, customer=customer)
    numbers = {who: {r.customer_id for r in queries.command_queue(db, w[who]).rows}
               for who in ("supervisor1", "station_boss", "supervisor2", "admin1", "counter1")}
    assert numbers["supervisor1"] == numbers["counter1"] == {w["ours"], w["below"]}
    assert numbers["station_boss"] == {w["below"]}
    assert numbers["supervisor2"] == {w["theirs"]}
    assert numbers["admin1"] == {w["ours"], w["below"], w["theirs"]}
    assert [u for u, _name in queries.command_queue(db, w["supervisor2"]).units] == [w["caoxian"]]
    with pytest.raises(OutOfScope):
        queries.command_queue(db, w["supervisor2"], unit_id=w["mudan"])
    assert {c.customer_id for c in list_commands(db, w["supervisor2"])} == {w["theirs"]}


@pytest.mark.parametrize("read", [
    lambda db, w: list_commands(db, w["supervisor2"], customer_id=w["ours"]),
    lambda db, w: queries.customer_commands(db, w["supervisor2"], w["ours"]),
    lambda db, w: queries.meter_detail(db, w["supervisor2"], w["below_meter"]),
    lambda db, w: queries.control_facts(db, w["supervisor2"], w["below"]),
])
def test_another_countys_customer_meter_and_facts_are_refused(db, counties, read):
    with pytest.raises(OutOfScope):
        read(db, counties)


def test_the_arrears_list_holds_ones_own_units(db, counties):
    w = counties
    for read in (listing.list_arrears, listing.first_page):
        mine = read(db, w["supervisor2"])
        assert {r.customer_id for r in mine.rows} == {w["theirs"]}
        assert [u for u, _name in mine.units] == [w["caoxian"]]
        assert {r.customer_id for r in read(db, w["supervisor1"]).rows} == {w["ours"], w["below"]}


def test_a_batch_acts_on_ones_own_customers_and_counts_the_others(db, counties):
    w = counties
    asked = [w["ours"], w["below"], w["theirs"]]
    plan = arrears_disconnect.plan_disconnections(db, w["supervisor2"], asked, now=T)
    outside = [r for r in plan.rows if r.rule == "out_of_scope"]
    # Seated on PostgreSQL, another county's customers are not there at all: the plan has no
    # row for them, and nothing is done to them either way (tests/dbroles/seating.py).
    hidden = seated(db)
    assert {r.customer_id for r in outside} == (set() if hidden else {w["ours"], w["below"]})
    assert {r.customer_id for r in plan.rows} >= {w["theirs"]}
    assert {(r.name, r.customer_no, r.outcome) for r in outside} <= {("", "", "refused")}
    outcome = listing.request_disconnections(db, w["supervisor2"], asked, idempotency_key="b-1")
    assert (outcome.done, outcome.skipped.get("out_of_scope")) == (1, None if hidden else 2)
    reminders = listing.send_reminders(db, w["supervisor2"], asked)
    assert reminders.skipped.get("out_of_scope") == (None if hidden else 2)
    notices = listing.serve_disconnect_notices(db, w["supervisor2"], [w["ours"]])
    assert notices.done == 0
    assert notices.skipped == ({"not_eligible": 1} if hidden else {"out_of_scope": 1})
    mudan = [w["ours"], w["below"]]
    assert count(db, ControlCommand, ControlCommand.customer_id.in_(mudan)) == 0
    assert count(db, Notice, Notice.customer_id.in_(mudan)) == 4  # the world's own two each


def test_a_supervisors_cost_control_run_touches_their_own_units_only(db, counties):
    w = counties
    mudan = [w["ours"], w["below"]]
    plan = plan_cost_control(db, w["supervisor2"], now=T)
    assert {line.unit_name for line in plan.lines} == {"曹县营业厅"}
    before = [count(db, m, m.customer_id.in_(mudan))
              for m in (ControlCommand, Notice, LedgerEntry)]
    result = run_cost_control(db, w["supervisor2"], now=T)
    assert result.requests == 1
    assert [count(db, m, m.customer_id.in_(mudan))
            for m in (ControlCommand, Notice, LedgerEntry)] == before
    assert count(db, ControlCommand, ControlCommand.customer_id == w["theirs"],
                 ControlCommand.requested_by == w["supervisor2"].user_id) == 1


def test_system_processes_keep_every_unit(db, counties):
    w = counties
    engine = Actor.system("cost-control")
    assert plan_cost_control(db, engine, now=T).by_kind.get("request") == 3
    view = request_command(db, engine, customer_id=w["theirs"], action="disconnect",
                           reason="arrears", now=T)
    assert (view.state, view.requested_by) == ("requested", None)
    result = run_cost_control(db, engine, now=T)
    assert (result.accounts, result.requests) == (3, 2)  # 曹县's was asked for already
    assert count(db, ControlCommand, ControlCommand.customer_id == w["theirs"]) == 1


def test_policies_are_the_administrators_right_alone(db, counties):
    w = counties
    assert [r for r, rights in ROLE_PERMISSIONS.items()
            if Permission.MANAGE_POLICIES in rights] == [Role.ADMIN]
    pid = w["policy_37021"]
    before = (written(db), count(db, CostControlPolicy, CostControlPolicy.notice_days == 3))
    for who in ("counter1", "supervisor1", "supervisor2", "station_boss", "inspector1"):
        with pytest.raises(PermissionDenied):
            policy_admin.update_policy(db, w[who], pid, expected_version=1, notice_days=3)
        with pytest.raises(PermissionDenied):
            policy_admin.list_policies(db, w[who])
    assert (written(db), count(db, CostControlPolicy, CostControlPolicy.notice_days == 3)) == before
    changed = policy_admin.update_policy(db, w["admin1"], pid, expected_version=1, notice_days=3)
    assert (changed.notice_days, changed.unit_name) == (3, "曹县营业厅")


def test_blackouts_for_ones_own_units_holidays_for_administrators(db, counties):
    w = counties
    day = dt.date(2026, 12, 24)

    def block(who, kind="blackout", unit=None):
        return calendar_blocks.declare_block(db, w[who], kind=kind, starts_on=day, ends_on=day,
                                             unit_id=w[unit] if unit else None, reason="热浪")

    mine = block("supervisor1", unit="mudan")
    assert block("supervisor1", unit="station").unit_id == w["station"]
    before = written(db)
    with pytest.raises(OutOfScope):
        block("supervisor1", unit="caoxian")
    with pytest.raises(OutOfScope) as every:
        block("supervisor1")
    assert "only a user who sees every unit may change it" in error_text(every.value)
    with pytest.raises(PermissionDenied):
        block("supervisor1", kind="holiday")
    with pytest.raises(OutOfScope):
        calendar_blocks.remove_block(db, w["supervisor2"], mine.block_id)
    with pytest.raises(OutOfScope):
        calendar_blocks.remove_block(db, w["station_boss"], mine.block_id)
    assert written(db) == before
    holiday = block("admin1", kind="holiday")
    seen = {who: {b.block_id for b in calendar_blocks.list_blocks(db, w[who], since=day)}
            for who in ("supervisor2", "station_boss")}
    assert seen["supervisor2"] == {holiday.block_id}
    assert mine.block_id in seen["station_boss"] and holiday.block_id in seen["station_boss"]
    calendar_blocks.remove_block(db, w["supervisor1"], mine.block_id)


def test_every_use_case_of_switch_control_arrears_and_cost_control_declares_its_rule():
    modules = [importlib.import_module(f"{pkg}.{m.name}") for pkg in PACKAGES
               for m in pkgutil.iter_modules(importlib.import_module(pkg).__path__)]
    found = use_cases(modules)
    assert len(found) >= 25
    assert [name for name, rule in found.items() if not isinstance(rule, Rule)] == []
    lists = ("command_queue", "list_commands", "list_arrears", "first_page", "run_cost_control",
             "plan_cost_control", "list_blocks", "list_policies")
    assert all(found[n].filters for n in found if n.rsplit(".", 1)[1] in lists)
