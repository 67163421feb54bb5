"""The password policy at the desk: the admin's form, and the rule that failed said in Chinese
by the change-password and reset dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from console.services.admin import users
from console.services.admin.security import SecurityPolicy, security_policy, set_security_policy
from console.services.auth import change_password, login
from tests.gui_support import PASSWORD
from tests.sessions.conftest import admin_and_clerk
from widgets.admin.panel import AdminPanel
from widgets.admin.user_dialogs import ResetPasswordDialog
from widgets.change_password_dialog import ChangePasswordDialog
from widgets.desk import Desk

WAIT = 15000


@pytest.fixture
def staff(live_db):
    return admin_and_clerk(live_db)


def test_the_admin_sets_idle_time_and_password_rules_in_the_form(qtbot, live_db, tasks, staff):
    admin, _clerk = staff
    panel = AdminPanel(Desk(live_db, tasks, admin))
    qtbot.addWidget(panel)
    tab = panel.security_tab
    qtbot.waitUntil(lambda: tab.length_spin.value() == 8, timeout=WAIT)
    panel.tabs.setCurrentWidget(tab)
    assert "idle console" in panel.description()
    tab.idle_spin.setValue(5)
    tab.length_spin.setValue(12)
    tab.history_spin.setValue(2)
    tab.username_check.setChecked(False)
    with qtbot.waitSignal(tab.sig_policy_saved, timeout=WAIT):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.message_bar.text == "Saved."
    assert security_policy(live_db) == SecurityPolicy(300_000, 12, False, 2, True)


@pytest.mark.parametrize(("new", "message"), [
    ("Ab3def", "密码至少需要 10 位。"),
    ("abcdefghijkl", "密码须同时包含字母和数字。"),
    ("lina20261234", "密码不能包含用户名。"),
    ("Harbour2026x", "密码不能与最近 3 次用过的密码相同。"),
])
def test_change_password_says_the_failed_rule_in_chinese(qtbot, live_db, tasks, staff, english,
                                                         new, message):
    admin, clerk = staff
    set_security_policy(live_db, admin, SecurityPolicy(min_length=10, history=3))
    users.reset_password(live_db, admin, clerk.user_id, "Harbour2026x")  # in the history
    clerk = change_password(live_db, login(live_db, "lina", "Harbour2026x"), "Harbour2026x",
                            "Steady2026xyz")
    english("zh_CN")
    dialog = ChangePasswordDialog(Desk(live_db, tasks, clerk))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "最近 3 次" in dialog.rules_label.text(), timeout=WAIT)
    assert "至少 10 个字符" in dialog.rules_label.text()
    dialog.old_edit.setText("Steady2026xyz")
    dialog.new_edit.setText(new)
    dialog.repeat_edit.setText(new)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message_bar.text == message, timeout=WAIT)
    assert dialog.isVisible()
    assert login(live_db, "lina", "Steady2026xyz").username == "lina"  # unchanged


def test_the_reset_dialog_says_the_failed_rule_in_chinese(qtbot, live_db, tasks, staff, english):
    admin, _clerk = staff
    english("zh_CN")
    info = next(u for u in users.list_users(live_db, admin) if u.username == "lina")
    desk = Desk(live_db, tasks, admin)
    dialog = ResetPasswordDialog(
        desk, info, lambda password: users.reset_password(live_db, admin, info.id, password))
    qtbot.addWidget(dialog)
    dialog.password_edit.setText("Lina2026abcd")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message_bar.text == "密码不能包含用户名。", timeout=WAIT)
    assert login(live_db, "lina", PASSWORD).username == "lina"  # unchanged
