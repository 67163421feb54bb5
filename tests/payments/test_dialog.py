"""Taking a payment at the counter with the keyboard alone (journey 08:05)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from console.models import Customer, Payment
from console.services.payments.counter import post_payment
from tests.billing_helpers import row_counts, service_hall
from widgets.customers.lookup_panel import LookupPanel
from widgets.desk import Desk
from widgets.payments.dialog import PaymentDialog

D = Decimal


class Receipts:
    """Stands in for the printer: keeps the PDFs."""

    def __init__(self) -> None:
        self.printed: list[tuple[bytes, str]] = []

    def __call__(self, pdf: bytes, receipt_no: str, _parent=None) -> str:
        self.printed.append((pdf, receipt_no))
        return f"printed {receipt_no}"


@pytest.fixture
def hall(file_db):
    h = service_hall(file_db)
    with file_db.session() as s:
        h["farmer_no"] = s.get(Customer, h["farmer"]).customer_no
    return h


@pytest.fixture
def receipts():
    return Receipts()


def open_panel(qtbot, file_db, tasks, actor, receipts, number, desk: Desk | None = None):
    """The lookup panel with customer `number` open (on `desk`, else a desk of its own)."""
    panel = LookupPanel(desk or Desk(file_db, tasks, actor), print_receipt=receipts)
    qtbot.addWidget(panel)
    panel.resize(1200, 760)
    panel.show()
    panel.activateWindow()
    panel.focus_search()
    with qtbot.waitSignal(panel.sig_customer_opened, timeout=3000):
        qtbot.keyClicks(panel.lookup.search_edit, number)
        qtbot.keyClick(panel.lookup.search_edit, Qt.Key.Key_Return)
    return panel


def open_dialog(qtbot, panel) -> PaymentDialog:
    qtbot.keyClick(panel.lookup.search_edit, Qt.Key.Key_F5)
    dialog = panel.payment_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.post_button.isEnabled(), timeout=3000)
    dialog.activateWindow()  # its Alt+1..5 shortcuts answer in the active window
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    return dialog


def test_cash_payment_by_keyboard_alone(qtbot, file_db, tasks, hall, receipts):
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], receipts, hall["farmer_no"])
    assert panel.view.fields["amount_due"][1].text() == "98.62"
    dialog = open_dialog(qtbot, panel)
    assert dialog.amount_edit.text() == "98.62"
    assert dialog.bills_model.rowCount() == 1
    assert QApplication.focusWidget() is dialog.tendered_edit
    qtbot.keyClicks(dialog.tendered_edit, "100")
    assert dialog.change_label.text() == "1.38"
    with qtbot.waitSignal(dialog.sig_receipt_done, timeout=5000):
        with qtbot.waitSignal(panel.view.sig_loaded, timeout=5000):
            qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
    assert dialog.posted.change == D("1.38")
    # The dialog closes by itself; receipt number and change stay on the customer view.
    qtbot.waitUntil(lambda: panel.payment_dialog is None, timeout=2000)
    qtbot.waitUntil(lambda: dialog.posted.receipt_no in panel.view.message_bar.text, timeout=3000)
    assert "1.38 yuan</b> change" in panel.view.message_bar.text
    # Shown as rich text: the receipt number in bold, never its <b> tags (Qt 6 took the
    # sentence for plain text, as it does not start with a tag).
    bar = panel.view.message_bar.label
    assert bar.textFormat() == Qt.TextFormat.RichText
    seen = QTextDocument()
    seen.setHtml(bar.text())
    assert "<b>" not in seen.toPlainText() and dialog.posted.receipt_no in seen.toPlainText()
    assert panel.view.fields["amount_due"][1].text() == "0.00"
    pdf, receipt_no = receipts.printed[0]
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert receipt_no in text and "98.62" in text and "1.38" in text


def test_double_enter_posts_once(qtbot, file_db, tasks, hall, receipts):
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], receipts, hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    with qtbot.waitSignal(dialog.sig_receipt_done, timeout=5000):
        qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
        qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
        retry = dialog._post(D("98.62"), None)  # a retry after a timeout: same key
    qtbot.waitUntil(retry.done, timeout=3000)
    assert retry.result().replayed
    with file_db.session() as s:
        assert s.scalar(select(func.count(Payment.id))) == 1


@pytest.mark.parametrize(("amount", "tendered", "message"), [
    ("-5", "", "cannot be negative"),
    ("0", "", "must be more than 0.00"),
    ("NaN", "", "real number"),
    ("98.625", "", "more than two decimals"),
    ("九十八", "", "is not a number"),
    ("", "", "Type the amount to pay"),  # Enter on an empty box asks for an amount
    ("2000000", "", "above the limit"),
    ("98.62", "50", "less than the amount"),
])
def test_bad_amounts_are_refused_and_nothing_is_written(qtbot, file_db, tasks, hall, receipts,
                                                        amount, tendered, message):
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], receipts, hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    with file_db.session() as s:
        before = row_counts(s)
    dialog.amount_edit.setText(amount)
    dialog.tendered_edit.setText(tendered)
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert message in dialog.message_bar.text
    assert dialog.posted is None and dialog.post_button.isEnabled()
    with file_db.session() as s:
        assert row_counts(s) == before


def test_service_refusal_shows_inline(qtbot, file_db, tasks, hall, receipts):
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], receipts, hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    with file_db.session() as s:
        s.get(Customer, hall["farmer"]).status = "closed"  # closed by another desk meanwhile
    qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "account is closed" in dialog.message_bar.text, timeout=3000)
    assert dialog.posted is None and dialog.post_button.isEnabled()


def test_overpayment_by_wechat_goes_to_the_balance(qtbot, file_db, tasks, hall, receipts):
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], receipts, hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    qtbot.keyClicks(dialog.tendered_edit, "10")
    qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert dialog.tendered_edit.text() == "10"  # the method key typed nothing
    assert dialog.method == "wechat" and not dialog.tendered_edit.isVisible()
    assert QApplication.focusWidget() is dialog.amount_edit
    qtbot.keyClicks(dialog.amount_edit, "150")
    assert "51.38 yuan more than is due goes to the account balance" in dialog.note_label.text()
    with qtbot.waitSignal(dialog.sig_receipt_done, timeout=5000):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert dialog.posted.balance_after == D("51.38")


def test_supervisor_reverses_a_payment_with_a_reason(qtbot, file_db, tasks, hall, receipts):
    # The clerk takes the money; the supervisor reverses it (never their own: issue 16).
    post_payment(file_db, hall["clerk"], customer_id=hall["farmer"], amount="98.62",
                 method="cash", idempotency_key="taken-by-clerk")
    panel = open_panel(qtbot, file_db, tasks, hall["boss"], receipts, hall["farmer_no"])
    table = panel.view.tables["payments"]
    table.selectRow(0)
    assert panel.view.reverse_action in table.actions()
    panel.view.reverse_action.trigger()
    from widgets.payments.reversal_dialog import ReversalDialog
    reversal = panel.findChild(ReversalDialog)
    assert reversal is not None and not reversal.ok_button.isEnabled()  # a reason is required
    qtbot.keyClicks(reversal.reason_edit, "wrong customer")
    with qtbot.waitSignal(panel.view.sig_loaded, timeout=5000):
        reversal.ok_button.click()
    assert panel.view.fields["amount_due"][1].text() == "98.62"
    qtbot.waitUntil(lambda: "was reversed" in panel.view.message_bar.text, timeout=2000)


def test_the_clerk_prints_a_receipt_again_from_the_payments_tab(qtbot, file_db, tasks, hall,
                                                                 receipts):
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], receipts, hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    with qtbot.waitSignal(panel.view.sig_loaded, timeout=5000):
        qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(receipts.printed) == 1, timeout=5000)
    qtbot.waitUntil(lambda: panel.payment_dialog is None, timeout=3000)
    table = panel.view.tables["payments"]
    table.selectRow(0)
    assert panel.view.reprint_action in table.actions()
    assert panel.view.reverse_action not in table.actions()  # clerks do not reverse
    panel.view.reprint_action.trigger()
    qtbot.waitUntil(lambda: len(receipts.printed) == 2, timeout=5000)
    assert receipts.printed[1][1] == receipts.printed[0][1]
    assert "printed" in panel.view.message_bar.text


def test_every_column_of_the_bills_is_whole_in_english(qtbot, file_db, tasks, hall, receipts):
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], receipts, hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    view, header = dialog.bills_view, dialog.bills_view.horizontalHeader()
    qtbot.waitUntil(lambda: view.isVisible(), timeout=3000)
    # The dialog is as wide as the table, not cutting it off at its own edge.
    qtbot.waitUntil(lambda: view.geometry().right() < dialog.width(), timeout=3000)
    assert view.horizontalScrollBar().maximum() == 0  # nothing hidden to the right
    metrics = header.fontMetrics()
    for column in range(dialog.bills_model.columnCount()):
        title = dialog.bills_model.headerData(column, Qt.Orientation.Horizontal)
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= view.viewport().width(), title
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title), title


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_method_buttons_show_the_keys_that_choose_them(qtbot, file_db, tasks, hall, receipts,
                                                           english, lang):
    english(lang)
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], receipts, hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    for index, button in enumerate(dialog.method_buttons.buttons()):
        assert button.text().startswith(f"Alt+{index + 1} ")  # not a bare digit
        qtbot.keyClick(dialog.amount_edit, Qt.Key(Qt.Key.Key_1 + index),
                       Qt.KeyboardModifier.AltModifier)
        assert dialog.method_buttons.checkedButton() is button
