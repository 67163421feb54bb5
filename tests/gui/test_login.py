"""Logging in: roles and their navigation, wrong passwords, lockout, forced change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from console.devices.transport import PrinterKind
from main import Shell
from tests.gui_support import PASSWORD
from widgets.change_password_dialog import ChangePasswordDialog
from widgets.devices.printer_settings import load_printer_config

NAVIGATION = {
    "counter": ["Lookup", "Consumption", "Work orders", "Reports"],
    "supervisor": ["Lookup", "Consumption", "Arrears", "Switch control", "Held phone payments", "Seals", "Work orders",
                   "Theft & inspection", "Reports"],
    "admin": ["Lookup", "Consumption", "Seals", "Reports", "Administration"],
    "inspector": ["Lookup", "Consumption", "Seals", "Work orders"],
}


@pytest.fixture
def shell(qtbot, file_db, tasks, settings):
    """The real startup on the test database, waiting until the login form is ready."""
    shell = Shell(tasks, file_db.url, embedded=False, settings=settings)
    qtbot.addWidget(shell.login)
    shell.start()
    qtbot.waitUntil(lambda: shell.login.login_button.isEnabled(), timeout=10_000)
    yield shell
    if shell.window is not None:
        shell.window.close()
    shell.db.dispose()


def type_login(qtbot, dialog, username: str, password: str) -> None:
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def log_in(qtbot, shell, username: str, password: str = PASSWORD):
    with qtbot.waitSignal(shell.login.sig_logged_in, timeout=10_000):
        type_login(qtbot, shell.login, username, password)
    qtbot.addWidget(shell.window)
    return shell.window


@pytest.mark.parametrize("role", sorted(NAVIGATION))
def test_each_role_sees_exactly_its_panels(qtbot, shell, make_user, role):
    log_in(qtbot, shell, make_user(f"u_{role}", role))
    assert shell.window.nav_titles() == NAVIGATION[role]
    assert shell.window.isVisible() and not shell.login.isVisible()


def test_counter_cannot_reach_administration(qtbot, shell, make_user):
    window = log_in(qtbot, shell, make_user("lina", "counter"))
    window.activateWindow()  # shortcuts only reach the active window
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert window.current_panel_key() == "reports"  # F-keys work…
    assert "Administration" not in window.nav_titles()
    window.show_panel("admin")
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.current_panel_key() == "reports"  # …but not for what the role may not use


def test_wrong_password_is_said_inline_and_the_dialog_stays(qtbot, shell, make_user):
    make_user("lina", "counter")
    with qtbot.waitSignal(shell.login.sig_login_failed, timeout=10_000) as failed:
        type_login(qtbot, shell.login, "lina", "not-the-password")
    assert "Wrong user name or password" in failed.args[0]
    assert "Attempts left" not in shell.login.message_bar.text
    assert shell.login.isVisible() and shell.window is None


def test_an_unknown_name_reads_exactly_like_a_wrong_password(qtbot, shell, make_user):
    make_user("lina", "counter")
    said = []
    for name in ("lina", "nobody"):
        with qtbot.waitSignal(shell.login.sig_login_failed, timeout=10_000) as failed:
            type_login(qtbot, shell.login, name, "not-the-password")
        said.append((failed.args[0], shell.login.message_bar.text))
    assert said[0] == said[1]
    assert "locked for 15 minutes" in said[0][0]


def test_five_wrong_passwords_lock_the_account(qtbot, shell, make_user):
    make_user("lina", "counter")
    for _ in range(5):
        with qtbot.waitSignal(shell.login.sig_login_failed, timeout=10_000) as failed:
            type_login(qtbot, shell.login, "lina", "wrong-again1")
    with qtbot.waitSignal(shell.login.sig_login_failed, timeout=10_000) as failed:
        type_login(qtbot, shell.login, "lina", PASSWORD)  # even the right one, now
    assert "Wrong user name or password" in failed.args[0]
    assert shell.window is None


def test_a_reset_account_must_choose_a_password_first(qtbot, shell, make_user):
    make_user("newbie", "counter", must_change=True)
    type_login(qtbot, shell.login, "newbie", PASSWORD)
    qtbot.waitUntil(lambda: shell.login.findChild(ChangePasswordDialog) is not None, timeout=10_000)
    dialog = shell.login.findChild(ChangePasswordDialog)
    assert not dialog.old_edit.isVisible()  # just typed it at login
    dialog.new_edit.setText("Brand9new")
    dialog.repeat_edit.setText("Brand9new")
    with qtbot.waitSignal(shell.login.sig_logged_in, timeout=10_000) as logged_in:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert logged_in.args[0].must_change_password is False


def test_logout_returns_to_the_login_dialog(qtbot, shell, make_user):
    window = log_in(qtbot, shell, make_user("lina", "counter"))
    qtbot.mouseClick(window.logout_button, Qt.MouseButton.LeftButton)
    assert shell.login.isVisible() and shell.window is None


def test_a_newcomer_logs_in_with_a_demo_account_on_the_embedded_database(qtbot, tasks, tmp_path,
                                                                        settings):
    from console.demo import DEMO_ACCOUNTS

    shell = Shell(tasks, f"sqlite:///{tmp_path / 'griddesk.db'}", embedded=True,
                  settings=settings, backups=2)
    qtbot.addWidget(shell.login)
    shell.start()
    qtbot.waitUntil(lambda: shell.login.login_button.isEnabled(), timeout=60_000)
    table = shell.login.demo_table
    assert table.rowCount() == len(DEMO_ACCOUNTS)
    metrics = table.fontMetrics()  # every name readable whole, not "cou…"
    for column in range(3):
        widest = max(metrics.horizontalAdvance(table.item(r, column).text())
                     for r in range(table.rowCount()))
        assert table.columnWidth(column) >= widest, column
    row = next(r for r in range(table.rowCount()) if table.item(r, 2).text() == "Supervisor")
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(shell.login.sig_logged_in, timeout=10_000):
        qtbot.mouseClick(shell.login.login_button, Qt.MouseButton.LeftButton)
    qtbot.addWidget(shell.window)
    assert shell.window.nav_titles() == NAVIGATION["supervisor"]
    assert shell.metering is not None and shell.metering.running  # live meters, embedded
    # The demo's receipt printer, which this unconfigured workstation now prints to.
    assert shell.printer is not None and shell.printer.printer is not None
    assert load_printer_config().port == shell.printer.printer.address[1]
    qtbot.waitUntil(lambda: shell.window.status.printer_field.state == "ready", timeout=10_000)
    # The day's backup of the embedded file, beside it in the data folder.
    qtbot.waitUntil(lambda: any((tmp_path / "backups").glob("griddesk-*.db")), timeout=60_000)
    shell.window.close()
    shell.shutdown()
    assert shell.metering is None and shell.backups is None and shell.printer is None
    assert load_printer_config().kind == PrinterKind.NONE  # as it was before the demo


def test_enter_in_the_user_name_moves_to_the_password(qtbot, shell, make_user):
    make_user("lina", "counter")
    refused: list[str] = []
    shell.login.sig_login_failed.connect(refused.append)
    shell.login.activateWindow()
    qtbot.waitUntil(shell.login.isActiveWindow, timeout=3000)
    shell.login.username_edit.setFocus()
    qtbot.keyClicks(shell.login.username_edit, "lina")
    qtbot.keyClick(shell.login.username_edit, Qt.Key.Key_Return)
    assert shell.login.password_edit.hasFocus()
    assert shell.login.login_button.isEnabled()  # nothing was submitted
    with qtbot.waitSignal(shell.login.sig_logged_in, timeout=10_000):
        qtbot.keyClicks(shell.login.password_edit, PASSWORD)
        qtbot.keyClick(shell.login.password_edit, Qt.Key.Key_Return)
    qtbot.addWidget(shell.window)
    assert refused == []  # no failed attempt counted towards the lock
