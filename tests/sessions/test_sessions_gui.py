"""Live sessions at the desk (issue 16 item 3), driven as the staff would: a clerk disabled
while her window is open, the idle lock, and somebody else taking over the desk."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

import main
from console.models import AuditEvent, Customer, Payment, Unit, User
from console.services.admin import users
from console.services.admin.security import SecurityPolicy, set_security_policy
from tests import factories as f
from tests.billing_helpers import service_hall
from tests.gui_support import PASSWORD
from widgets.change_password_dialog import ChangePasswordDialog
from widgets.main_window import MainWindow
from widgets.payments.dialog import PaymentDialog

WAIT = 15000  # ms: two cores shared by several test runs


@pytest.fixture
def hall(live_db):
    h = service_hall(live_db)
    with live_db.session() as s:
        h["admin"] = f.actor(s, s.get(Unit, h["unit"].id), username="admin9", role="admin")
        h["farmer_no"] = s.get(Customer, h["farmer"]).customer_no
    return h


@pytest.fixture
def shell(qtbot, live_db, tasks, settings):
    shell = main.Shell(tasks, None, embedded=False, settings=settings)
    shell.db = live_db
    qtbot.addWidget(shell.login)
    shell.login.show()
    shell.login.set_database(live_db)
    yield shell
    if shell.window is not None:
        shell.window.close()


def log_in(qtbot, shell, username: str, password: str = PASSWORD) -> MainWindow:
    shell.login.username_edit.setText(username)
    shell.login.password_edit.setText(password)
    with qtbot.waitSignal(shell.login.sig_logged_in, timeout=WAIT):
        qtbot.mouseClick(shell.login.login_button, Qt.MouseButton.LeftButton)
    window = shell.window
    assert window is not None and window.actor.username == username
    return window  # the shell closes and deletes it; the fixture closes what is left


def visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def idle_lock_after(db, admin, ms: int) -> None:
    set_security_policy(db, admin, SecurityPolicy(idle_lock_ms=ms))


def clerk_at_the_desk(qtbot, shell, hall, live_db):
    """The clerk's window with a 200 ms idle lock, held (busy) on the Lookup panel."""
    idle_lock_after(live_db, hall["admin"], 200)
    window = log_in(qtbot, shell, "clerk")
    keeper = busy(qtbot, window)
    window.show_panel("lookup")
    return window, keeper


def busy(qtbot, window: MainWindow):
    """The window's idle watch once the admins' 200 ms arrived, held while the test sets the
    scene (the clerk is busy); `idle.start()` then means she walks away."""
    keeper = window.session
    keeper.idle.stop()  # before the 200 ms can run out; a new interval leaves it stopped
    qtbot.waitUntil(lambda: keeper.idle.interval_ms == 200, timeout=WAIT)
    return keeper


def count(db, model, *where) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_a_disabled_clerk_s_next_payment_ends_the_session(qtbot, shell, hall, live_db):
    window = log_in(qtbot, shell, "clerk")
    window.show_panel("lookup")
    panel = window.panel("lookup")
    with qtbot.waitSignal(panel.sig_customer_opened, timeout=WAIT):
        panel.open_customer(hall["farmer"])
    dialog = panel.take_payment(hall["farmer"])
    qtbot.waitUntil(dialog.post_button.isEnabled, timeout=WAIT)
    users.set_active(live_db, hall["admin"], hall["clerk"].user_id, False)  # the admin's PC

    with qtbot.waitSignal(window.sig_session_ended, timeout=WAIT) as ended:
        qtbot.mouseClick(dialog.post_button, Qt.MouseButton.LeftButton)
    assert ended.args == ["Your account was disabled by an administrator. Nothing was saved."]
    qtbot.waitUntil(shell.login.isVisible, timeout=WAIT)
    assert shell.login.message_bar.text == ended.args[0]
    assert shell.window is None and visible(MainWindow) == [] and visible(PaymentDialog) == []
    assert count(live_db, Payment) == 0


def test_the_idle_lock_covers_the_window_and_the_same_password_opens_it_as_it_was(
        qtbot, shell, hall, live_db):
    window, keeper = clerk_at_the_desk(qtbot, shell, hall, live_db)
    panel = window.panel("lookup")
    panel.lookup.search_edit.setText("王伟 牡丹")  # what the clerk was typing
    with qtbot.waitSignal(keeper.lock_screen.sig_locked, timeout=WAIT):
        keeper.idle.start()  # nobody touches anything from now
    lock = keeper.lock_screen
    assert lock.isVisible() and lock.geometry() == window.rect()
    assert not window.centralWidget().isEnabled() and not window.menuBar().isEnabled()
    failures = count(live_db, AuditEvent, AuditEvent.action == "login.failed")

    lock.password_edit.setText("Wrong2026")
    with qtbot.waitSignal(lock.sig_unlock_failed, timeout=WAIT) as failed:
        qtbot.keyClick(lock.password_edit, Qt.Key.Key_Return)
    assert failed.args[0].startswith("Wrong user name or password")
    assert lock.isVisible()
    assert count(live_db, AuditEvent, AuditEvent.action == "login.failed") == failures + 1
    with live_db.read() as s:
        assert s.get(User, hall["clerk"].user_id).failed_logins == 1  # counts to the lockout

    lock.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(lock.sig_unlocked, timeout=WAIT):
        qtbot.keyClick(lock.password_edit, Qt.Key.Key_Return)
    assert not lock.isVisible() and window.centralWidget().isEnabled()
    assert window.panel("lookup") is panel and panel.lookup.search_edit.text() == "王伟 牡丹"
    assert window.current_panel_key() == "lookup" and shell.window is window
    assert keeper.idle.active  # counting again


def test_the_lock_hides_open_dialogs_and_swallows_the_window_s_shortcuts(
        qtbot, shell, hall, live_db):
    window, keeper = clerk_at_the_desk(qtbot, shell, hall, live_db)
    dialog = window.panel("lookup").take_payment(hall["farmer"])
    qtbot.waitUntil(dialog.post_button.isEnabled, timeout=WAIT)
    with qtbot.waitSignal(keeper.lock_screen.sig_locked, timeout=WAIT):
        keeper.idle.start()  # and then walks away
    assert not dialog.isVisible()
    window.activateWindow()
    qtbot.keyClick(keeper.lock_screen.password_edit, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_panel_key() == "lookup"  # Ctrl+2 did not switch panels
    keeper.lock_screen.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(keeper.lock_screen.sig_unlocked, timeout=WAIT):
        qtbot.mouseClick(keeper.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.post_button.isEnabled()


def test_switch_user_at_the_lock_starts_a_fresh_session(qtbot, shell, hall, live_db):
    window, keeper = clerk_at_the_desk(qtbot, shell, hall, live_db)
    window.panel("lookup").lookup.search_edit.setText("clerk's search")
    with qtbot.waitSignal(keeper.lock_screen.sig_locked, timeout=WAIT):
        keeper.idle.start()
    qtbot.mouseClick(keeper.lock_screen.switch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(shell.login.isVisible, timeout=WAIT)
    assert shell.window is None and shell.login.message_bar.text == ""

    fresh = log_in(qtbot, shell, "boss")
    assert fresh is not window and fresh.actor.role == "supervisor"
    fresh.show_panel("lookup")
    assert fresh.panel("lookup").lookup.search_edit.text() == ""
    assert fresh.desk.actor.username == "boss"


def test_an_account_reset_while_locked_ends_the_session_at_unlock(qtbot, shell, hall, live_db):
    window, keeper = clerk_at_the_desk(qtbot, shell, hall, live_db)
    lock = keeper.lock_screen
    with qtbot.waitSignal(lock.sig_locked, timeout=WAIT):
        keeper.idle.start()
    users.reset_password(live_db, hall["admin"], hall["clerk"].user_id, "Temporary2026")
    lock.password_edit.setText("Temporary2026")
    with qtbot.waitSignal(window.sig_session_ended, timeout=WAIT):
        qtbot.mouseClick(lock.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(shell.login.isVisible, timeout=WAIT)
    assert "sign in again" in shell.login.message_bar.text


def test_a_password_to_change_first_opens_the_dialog_and_then_work_goes_on(
        qtbot, shell, hall, live_db):
    window = log_in(qtbot, shell, "clerk")
    window.show_panel("lookup")
    panel = window.panel("lookup")
    with live_db.session() as s:  # set meanwhile, e.g. by a site rule
        s.get(User, hall["clerk"].user_id).must_change_password = True
    with qtbot.waitSignal(panel.lookup.sig_results_loaded, timeout=WAIT):
        panel.open_customer(hall["farmer"])
        qtbot.keyClicks(panel.lookup.search_edit, hall["farmer_no"])
        qtbot.keyClick(panel.lookup.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: visible(ChangePasswordDialog) != [], timeout=WAIT)
    [dialog] = visible(ChangePasswordDialog)
    assert dialog.message_bar.text == "Please change your password before you go on."
    assert shell.window is window  # the session goes on once the password is changed
    dialog.old_edit.setText(PASSWORD)
    dialog.new_edit.setText("Fresh2026abc")
    dialog.repeat_edit.setText("Fresh2026abc")
    with qtbot.waitSignal(dialog.sig_password_changed, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    fresh = window.panel("lookup")
    assert fresh is not panel and window.current_panel_key() == "lookup"
    with qtbot.waitSignal(fresh.sig_customer_opened, timeout=WAIT):
        fresh.open_customer(hall["farmer"])
    assert shell.window is window and not shell.login.isVisible()
