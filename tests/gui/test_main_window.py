"""The main window: status bar, administration, remembered panel, language."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from console.errors import ConsoleError, DatabaseUnavailable
from console.services.auth import login
from tests.gui_support import PASSWORD
from widgets import status_bar
from widgets.admin.panel import AdminPanel
from widgets.admin.user_dialogs import CreateUserDialog
from widgets.login_dialog import LoginDialog
from widgets.main_window import MainWindow


@pytest.fixture
def open_window(qtbot, file_db, tasks, settings, make_user):
    def open_as(role: str, username: str = "") -> MainWindow:
        actor = login(file_db, make_user(username or f"u_{role}", role, full_name="王强"),
                      PASSWORD)
        window = MainWindow(file_db, tasks, actor, settings=settings)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()  # shortcuts only reach the active window
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return open_as


def test_status_bar_names_user_role_unit_database_and_connection(qtbot, open_window, file_db):
    window = open_window("supervisor")
    with qtbot.waitSignal(window.status.sig_connection_checked, timeout=5000) as checked:
        window.status.check_connection()
    assert checked.args == [True]
    user, unit, database, connection = window.status.texts()
    assert user == "王强 · Supervisor"
    assert unit == "牡丹区供电所"
    assert database == str(Path(file_db.engine.url.database)) and database.endswith(".db")
    assert connection == "Connected"


def test_admin_creates_a_user_and_the_table_shows_it(qtbot, open_window):
    window = open_window("admin", "zhaomin")
    panel = window.panel("admin")
    assert isinstance(panel, AdminPanel)
    with qtbot.waitSignal(panel.sig_users_loaded, timeout=5000):
        window.show_panel("admin")
        panel.refresh()
    assert panel.model.row_of("newclerk") == -1
    qtbot.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(CreateUserDialog)
    dialog.username_edit.setText("newclerk")
    dialog.full_name_edit.setText("李娜")
    with qtbot.waitSignal(panel.sig_user_changed, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    row = panel.model.row_of("newclerk")
    assert row >= 0
    assert panel.model.index(row, 1).data() == "李娜"
    assert panel.model.index(row, 2).data() == "Counter clerk"
    assert "Saved: 李娜 (newclerk)" in panel.message_bar.text


def test_create_user_refusal_stays_inline_in_the_dialog(qtbot, open_window):
    window = open_window("admin")
    panel = window.panel("admin")
    window.show_panel("admin")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    qtbot.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(CreateUserDialog)
    dialog.username_edit.setText("u_admin")  # taken
    dialog.full_name_edit.setText("重名")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already taken" in dialog.message_bar.text, timeout=5000)
    assert dialog.isVisible()


def test_admin_disables_then_enables_an_account(qtbot, open_window, make_user):
    make_user("lina", "counter")
    window = open_window("admin")
    panel = window.panel("admin")
    window.show_panel("admin")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    panel.table.selectRow(panel.proxy.mapFromSource(panel.model.index(
        panel.model.row_of("lina"), 0)).row())
    assert panel.toggle_button.text() == "Disable"
    with qtbot.waitSignal(panel.sig_user_changed, timeout=5000) as changed:
        qtbot.mouseClick(panel.toggle_button, Qt.MouseButton.LeftButton)
    assert changed.args[0].active is False
    assert panel.toggle_button.text() == "Enable"


def test_the_last_panel_is_remembered(qtbot, open_window, file_db, tasks, settings):
    window = open_window("supervisor")
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_panel_key() == "control"
    window.close()
    again = MainWindow(file_db, tasks, window.actor, settings=settings)
    qtbot.addWidget(again)
    assert again.current_panel_key() == "control"


def test_shortcuts_are_shown_in_the_tooltips(open_window):
    window = open_window("supervisor")
    assert window.nav_list.item(2).toolTip() == "Arrears (Ctrl+3, F4)"


def test_language_switch(qtbot, english, tasks, open_window):
    dialog = LoginDialog(tasks)
    qtbot.addWidget(dialog)
    assert dialog.login_button.text() == "Log in"
    window = open_window("supervisor")
    english("zh_CN")
    assert LoginDialog(tasks).login_button.text() == "登录"
    # Open windows follow on the LanguageChange event.
    qtbot.waitUntil(lambda: dialog.login_button.text() == "登录")
    qtbot.waitUntil(lambda: window.status.texts()[0] == "王强 · 班长")
    assert window.nav_titles()[:3] == ["客户查询", "用电分析", "欠费管理"]
    assert window.windowTitle() == "GridDesk 供电营业厅运营台 — 牡丹区供电所"
    english("en")
    qtbot.waitUntil(lambda: dialog.login_button.text() == "Log in")


def test_a_lost_connection_shows_in_the_status_bar(qtbot, open_window, monkeypatch):
    window = open_window("counter")

    def unreachable(_db):
        raise DatabaseUnavailable("gone", where="PostgreSQL db1:5432/griddesk")

    monkeypatch.setattr(status_bar, "ping", unreachable)
    with qtbot.waitSignal(window.status.sig_connection_checked, timeout=5000) as checked:
        window.status.check_connection()
    assert checked.args == [False]
    assert window.status.texts()[-1] == "Connection lost"


def test_clicking_a_demo_account_fills_the_form(qtbot, tasks, file_db):
    dialog = LoginDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.set_database(file_db, [("counter1", "王芳", "counter", "Griddesk2026"),
                                  ("admin1", "周伟", "admin", "Griddesk2026")])
    assert dialog.demo_table.item(1, 2).text() == "Administrator"
    rect = dialog.demo_table.visualItemRect(dialog.demo_table.item(1, 0))
    qtbot.mouseClick(dialog.demo_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (dialog.username_edit.text(), dialog.password_edit.text()) == ("admin1", "Griddesk2026")


def test_admin_unlocks_a_locked_account(qtbot, open_window, make_user, file_db):
    make_user("lina", "counter")
    for _ in range(5):
        with pytest.raises(ConsoleError):
            login(file_db, "lina", "wrong-password1")
    window = open_window("admin")
    panel = window.panel("admin")
    window.show_panel("admin")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    row = panel.model.row_of("lina")
    assert panel.model.index(row, 4).data().startswith("Locked until")
    panel.table.selectRow(panel.proxy.mapFromSource(panel.model.index(row, 0)).row())
    assert panel.unlock_button.isEnabled()
    with qtbot.waitSignal(panel.sig_user_changed, timeout=5000):
        qtbot.mouseClick(panel.unlock_button, Qt.MouseButton.LeftButton)
    assert panel.model.index(row, 4).data() == "Active"
    assert login(file_db, "lina", PASSWORD).username == "lina"


def test_ctrl_f_finds_from_anywhere_and_the_customer_follows_to_consumption(qtbot, tasks, file_db, settings):
    from PySide6.QtCore import Qt as _Qt

    from console.models import Customer
    from tests import factories as f
    from widgets.main_window import MainWindow

    with file_db.session() as s:
        unit, tariff = f.unit(s, code="37002"), f.tariff(s)
        c = Customer(customer_no="3700000009", name="张秀兰", category="residential",
                     unit_id=unit.id, tariff_id=tariff.id)
        s.add(c)
        s.flush()
        f.meter(s, unit, c)
        clerk = f.actor(s, unit, username="ctrlf", role="counter")
    window = MainWindow(file_db, tasks, clerk, settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # shortcuts only reach the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.show_panel("consumption")
    qtbot.keyClick(window, _Qt.Key.Key_F, _Qt.KeyboardModifier.ControlModifier)
    lookup = window.panel("lookup")
    assert window.current_panel_key() == "lookup" and lookup.lookup.search_edit.hasFocus()
    with qtbot.waitSignal(lookup.sig_customer_opened, timeout=5000):
        qtbot.keyClicks(lookup.lookup.search_edit, "3700000009")
        qtbot.keyClick(lookup.lookup.search_edit, _Qt.Key.Key_Return)
    consumption = window.panel("consumption")
    with qtbot.waitSignal(consumption.chart.sig_loaded, timeout=5000):
        window.show_panel("consumption")
    assert consumption.chart.customer_id == c.id
