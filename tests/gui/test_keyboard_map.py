"""No key does two things at once: every panel, tab and dialog a role opens (issue 13 item 6).

Alt+A was both 批准(A) on the switch panel and the 账户(A) menu; the walk below
opens each panel of each role, each tab inside it, and the dialogs the menus and
the counter open, in English and in Chinese, and lists every key claimed twice.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from console.models import User
from console.services.auth import actor_for
from tests import factories as f
from tests.billing_helpers import account, add_bill, days_ago
from tests.gui.keyboard_map import clashes, menu_clashes, tabs_of
from widgets.customers.lookup_panel import LookupPanel
from widgets.main_window import MainWindow

ROLES = ("counter", "supervisor", "admin", "inspector")


@pytest.fixture
def staff(file_db):
    with file_db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        customer, meter = account(s, unit, tariff)
        add_bill(s, customer, meter, period="2026-09", amount="96.40", due=days_ago(3))
        for role in ROLES:
            f.user(s, unit, username=role, role=role)
        return customer.id


def open_window(qtbot, file_db, tasks, settings, role: str) -> MainWindow:
    with file_db.session() as s:
        user = s.query(User).filter_by(username=role).one()
        actor = actor_for(user, "test-ws")
    window = MainWindow(file_db, tasks, actor, settings=settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def walk_panels(window: MainWindow) -> dict[str, dict[str, list[str]]]:
    found = {}
    for key in window.panel_keys():
        window.show_panel(key)
        panel = window.panel(key)
        found[key] = clashes(window)
        for tabs, index in tabs_of(panel):
            if tabs.isVisible():
                tabs.setCurrentIndex(index)
                found[f"{key} / {tabs.tabText(index)}"] = clashes(window)
    found["menus"] = menu_clashes(window)
    return {where: keys for where, keys in found.items() if keys}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("role", ROLES)
def test_no_two_visible_things_share_a_key(qtbot, file_db, tasks, settings, staff, english,
                                           role, lang):
    english(lang)
    window = open_window(qtbot, file_db, tasks, settings, role)
    assert walk_panels(window) == {}
    seen = {}
    for action in window.account_menu.actions():
        if not action.isVisible() or action in (window.logout_action, window.quit_action) \
                or action.isSeparator():
            continue
        action.trigger()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=3000)
        dialog = QApplication.activeModalWidget()
        seen[type(dialog).__name__] = clashes(dialog)
        dialog.done(QDialog.DialogCode.Rejected)
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=3000)
    assert "ChangePasswordDialog" in seen  # the walk reached the dialogs
    assert {name: keys for name, keys in seen.items() if keys} == {}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_payment_dialog_keys_are_its_own(qtbot, file_db, tasks, settings, staff, english,
                                             lang):
    english(lang)
    window = open_window(qtbot, file_db, tasks, settings, "counter")
    window.show_panel("lookup")
    lookup = window.panel("lookup")
    assert isinstance(lookup, LookupPanel)
    dialog = lookup.take_payment(staff)
    qtbot.waitUntil(dialog.post_button.isEnabled, timeout=3000)
    assert clashes(dialog) == {}
