"""Work orders in the GUI: a replacement opened from the customer view and completed there;
the panel marks overdue orders, filters, and runs a complaint to done by keyboard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from console import ids
from console.models import Meter, Reading
from console.models.work import WorkOrder
from console.services.work_orders import create_work_order
from tests import factories as f
from widgets.customers.lookup_panel import LookupPanel
from widgets.desk import Desk
from widgets.work_orders.customer import attach_work_orders
from widgets.work_orders.dialogs import NewWorkOrderDialog, ResolutionDialog
from widgets.work_orders.steps import ClosureDialog, ReplacementDialog
from widgets.work_orders.work_orders_panel import OVERDUE_INK, WorkOrdersPanel

NEW_ASSET = ids.make_asset_code("37001", ids.ASSET_TYPE_METER, 990001)


@pytest.fixture
def hall(file_db):
    with file_db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        customer = f.customer(s, unit, tariff, number="3700000001")
        meter = f.meter(s, unit, customer)
        s.add(Reading(meter_id=meter.id, energy_total=Decimal("1000.00"),
                      read_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=2)))
        seal = f.installed_seal(s, unit, f.meter(s, unit), serial=550001)
        seal.state, seal.meter_id, seal.position = "issued_unit", None, None
        return {"customer": customer.id, "meter": meter.id, "seal": seal.seal_no,
                "clerk": f.actor(s, unit, username="clerk", role="counter"),
                "boss": f.actor(s, unit, username="boss", role="supervisor")}


def test_a_clerk_opens_a_replacement_or_closure_but_is_not_offered_to_carry_it_out(
        qtbot, file_db, tasks, hall):
    lookup = LookupPanel(Desk(file_db, tasks, hall["clerk"]))
    qtbot.addWidget(lookup)
    strip = attach_work_orders(lookup.view, lookup._desk)
    lookup.show()
    with qtbot.waitSignal(strip.sig_loaded, timeout=5000):
        lookup.open_customer(hall["customer"])
    qtbot.mouseClick(lookup.view.actions["work_order"], Qt.MouseButton.LeftButton)
    dialog = strip.dialog
    for kind in ("meter_replacement", "account_closure"):
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
        assert dialog.now_check.isHidden() and not dialog.carry_out_now
    with qtbot.waitSignal(strip.sig_order_created, timeout=5000) as created:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert created.args[0].kind == "account_closure" and created.args[0].state == "open"
    assert not isinstance(strip.dialog, ClosureDialog)


def test_a_replacement_opened_from_the_customer_view_runs_to_the_end(qtbot, file_db, tasks, hall):
    # A supervisor may carry a replacement out at once (a clerk may not: REPLACE_METERS).
    lookup = LookupPanel(Desk(file_db, tasks, hall["boss"]))
    qtbot.addWidget(lookup)
    strip = attach_work_orders(lookup.view, lookup._desk)
    lookup.show()
    with qtbot.waitSignal(strip.sig_loaded, timeout=5000):
        lookup.open_customer(hall["customer"])
    button = lookup.view.actions["work_order"]
    assert button.isEnabled() and "Open work orders: 0" in strip.summary_label.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = strip.dialog
    assert isinstance(dialog, NewWorkOrderDialog) and dialog.kind == "meter_replacement"
    assert dialog.now_check.isChecked()
    with qtbot.waitSignal(strip.sig_order_created, timeout=5000) as created:
        qtbot.keyClicks(dialog.description_edit, "display blank")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    steps = strip.dialog
    assert isinstance(steps, ReplacementDialog)
    qtbot.waitUntil(steps.ok_button.isEnabled, timeout=5000)
    assert "1000.00 kWh" in steps.meter_label.text()
    for edit, text in ((steps.final_edit, "999.00"), (steps.asset_edit, NEW_ASSET),
                       (steps.address_edit, "000000990001"), (steps.first_edit, "0.20"),
                       (steps.seals_edit, hall["seal"])):
        qtbot.keyClicks(edit, text)
    qtbot.mouseClick(steps.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "lower than the meter's last reading 1000.00" in
                    steps.message_bar.text, timeout=5000)
    steps.final_edit.setText("1012.34")
    with qtbot.waitSignal(steps.sig_saved, timeout=5000) as saved, \
            qtbot.waitSignal(strip.sig_loaded, timeout=5000):
        qtbot.mouseClick(steps.ok_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].order.state == "done"
    with file_db.read() as s:
        order = s.get(WorkOrder, created.args[0].id)
        new = s.scalar(select(Meter).where(Meter.asset_no == NEW_ASSET))
        assert (order.state, order.meter_id, new.status) == ("done", new.id, "in_service")
        assert s.get(Meter, hall["meter"]).status == "removed"
    assert "Open work orders: 0" in strip.summary_label.text()


@pytest.fixture
def orders(file_db, hall):
    clerk = hall["clerk"]
    late = create_work_order(file_db, clerk, kind="complaint", customer_id=hall["customer"],
                             description="电压偏低",
                             now=dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
    fresh = create_work_order(file_db, clerk, kind="inspection", customer_id=hall["customer"])
    return late, fresh


def open_panel(qtbot, file_db, tasks, clerk) -> WorkOrdersPanel:
    panel = WorkOrdersPanel(Desk(file_db, tasks, clerk))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sig_orders_loaded, timeout=5000):
        panel.show()
    return panel


def test_overdue_orders_stand_out_and_filter(qtbot, file_db, tasks, hall, orders):
    late, fresh = orders
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"])
    assert panel.model.rowCount() == 2
    first = panel.model.row_at(0)
    assert first.id == late.id  # the most urgent first
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_INK
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "(overdue)" in panel.model.index(0, 3).data()
    assert panel.model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    panel.overdue_check.setChecked(True)
    assert [panel.model.row_at(r).id for r in range(panel.model.rowCount())] == [late.id]
    panel.overdue_check.setChecked(False)
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData("inspection"))
    assert [panel.model.row_at(r).id for r in range(panel.model.rowCount())] == [fresh.id]


def test_a_complaint_is_started_and_completed_from_the_keyboard(qtbot, file_db, tasks, hall,
                                                                orders):
    late, _fresh = orders
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"])
    panel.select_order(late.id)
    panel.table.setFocus()
    with qtbot.waitSignal(panel.sig_orders_loaded, timeout=5000):
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # start
    assert panel.selected.state == "in_progress" and panel.selected.assignee_name == "测试clerk"
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # complete
    dialog = panel.dialog
    assert isinstance(dialog, ResolutionDialog) and not dialog.ok_button.isEnabled()
    with qtbot.waitSignal(panel.sig_orders_loaded, timeout=5000):
        qtbot.keyClicks(dialog.resolution_edit, "tap changed")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert late.id not in [panel.model.row_at(r).id for r in range(panel.model.rowCount())]
    panel.state_combo.setCurrentIndex(panel.state_combo.findData("done"))
    assert panel.selected.resolution == "tap changed"
    assert panel.buttons["rate"].isEnabled()


def test_satisfaction_is_summed_up_by_unit_and_kind(qtbot, file_db, tasks, hall, orders):
    from console.services.work_orders import transition
    from console.services.work_orders.satisfaction import record_satisfaction

    late, _fresh = orders
    transition(file_db, hall["clerk"], late.id, "start")
    transition(file_db, hall["clerk"], late.id, "complete", resolution="ok")
    record_satisfaction(file_db, hall["clerk"], customer_id=hall["customer"], rating=5,
                        work_order_id=late.id)
    record_satisfaction(file_db, hall["clerk"], customer_id=hall["customer"], rating=2)
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"])
    qtbot.mouseClick(panel.summary_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.dialog.sig_loaded, timeout=5000):
        pass
    rows = [[panel.dialog.model.index(r, c).data() for c in range(5)]
            for r in range(panel.dialog.model.rowCount())]
    assert rows == [["牡丹区供电所", "Complaint or enquiry", "1", "5.00", "100%"],
                    ["牡丹区供电所", "Counter visit", "1", "2.00", "0%"]]
