"""The customer view's 消息 tab and the 消息订阅… dialog, by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from console.services.messages.consent import list_bindings
from console.services.payments.counter import post_payment
from tests.billing_helpers import service_hall
from widgets.customers.lookup_panel import LookupPanel
from widgets.desk import Desk
from widgets.messages.customer import attach_messages

OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"


@pytest.fixture
def hall(file_db):
    return service_hall(file_db)


def open_view(qtbot, file_db, tasks, actor):
    lookup = LookupPanel(Desk(file_db, tasks, actor))
    qtbot.addWidget(lookup)
    page = attach_messages(lookup.view, lookup._desk)
    lookup.resize(1100, 700)
    lookup.show()
    return lookup, page


def test_consent_by_keyboard_then_the_tab_lists_the_payment_message(qtbot, file_db, tasks,
                                                                     hall, tmp_path):
    lookup, page = open_view(qtbot, file_db, tasks, hall["clerk"])
    with qtbot.waitSignal(page.sig_loaded, timeout=5000):
        lookup.open_customer(hall["farmer"])
    assert page.model.rowCount() == 0 and "not agreed" in page.bindings_label.text()
    qtbot.mouseClick(page.consent_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert not dialog.ok_button.isEnabled()  # not before the customer agrees
    dialog.address_edit.setFocus()
    qtbot.keyClicks(dialog.address_edit, "12345")  # wechat is first: not an openid
    assert dialog.address_edit.nextInFocusChain() is dialog.agreed_check  # Tab goes there
    qtbot.keyClick(dialog.agreed_check, Qt.Key.Key_Space)
    assert dialog.agreed_check.isChecked() and dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.address_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message_bar.isVisible() and dialog.ok_button.isEnabled(),
                    timeout=5000)
    assert dialog.isVisible()
    dialog.address_edit.clear()
    qtbot.keyClicks(dialog.address_edit, OPENID)
    dialog.grab().save(str(tmp_path / "consent.png"))
    with qtbot.waitSignal(page.sig_loaded, timeout=5000):
        qtbot.keyClick(dialog.address_edit, Qt.Key.Key_Return)
    assert [b.channel for b in list_bindings(file_db, hall["clerk"], hall["farmer"])] == ["wechat"]
    assert "oUp****eS6o" in page.bindings_label.text() and OPENID not in page.bindings_label.text()
    post_payment(file_db, hall["clerk"], customer_id=hall["farmer"], amount="96.40",
                 method="cash", idempotency_key="g1")
    with qtbot.waitSignal(page.sig_loaded, timeout=5000):
        lookup.open_customer(hall["farmer"])
    assert page.model.rowCount() == 1
    cells = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert cells[1:] == ["Payment received", "WeChat", "96.40", "pending"]
    assert lookup.view.models["notices"].rowCount() == 0  # messages are not notices
    lookup.view.tabs.setCurrentWidget(page)
    lookup.grab().save(str(tmp_path / "messages.png"))


def test_an_inspector_sees_messages_but_records_no_consent(qtbot, file_db, tasks, hall):
    from tests import factories as f
    with file_db.session() as s:
        inspector = f.actor(s, hall["unit"], username="insp", role="inspector")
    lookup, page = open_view(qtbot, file_db, tasks, inspector)
    with qtbot.waitSignal(page.sig_loaded, timeout=5000):
        lookup.open_customer(hall["farmer"])
    assert page.consent_button.isHidden()
