"""Read-only switch-control views: the queue with names, meter detail and history, customer facts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from console.models import ControlCommand, Customer, LedgerEntry, Meter
from console.services.control.commands import (
    approve_command,
    reject_command,
    request_command,
    retry_command,
)
from console.services.control.queries import (
    command_queue,
    control_facts,
    customer_commands,
    meter_detail,
)
from tests import factories as f
from tests.billing_helpers import next_customer_no
from tests.control.test_commands import T, hall as hall  # fixture


def failed(db, hall, *, state="failed", error="timeout", refused=""):
    with db.session() as s:
        row = ControlCommand(meter_id=hall["meter"], customer_id=hall["customer"],
                             action="reconnect", reason="customer_request", state=state,
                             idempotency_key=f"t-{state}-{refused}", rule="manual",
                             refused_rule=refused, error=error, attempts=3,
                             requested_at=T, finished_at=T + dt.timedelta(minutes=2))
        s.add(row)
        s.flush()
        return row.id


def test_open_queue_names_customer_meter_and_requester(db, hall):
    view = request_command(db, hall["boss"], customer_id=hall["customer"], action="disconnect",
                           reason="arrears", now=T)
    queue = command_queue(db, hall["boss2"], scope="open")
    [row] = queue.rows
    assert (row.command_id, row.state, row.action, row.reason) == (
        view.command_id, "requested", "disconnect", "arrears")
    assert (row.customer_name, row.requester, row.approver) == ("王伟", "测试boss", "")
    assert row.customer_no and row.meter_asset_no and row.unit_name == "牡丹区供电所"
    assert row.is_open and not row.is_failure
    assert queue.units == ((hall["unit"].id, "牡丹区供电所"),)
    approve_command(db, hall["boss2"], view.command_id, now=T)
    [row] = command_queue(db, hall["boss"], scope="open").rows
    assert (row.state, row.approver) == ("queued", "测试boss2")


def test_failed_scope_holds_meter_failures_and_guard_stops_not_rejections(db, hall):
    meter_failure = failed(db, hall)
    guard_stop = failed(db, hall, state="rejected", error="", refused="blackout")
    view = request_command(db, hall["boss"], customer_id=hall["customer"], action="disconnect",
                           reason="arrears", now=T)
    reject_command(db, hall["boss2"], view.command_id, reason="paid at the counter", now=T)
    rows = command_queue(db, hall["boss"], scope="failed").rows
    assert [r.command_id for r in rows] == [guard_stop, meter_failure]
    assert rows[1].error == "timeout" and rows[1].attempts == 3 and rows[1].is_failure
    assert command_queue(db, hall["boss"], scope="open").rows == ()
    assert len(command_queue(db, hall["boss"], scope="all").rows) == 3


def test_queue_narrows_to_a_customer_or_meter_typed_in(db, hall):
    failed(db, hall)
    with db.session() as s:
        number, asset = s.get(Customer, hall["customer"]).customer_no, s.get(
            Meter, hall["meter"]).asset_no
    for text in (number, "王", asset[-6:]):
        assert len(command_queue(db, hall["boss"], scope="all", text=text).rows) == 1
    for text in ("李", "%", "_"):  # wildcards are letters here
        assert command_queue(db, hall["boss"], scope="all", text=text).rows == ()


def test_a_retry_points_back_to_the_failed_command(db, hall):
    first = failed(db, hall)
    retried = retry_command(db, hall["boss"], first, now=T)
    rows = command_queue(db, hall["boss"], scope="all").rows
    assert [(r.command_id, r.retry_of) for r in rows] == [(retried.command_id, first),
                                                           (first, None)]


def test_queue_keeps_to_the_readers_units(db, hall):
    failed(db, hall)
    with db.session() as s:
        other = f.unit(s, code="37002", name="曹县供电所")
        stranger = f.actor(s, other, username="far", role="supervisor")
        customer = f.customer(s, other, hall["tariff"], number=next_customer_no())
        meter = f.meter(s, other, customer)
        s.add(ControlCommand(meter_id=meter.id, customer_id=customer.id, action="alarm_on",
                             reason="inspection", state="queued", idempotency_key="far-1",
                             rule="manual"))
    assert [r.action for r in command_queue(db, stranger, scope="all").rows] == ["alarm_on"]
    mine = command_queue(db, hall["boss"], scope="all", unit_id=hall["unit"].id).rows
    assert [r.action for r in mine] == ["reconnect"]


def test_meter_detail_has_relay_last_status_read_and_history(db, hall):
    seen = T - dt.timedelta(seconds=30)
    with db.session() as s:
        m = s.get(Meter, hall["meter"])
        m.relay_state, m.relay_changed_at, m.last_seen_at = "open", T, seen
        m.comm_state, m.comm_error = "unreachable", "timeout"
    first = failed(db, hall)
    second = failed(db, hall, state="confirmed", error="")
    detail = meter_detail(db, hall["clerk"], hall["meter"])
    assert (detail.meter.relay_state, detail.meter.last_seen_at) == ("open", seen)
    assert (detail.meter.comm_state, detail.meter.comm_error) == ("unreachable", "timeout")
    assert detail.customer_name == "王伟"
    assert [r.command_id for r in detail.history] == [second, first]


def test_control_facts_show_protection_arrears_and_open_commands(db, hall):
    with db.session() as s:
        c = s.get(Customer, hall["customer"])
        c.protected, c.protected_reason, c.address = True, "家用呼吸机", "牡丹区中华路88号"
        s.add(LedgerEntry(customer_id=c.id, kind="adjustment", amount=Decimal("0.00"),
                          memo="-", posted_at=T))
    request_command(db, hall["boss"], customer_id=hall["customer"], action="guarantee_on",
                    reason="safety", now=T)
    facts = control_facts(db, hall["clerk"], hall["customer"])
    assert (facts.name, facts.address, facts.protected, facts.protected_reason) == (
        "王伟", "牡丹区中华路88号", True, "家用呼吸机")
    assert facts.amount_due == facts.arrears + facts.late_fees
    assert [m.meter_id for m in facts.meters] == [hall["meter"]]
    assert [(r.action, r.state) for r in facts.open_commands] == [("guarantee_on", "queued")]
    newest = customer_commands(db, hall["clerk"], hall["customer"])
    assert newest[0].action == "guarantee_on"
