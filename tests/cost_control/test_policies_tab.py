"""Administration › Policies and the calendar: edit a policy, refusals inline, declare a blackout."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from console.models import CostControlPolicy
from console.services.auth import login
from console.services.cost_control.calendar_blocks import list_blocks
from console.services.cost_control.policy_admin import list_policies
from console.timeutil import local_today
from tests.gui_support import PASSWORD
from widgets.admin.calendar_tab import CalendarButton, CalendarDialog, CalendarTab
from widgets.admin.panel import AdminPanel
from widgets.admin.policies_tab import PoliciesTab
from widgets.admin.policy_dialog import PolicyDialog
from widgets.control.panel import ControlPanel
from widgets.desk import Desk


@pytest.fixture
def admin(file_db, make_user):
    with file_db.session() as s:
        s.add(CostControlPolicy(name="默认费控策略", alert_balance=Decimal("20.00"),
                                disconnect_balance=Decimal("0.00")))
    return login(file_db, make_user("zhaomin", "admin", full_name="赵敏"), PASSWORD)


@pytest.fixture
def panel(qtbot, file_db, tasks, admin):
    widget = AdminPanel(Desk(file_db, tasks, admin))
    qtbot.addWidget(widget)
    widget.resize(1300, 500)
    tab = widget.policies_tab
    assert isinstance(tab, PoliciesTab) and isinstance(widget.calendar_tab, CalendarTab)
    widget.show()
    widget.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    yield tab


def cells(tab, row: int = 0) -> list[str]:
    return [tab.model.index(row, c).data() for c in range(tab.model.columnCount())]


def open_editor(qtbot, tab: PoliciesTab) -> PolicyDialog:
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_Return)  # Enter on the selected row
    dialog = tab.findChild(PolicyDialog)
    assert dialog is not None
    return dialog


def test_the_table_shows_the_policy(panel):
    assert cells(panel)[:7] == ["默认费控策略", "all units", "all", "20.00", "0.00", "7",
                                "18:00–08:00"]


def test_edit_quiet_hours_is_saved_and_shown(qtbot, panel, file_db, admin):
    dialog = open_editor(qtbot, panel)
    assert dialog.quiet_start_edit.text() == "18:00"
    dialog.quiet_start_edit.selectAll()
    QTest.keyClicks(dialog.quiet_start_edit, "21:30")
    dialog.flags["auto_approve"].setChecked(True)
    with qtbot.waitSignal(panel.sig_policies_loaded, timeout=5000):
        QTest.keyClick(dialog.quiet_start_edit, Qt.Key.Key_Return)
    assert cells(panel)[6] == "21:30–08:00" and cells(panel)[9] == "yes"
    assert "Saved: policy 默认费控策略." in panel.message_bar.text
    (stored,) = list_policies(file_db, admin)
    assert stored.quiet_start == dt.time(21, 30) and stored.auto_approve and stored.version == 2


@pytest.mark.parametrize(("edit", "text", "said"), [
    ("quiet_end_edit", "25:00", "Quiet hours until: type a time of day as HH:MM"),
    ("alert_edit", "abc", "Alert below (yuan): “abc” is not a number."),
    ("disconnect_edit", "30", "Disconnect below (yuan): it must not be above the alert"),
])
def test_a_bad_value_is_named_inline_and_nothing_is_saved(qtbot, panel, file_db, admin,
                                                          edit, text, said):
    dialog = open_editor(qtbot, panel)
    getattr(dialog, edit).setText(text)
    dialog.quiet_start_edit.setText("21:30")  # a good change beside it must not be saved either
    QTest.keyClick(dialog.quiet_start_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: said in dialog.message_bar.text, timeout=5000)
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    (stored,) = list_policies(file_db, admin)
    assert stored.quiet_start == dt.time(18) and stored.version == 1
    dialog.reject()


def test_the_dialog_speaks_chinese(qtbot, panel, english):
    english("zh_CN")
    dialog = open_editor(qtbot, panel)
    assert dialog.ok_button.text() == "保存策略"
    dialog.reject()


@pytest.fixture
def supervisor(file_db, make_user):
    return login(file_db, make_user("chenjg", "supervisor", full_name="陈建国"), PASSWORD)


def test_a_supervisor_declares_a_blackout_for_the_unit_and_sees_it_listed(
        qtbot, file_db, tasks, supervisor):
    button = CalendarButton(Desk(file_db, tasks, supervisor))
    qtbot.addWidget(button)
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = button.dialog
    assert isinstance(dialog, CalendarDialog)
    tab = dialog.tab
    qtbot.waitUntil(lambda: tab.unit_combo.count() == 1, timeout=5000)
    assert [tab.kind_combo.itemText(i) for i in range(tab.kind_combo.count())] == ["Blackout"]
    assert tab.unit_combo.currentText() == "牡丹区供电所"
    day = local_today() + dt.timedelta(days=2)
    tab.from_edit.setDate(QDate(day.year, day.month, day.day))
    tab.to_edit.setDate(QDate(day.year, day.month, day.day))
    QTest.keyClicks(tab.reason_edit, "heat wave")
    with qtbot.waitSignal(tab.sig_blocks_loaded, timeout=5000):
        QTest.keyClick(tab.reason_edit, Qt.Key.Key_Return)
    assert [tab.model.index(0, c).data() for c in range(5)] == [
        "Blackout", day.isoformat(), day.isoformat(), "牡丹区供电所", "heat wave"]
    (stored,) = list_blocks(file_db, supervisor, since=local_today())
    assert stored.kind == "blackout" and stored.unit_id == supervisor.unit_id
    dialog.reject()


def test_a_block_that_ends_before_it_starts_is_refused_inline(qtbot, file_db, tasks, supervisor):
    tab = CalendarTab(Desk(file_db, tasks, supervisor))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.unit_combo.count() == 1, timeout=5000)
    tab.to_edit.setDate(tab.from_edit.date().addDays(-1))
    qtbot.mouseClick(tab.declare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(tab.message_bar.text), timeout=5000)
    assert list_blocks(file_db, supervisor, since=local_today() - dt.timedelta(days=5)) == []


def test_admins_keep_holidays_and_remove_them_with_delete(qtbot, panel, admin, file_db):
    owner = panel.window()
    assert isinstance(owner, AdminPanel)
    tab = owner.calendar_tab
    owner.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.unit_combo.count() >= 2, timeout=5000)
    assert [tab.kind_combo.itemText(i) for i in range(tab.kind_combo.count())] == [
        "Holiday", "Worked weekend day"]
    with qtbot.waitSignal(tab.sig_blocks_loaded, timeout=5000):
        qtbot.mouseClick(tab.declare_button, Qt.MouseButton.LeftButton)
    assert tab.model.index(0, 3).data() == "All units"
    tab.table.selectRow(0)
    tab.table.setFocus()
    with qtbot.waitSignal(tab.sig_blocks_loaded, timeout=5000):
        QTest.keyClick(tab.table, Qt.Key.Key_Delete)
    assert tab.model.rowCount() == 0
    assert list_blocks(file_db, admin, since=local_today()) == []


def test_the_switch_panel_offers_the_calendar_to_supervisors_only(qtbot, file_db, tasks,
                                                                   supervisor, make_user):
    clerk = login(file_db, make_user("lina", "counter"), PASSWORD)
    shown = {}
    for actor in (supervisor, clerk):
        panel = ControlPanel(Desk(file_db, tasks, actor))
        qtbot.addWidget(panel)
        shown[actor.role] = panel.calendar_button.isVisibleTo(panel)
    assert shown == {"supervisor": True, "counter": False}
