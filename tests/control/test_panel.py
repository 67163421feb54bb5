"""The switch control panel, its confirmation, and the customer view's live switch strip."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from console.metering.collector import CollectorConfig
from console.metering.collector_commands import CommandTiming
from console.metering.embedded import EmbeddedMetering
from console.models import ControlCommand, Customer, LedgerEntry, Meter
from console.services.control.commands import request_command
from console.services.customers.view import customer_detail
from console.services.payments.counter import post_payment
from console.timeutil import local_today
from tests import factories as f
from tests.billing_helpers import add_bill, next_customer_no
from tests.control.test_commands import policy
from widgets.control.customer_strip import attach_control_strip
from widgets.control.labels import FAILURE_FILL
from widgets.control.model import Column
from widgets.control.panel import ControlPanel
from widgets.customers.view import CustomerView
from widgets.desk import Desk

Role = Qt.ItemDataRole


@pytest.fixture
def hall(file_db):
    """A unit whose policy allows a cut at any hour; a plain and a protected customer."""
    with file_db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        policy(s, unit, quiet_start=dt.time(0), quiet_end=dt.time(0), no_weekends=False,
               no_holidays=False)
        plain = f.customer(s, unit, tariff, number=next_customer_no())
        plain.address = "牡丹区中华路88号"
        guarded = f.customer(s, unit, tariff, number=next_customer_no())
        guarded.name, guarded.protected, guarded.protected_reason = "李秀英", True, "家用呼吸机"
        meters = {c.id: f.meter(s, unit, c) for c in (plain, guarded)}
        add_bill(s, guarded, meters[guarded.id], period="2026-09", amount="86.40",
                 due=local_today() + dt.timedelta(days=5))  # owed, not yet overdue
        meters = {cid: m.id for cid, m in meters.items()}
        return {"unit": unit.id, "plain": plain.id, "plain_no": plain.customer_no,
                "guarded": guarded.id, "meters": meters,
                "boss": f.actor(s, unit, username="boss", role="supervisor"),
                "boss2": f.actor(s, unit, username="boss2", role="supervisor"),
                "clerk": f.actor(s, unit, username="clerk", role="counter")}


def request(file_db, hall, who="boss", action="disconnect", customer="plain"):
    return request_command(file_db, hall[who], customer_id=hall[customer], action=action,
                           reason="customer_request")


@pytest.fixture
def open_panel(qtbot, file_db, tasks):
    """Opens panels; afterwards stops their polls and lets their last reads land before
    the task runner shuts down (a read answered then would ask for the meter's detail)."""
    opened = []

    def open_(actor, *, poll_ms=60000):
        panel = ControlPanel(Desk(file_db, tasks, actor), poll_ms=poll_ms)
        qtbot.addWidget(panel)
        panel.resize(1200, 700)
        with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
            panel.show()
        opened.append(panel)
        return panel

    yield open_
    for panel in opened:
        panel.hide()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)


def cell(panel, command_id, column, role=Role.DisplayRole):
    return panel.model.index(panel.model.row_of(command_id), column).data(role)


def pick(qtbot, panel, command_id):
    assert panel.select_command(command_id)
    qtbot.waitUntil(lambda: panel.detail.detail is not None, timeout=5000)


def test_the_queue_shows_requested_commands_with_names_state_and_age(qtbot, file_db, tasks,
                                                                    hall, open_panel):
    view = request(file_db, hall)
    panel = open_panel(hall["boss2"])
    assert panel.model.rowCount() == 1
    assert cell(panel, view.command_id, Column.STATE) == "Awaiting approval"
    assert cell(panel, view.command_id, Column.CUSTOMER) == f"王伟 {hall['plain_no']}"
    assert cell(panel, view.command_id, Column.ACTION) == "Disconnect"
    assert cell(panel, view.command_id, Column.REQUESTER) == "测试boss"
    assert cell(panel, view.command_id, Column.AGE).endswith(" s")
    assert "1 awaiting approval" in panel.count_label.text()


def test_a_supervisor_approves_and_the_row_changes_state(qtbot, file_db, tasks, hall, open_panel):
    view = request(file_db, hall)
    panel = open_panel(hall["boss2"])
    pick(qtbot, panel, view.command_id)
    assert panel.buttons["approve"].isEnabled()
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        qtbot.keyClick(panel.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert cell(panel, view.command_id, Column.STATE) == "Queued"
    assert "Queued" in panel.message_bar.text
    assert panel.selected().command_id == view.command_id  # still where the eyes were


def test_ones_own_request_cannot_be_approved_and_the_panel_says_why(qtbot, file_db, tasks,
                                                                    hall, open_panel):
    view = request(file_db, hall)
    panel = open_panel(hall["boss"])
    pick(qtbot, panel, view.command_id)
    panel.buttons["approve"].click()
    qtbot.waitUntil(lambda: "four eyes" in panel.message_bar.text, timeout=5000)
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        panel.reload()
    assert cell(panel, view.command_id, Column.STATE) == "Awaiting approval"


def test_a_rejection_needs_a_reason_and_the_requester_reads_it(qtbot, file_db, tasks, hall, open_panel):
    view = request(file_db, hall)
    panel = open_panel(hall["boss2"])
    pick(qtbot, panel, view.command_id)
    panel.buttons["reject"].click()
    dialog = panel.dialog
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "   ")
    assert not dialog.ok_button.isEnabled()  # blanks are no reason
    qtbot.keyClicks(dialog.reason_edit, "paid at the counter")
    with qtbot.waitSignal(panel.sig_command_changed, timeout=5000):
        dialog.ok_button.click()
    panel.scope_combo.setCurrentIndex(panel.scope_combo.findData("all"))
    qtbot.waitUntil(lambda: cell(panel, view.command_id, Column.STATE) == "Rejected",
                    timeout=5000)
    assert cell(panel, view.command_id, Column.NOTE) == "Rejected: paid at the counter"


def test_the_confirmation_shows_who_and_what_they_owe_before_a_cut(qtbot, file_db, tasks,
                                                                   hall, open_panel):
    panel = open_panel(hall["boss"])
    dialog = panel.open_confirmation(hall["guarded"])
    with qtbot.waitSignal(dialog.sig_facts_loaded, timeout=5000):
        pass
    values = {k: v.text() for k, v in dialog.values.items()}
    assert values["name"] == "李秀英"
    assert values["protected"] == "Yes — 家用呼吸机"
    assert values["amount_due"] == "86.40"
    assert "Power on" in values["meter"]
    assert "Protected customer" in dialog.warning_label.text()
    assert not dialog.ok_button.isEnabled()  # not before the customer was checked
    dialog.checked_box.setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "protected" in dialog.message_bar.text, timeout=5000)
    with file_db.session() as s:
        assert s.scalars(select(ControlCommand)).all() == []  # refused: nothing written


def test_a_manual_command_by_customer_number_lands_in_the_queue(qtbot, file_db, tasks, hall, open_panel):
    panel = open_panel(hall["boss"])
    dialog = panel.open_confirmation(None, action="guarantee_on")
    with qtbot.waitSignal(dialog.sig_facts_loaded, timeout=5000):
        qtbot.keyClicks(dialog.number_edit, hall["plain_no"])
        qtbot.keyClick(dialog.number_edit, Qt.Key.Key_Return)
    assert dialog.values["address"].text() == "牡丹区中华路88号"
    assert dialog.ok_button.isEnabled()  # no checkbox for 保电: it cuts nobody
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        dialog.ok_button.click()
    row = panel.selected()
    assert (row.action, row.state, row.customer_id) == ("guarantee_on", "queued", hall["plain"])


def test_a_failure_is_highlighted_with_the_meters_reason(qtbot, file_db, tasks, hall, open_panel):
    with file_db.session() as s:
        failed = ControlCommand(meter_id=hall["meters"][hall["plain"]], customer_id=hall["plain"],
                                action="reconnect", reason="customer_request", state="failed",
                                idempotency_key="t-fail", rule="manual", refused_rule="",
                                error="timeout: no reply within 1.0 s", attempts=3,
                                finished_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
        s.add(failed)
        s.flush()
        failed_id = failed.id
    panel = open_panel(hall["boss"])
    assert panel.model.rowCount() == 0  # open commands only, by default
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        panel.scope_combo.setCurrentIndex(panel.scope_combo.findData("failed"))
    assert cell(panel, failed_id, Column.STATE, Role.BackgroundRole) == FAILURE_FILL
    assert cell(panel, failed_id, Column.STATE, Role.DecorationRole) is not None
    assert cell(panel, failed_id, Column.NOTE) == (
        "the meter did not answer in time")
    pick(qtbot, panel, failed_id)
    assert "did not answer" in panel.detail.failure_label.text()
    assert panel.buttons["retry"].isEnabled() and not panel.buttons["approve"].isEnabled()
    assert panel.detail.history_model.rowCount() == 1
    panel.scope_combo.setCurrentIndex(panel.scope_combo.findData("all"))
    with qtbot.waitSignal(panel.sig_command_changed, timeout=5000) as changed:
        qtbot.keyClick(panel.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
    retry = changed.args[0]
    qtbot.waitUntil(lambda: panel.selected() is not None
                    and panel.selected().command_id == retry.command_id, timeout=5000)
    assert cell(panel, retry.command_id, Column.STATE) == "Queued"
    assert cell(panel, retry.command_id, Column.NOTE) == f"Retry of command {failed_id}"


def test_typing_narrows_the_queue_and_a_stale_request_cannot_be_approved(qtbot, file_db, tasks,
                                                                       hall, open_panel):
    plain = request(file_db, hall)
    other = request(file_db, hall, customer="guarded", action="guarantee_on")
    with file_db.session() as s:  # an old request the collector has not swept yet
        row = s.get(ControlCommand, plain.command_id)
        row.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    panel = open_panel(hall["boss2"])
    assert panel.model.rowCount() == 2
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        qtbot.keyClicks(panel.search_edit, hall["plain_no"])
    assert [panel.model.row_at(0).command_id] == [plain.command_id]
    pick(qtbot, panel, plain.command_id)
    assert cell(panel, plain.command_id, Column.NOTE).startswith("Expired at")
    assert not panel.buttons["approve"].isEnabled() and panel.buttons["reject"].isEnabled()
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        panel.search_edit.clear()
    assert panel.model.row_of(other.command_id) >= 0


def test_polling_keeps_the_selection_when_new_commands_arrive(qtbot, file_db, tasks, hall, open_panel):
    first = request(file_db, hall)
    panel = open_panel(hall["boss2"], poll_ms=50)
    pick(qtbot, panel, first.command_id)
    request(file_db, hall, customer="guarded", action="guarantee_off")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    assert panel.model.row_at(0).action == "guarantee_off"  # newest first
    assert panel.selected().command_id == first.command_id


def test_the_panel_speaks_chinese(qtbot, file_db, tasks, hall, english, open_panel):
    view = request(file_db, hall)
    english("zh_CN")
    panel = open_panel(hall["boss2"])
    assert cell(panel, view.command_id, Column.STATE) == "待审批"
    assert panel.buttons["approve"].text().startswith("批准")


def test_the_customer_view_shows_the_reconnect_confirm_after_a_payment(qtbot, file_db, tasks,
                                                                       hall, open_panel):
    """A clerk takes the payment of a customer cut for arrears; the embedded simulator
    and collector close the relay and the clerk's screen follows it to confirmed."""
    customer, meter = hall["plain"], hall["meters"][hall["plain"]]
    with file_db.session() as s:
        c = s.get(Customer, customer)
        c.cost_control_mode, c.control_state = "prepaid", "disconnected"
        s.get(Meter, meter).relay_state = "open"
        s.add(LedgerEntry(customer_id=customer, kind="charge", amount=Decimal("-50.00"),
                          memo="电费", posted_at=dt.datetime.now(dt.UTC)))
        s.add(ControlCommand(meter_id=meter, customer_id=customer, action="disconnect",
                             reason="arrears", state="confirmed", idempotency_key="cut-1",
                             rule="manual", finished_at=dt.datetime.now(dt.UTC)
                             - dt.timedelta(hours=2)))
    config = CollectorConfig(timeout=0.5, command_interval=0.05,
                             command_timing=CommandTiming(confirm_timeout=2, confirm_poll=0.05))
    metering = EmbeddedMetering(file_db, interval=3600.0, config=config)
    metering.start()
    try:
        assert metering.ready.wait(10) and metering.error is None
        clerk = hall["clerk"]
        desk = Desk(file_db, tasks, clerk)
        view = CustomerView(desk, lambda cid: customer_detail(file_db, clerk, cid))
        qtbot.addWidget(view)
        strip = attach_control_strip(view, desk)
        view.show()
        with qtbot.waitSignal(view.sig_loaded, timeout=5000):
            view.load(customer)
        post_payment(file_db, clerk, customer_id=customer, amount=Decimal("50.00"),
                     method="cash", idempotency_key="gui-pay-1")
        view.load(customer)  # what the lookup panel does once its payment dialog posts
        qtbot.waitUntil(lambda: strip.shown is not None and strip.shown.action == "reconnect",
                        timeout=5000)
        qtbot.waitUntil(lambda: strip.shown.state == "confirmed", timeout=15000)
        assert "Reconnect (Paid): Confirmed" in strip.text_label.text()
        qtbot.waitUntil(lambda: view.fields["relay"][1].text().startswith("Power on"),
                        timeout=5000)
        assert not view.actions["control"].isEnabled()  # a clerk may not switch by hand
        view.close()
        strip.timer.stop()
        qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    finally:
        assert metering.stop(timeout=10)
