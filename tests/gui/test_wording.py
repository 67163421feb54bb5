"""Headings that say what is on screen, staff offered rather than typed, one way out."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from console.services.auth import login
from console.services.work_orders import create_work_order
from tests import factories as f
from tests.gui_support import PASSWORD
from tests.payments.test_cashup_dialog import day as day  # a clerk's day to close
from widgets.desk import Desk
from widgets.inspection.dialogs import ExportRouteDialog
from widgets.main_window import MainWindow
from widgets.payments.cashup_dialog import CashUpDialog
from widgets.work_orders.actions import OrderActions
from widgets.work_orders.work_orders_panel import WorkOrdersPanel


@pytest.fixture
def window_for(qtbot, file_db, tasks, settings, make_user):
    def open_as(role: str) -> MainWindow:
        actor = login(file_db, make_user(f"u_{role}", role, full_name="王强"), PASSWORD)
        window = MainWindow(file_db, tasks, actor, settings=settings)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        return window

    return open_as


def test_the_admin_subtitle_follows_the_tab(qtbot, window_for):
    window = window_for("admin")
    window.show_panel("admin")
    assert "Staff accounts" in window.panel_subtitle.text()
    admin = window.panel("admin")
    admin.tabs.setCurrentWidget(admin.tariffs_panel)
    assert "Tariffs and their versions" in window.panel_subtitle.text()
    admin.tabs.setCurrentWidget(admin.calendar_tab)
    assert "blackout" in window.panel_subtitle.text()


def test_an_inspectors_seal_page_speaks_only_of_what_they_can_open(qtbot, window_for):
    window = window_for("inspector")
    window.show_panel("seals")
    text = window.panel_subtitle.text()
    assert "batch" not in text.lower() and "label" not in text.lower()
    assert "Scan and verify" in text
    admin = window_for("admin")
    admin.show_panel("seals")
    assert "batches" in admin.panel_subtitle.text()


@pytest.fixture
def hall(file_db):
    with file_db.session() as s:
        here, there = f.unit(s), f.unit(s, code="37002", name="沙土供电所")
        customer = f.customer(s, here, f.tariff(s), number="3700000001")
        f.meter(s, here, customer)
        boss = f.actor(s, here, username="boss", role="supervisor")
        f.user(s, here, username="chen", role="inspector")
        f.user(s, here, username="zhao", role="admin")
        f.user(s, there, username="sun", role="inspector")
        cid = customer.id
    return {"boss": boss, "customer": cid}


def test_the_work_orders_title_is_said_once(qtbot, file_db, tasks, hall):
    panel = WorkOrdersPanel(Desk(file_db, tasks, hall["boss"]))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sig_orders_loaded, timeout=5000):
        panel.show()
    titles = [w for w in panel.findChildren(QLabel) if w.isVisible() and w.text() == "Work orders"]
    assert titles == []  # the main window's heading says it


def test_assign_offers_the_staff_of_the_orders_unit(qtbot, file_db, tasks, hall):
    order = create_work_order(file_db, hall["boss"], kind="complaint",
                              customer_id=hall["customer"])
    dialog = OrderActions(Desk(file_db, tasks, hall["boss"])).assign(order, None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.assignee_combo.count() > 0, timeout=5000)
    offered = [dialog.assignee_combo.itemText(i) for i in range(dialog.assignee_combo.count())]
    assert offered == ["测试boss · Supervisor", "测试chen · Inspector"]


def test_a_route_is_given_to_one_of_the_units_inspectors(qtbot, file_db, tasks, hall):
    create_work_order(file_db, hall["boss"], kind="inspection", customer_id=hall["customer"])
    dialog = ExportRouteDialog(Desk(file_db, tasks, hall["boss"]))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_inspectors_loaded, timeout=5000) as loaded:
        dialog.show()
    assert loaded.args == [1]
    assert dialog.inspector_combo.currentText() == "测试chen" and dialog.inspector == "测试chen"
    assert not dialog.inspector_combo.isEditable()


def test_a_route_for_an_inspector_without_a_device_says_how_to_enrol_one(qtbot, file_db, tasks,
                                                                         hall, tmp_path):
    create_work_order(file_db, hall["boss"], kind="inspection", customer_id=hall["customer"])
    dialog = ExportRouteDialog(Desk(file_db, tasks, hall["boss"]))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_inspectors_loaded, timeout=5000):
        dialog.show()
    route = tmp_path / "route.gdpkg"
    dialog.export_to(str(route))
    qtbot.waitUntil(lambda: "no enrolled field device" in dialog.message_bar.text, timeout=5000)
    assert "测试chen" in dialog.message_bar.text and "enrol-device" in dialog.message_bar.text
    assert not route.exists()


def test_a_closed_day_has_one_button_to_leave(qtbot, file_db, tasks, day):
    boss = CashUpDialog(Desk(file_db, tasks, day["boss"]), supervisor=True)
    qtbot.addWidget(boss)
    boss.show()
    qtbot.waitUntil(lambda: boss.clerk_combo.count() > 0, timeout=3000)
    with qtbot.waitSignal(boss.sig_done, timeout=3000):
        boss.ok_button.click()
    shown = [b.text() for b in boss.findChildren(QPushButton) if b.isVisible()
             and b.objectName() != "MessageBarClose"]
    assert shown == ["Done"]
