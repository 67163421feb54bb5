"""The supervisors' held-payments panel (手机缴费待处理) over the real gateway, both engines:
held money appears (also while the panel is open), is posted by keyboard to the customer
the supervisor types, and leaves the list; a clerk has no such panel. A channel payment's
receipt and history name the channel where a clerk's name would stand."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from console.channels.simulator import send
from console.models import AuditEvent, HeldNotification, LedgerEntry, Payment
from console.services.channels.held import held_payments
from console.services.payments.receipts import receipt_data
from reports.receipt import render_receipt
from reports.receipt_escpos import escpos_receipt
from tests.channels.test_held import number
from widgets.channels.model import Column
from widgets.channels.panel import HeldPanel
from widgets.channels.post_dialog import PostHeldDialog
from widgets.desk import Desk
from widgets.navigation import visible_panels

Key, Ctrl = Qt.Key, Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def open_panel(qtbot, db, tasks, english):
    english("en")
    opened = []

    def open_(actor, *, poll_ms=60000):
        panel = HeldPanel(Desk(db, tasks, actor), poll_ms=poll_ms)
        qtbot.addWidget(panel)
        panel.resize(1100, 500)
        with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
            panel.show()
        opened.append(panel)
        return panel

    yield open_
    for panel in opened:
        panel.hide()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)


def active(qtbot, dialog):
    """The dialog as the window keys go to (offscreen, nothing activates it by itself)."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    return dialog


def cells(panel, row=0):
    return [panel.model.index(row, c).data() for c in Column]


def test_held_money_appears_live_and_refusals_are_summed(qtbot, db, hall, gateway, wechat,
                                                         open_panel, tmp_path):
    assert send(f"{gateway}/wechat/notify",
                wechat.notification("4200000301", "9999999999", 5000))[0] == 204
    headers, body = wechat.notification("4200000302", number(db, hall), 5000)
    send(f"{gateway}/wechat/notify", (headers, body + b" "))  # forged: one byte changed
    panel = open_panel(hall["boss"], poll_ms=200)
    assert panel.model.rowCount() == 1
    channel, txn, _at, sent, amount, reason = cells(panel)
    assert (channel, txn, sent, amount, reason) == (
        "WeChat Pay", "4200000301", "9999999999", "50.00", "No such customer number")
    assert "1 forged" in panel.refusals_label.text()
    assert "1 held payment" in panel.count_label.text()
    # A new one arrives while the panel is open: it shows without anyone pressing a key.
    assert send(f"{gateway}/wechat/notify",
                wechat.notification("4200000303", number(db, hall), 4999))[0] == 204
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    assert cells(panel, 1)[5] == "Amount is not what is due (due 50.00)"
    label = panel.refusals_label  # laid out once the event loop has run: the words whole
    qtbot.waitUntil(lambda: label.width() >= label.sizeHint().width(), timeout=3000)
    panel.grab().save(str(tmp_path / "held-panel.png"))


def test_the_supervisor_posts_it_to_the_right_customer_by_keyboard(qtbot, db, hall, gateway,
                                                                   wechat, open_panel):
    assert send(f"{gateway}/wechat/notify",
                wechat.notification("4200000311", "9999999999", 5000))[0] == 204
    panel = open_panel(hall["boss"])
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Key.Key_Return, Ctrl)
    qtbot.waitUntil(lambda: isinstance(panel.dialog, PostHeldDialog)
                    and panel.dialog.isVisible(), timeout=3000)
    dialog = active(qtbot, panel.dialog)
    # The number sent is unknown: the lookup says so and Post stays off.
    qtbot.waitUntil(lambda: dialog.message_bar.text != "", timeout=5000)
    assert not dialog.ok_button.isEnabled()
    dialog.number_edit.selectAll()
    qtbot.keyClicks(dialog.number_edit, number(db, hall))
    qtbot.keyClick(dialog.number_edit, Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=5000)
    assert "exactly what is due" in dialog.check_label.text()
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        qtbot.keyClick(QApplication.focusWidget(), Key.Key_Return)
    assert panel.model.rowCount() == 0
    assert "Posted: receipt" in panel.message_bar.text
    with db.session() as s:
        [payment] = s.scalars(select(Payment))
        assert (payment.customer_id, payment.amount) == (hall["customer"], Decimal("50.00"))
        assert s.scalar(select(func.count()).select_from(LedgerEntry).where(
            LedgerEntry.payment_id == payment.id, LedgerEntry.kind == "payment")) == 1
        assert s.scalars(select(HeldNotification.state)).all() == ["resolved"]
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "channel.held_posted")) == 1


def test_a_clerk_has_no_such_panel():
    assert "held_payments" in [p.key for p in visible_panels("supervisor")]
    for role in ("counter", "inspector", "admin"):
        assert "held_payments" not in [p.key for p in visible_panels(role)]


def test_a_channel_payment_names_its_channel_on_the_receipt(db, hall, gateway, alipay):
    assert send(f"{gateway}/alipay/notify", alipay.form(
        alipay.params("2026120722301", number(db, hall), "50.00")))[1] == b"success"
    assert held_payments(db, hall["boss"]) == ()
    with db.session() as s:
        payment_id = s.scalars(select(Payment.id)).one()
    receipt = receipt_data(db, hall["clerk"], payment_id)
    assert receipt.operator == "支付宝"
    text = PdfReader(io.BytesIO(render_receipt(receipt))).pages[0].extract_text()
    assert "收费员：支付宝" in text.replace(" ", "")
    assert "收费员：支付宝".encode("gb18030") in escpos_receipt(receipt)


def test_the_daily_collection_names_the_channel_and_asks_no_cash_up_of_it(db, hall, gateway,
                                                                          wechat):
    from console.services.report_data.cash import daily_collection_data
    from console.timeutil import local_today

    assert send(f"{gateway}/wechat/notify",
                wechat.notification("4200000321", number(db, hall), 5000))[0] == 204
    data = daily_collection_data(db, hall["boss"], start=local_today(), end=local_today())
    assert [(line.operator, line.method, line.count) for line in data.lines] == [
        ("微信支付", "wechat", 1)]
    assert [p.operator for p in data.payments] == ["微信支付"]
    assert data.open_operators == ()  # no till behind a phone payment


def test_marking_for_refund_by_keyboard_needs_a_note(qtbot, db, hall, gateway, wechat,
                                                     open_panel):
    assert send(f"{gateway}/wechat/notify",
                wechat.notification("4200000331", "9999999999", 5000))[0] == 204
    panel = open_panel(hall["boss"])
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Key.Key_F, Ctrl | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible(), timeout=3000)
    dialog = active(qtbot, panel.dialog)
    assert not dialog.ok_button.isEnabled()  # no note, no refund
    dialog.reason_edit.insertPlainText("户号填错，退回客户")  # typed through the IME
    qtbot.keyClick(dialog.reason_edit, Key.Key_Tab)
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        qtbot.keyClick(QApplication.focusWidget(), Key.Key_Return)
    assert panel.model.rowCount() == 0
    assert panel.message_bar.text == "Marked for refund."
    with db.session() as s:
        assert s.scalars(select(Payment)).all() == []
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "channel.held_refund")) == 1
