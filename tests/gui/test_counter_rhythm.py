"""The counter's steady state (issue 13 item 3): scan, F5, Enter — three inputs a customer.

Every input goes to whatever widget has the keyboard focus, as a clerk's
keyboard and scanner would send it; the test only waits between inputs.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from console.models import Payment
from tests import factories as f
from tests.billing_helpers import account, add_bill, days_ago
from tests.payments.test_dialog import Receipts
from widgets.customers.lookup_panel import LookupPanel
from widgets.desk import Desk

AMOUNTS = ("96.40", "120.00", "35.55")


@pytest.fixture
def queue(file_db):
    """A clerk and three customers with one open bill each."""
    with file_db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        numbers = []
        for amount in AMOUNTS:
            customer, meter = account(s, unit, tariff)
            add_bill(s, customer, meter, period="2026-09", amount=amount, due=days_ago(-10))  # not yet due: no late fee
            numbers.append(customer.customer_no)
        clerk = f.actor(s, unit, username="clerk", role="counter")
    return clerk, numbers


@pytest.fixture
def panel(qtbot, file_db, tasks, queue):
    receipts = Receipts()
    panel = LookupPanel(Desk(file_db, tasks, queue[0]), print_receipt=receipts)
    panel.receipts = receipts
    qtbot.addWidget(panel)
    panel.resize(1200, 760)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow, timeout=3000)
    panel.focus_search()
    return panel


def focused():
    return QApplication.focusWidget()


def scan(qtbot, number: str) -> None:
    """A barcode scanner: the digits and Enter, typed into the focused widget."""
    widget = focused()
    for digit in number:
        qtbot.keyClick(widget, digit)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def search_ready(panel) -> bool:
    edit = panel.lookup.search_edit
    return focused() is edit and edit.selectedText() == edit.text()


def serve(qtbot, panel, number: str) -> None:
    """One customer: scan, F5, Enter — waiting only for the machine between inputs."""
    assert search_ready(panel)
    scan(qtbot, number)
    qtbot.waitUntil(lambda: panel.view.detail is not None
                    and panel.view.detail.identity.customer_no == number
                    and panel.view.can_take_payment, timeout=5000)
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    dialog = panel.payment_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.post_button.isEnabled() and focused() is dialog.tendered_edit,
                    timeout=5000)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.payment_dialog is None and search_ready(panel), timeout=5000)


def test_three_customers_in_a_row_take_three_inputs_each(qtbot, file_db, panel, queue):
    _clerk, numbers = queue
    for number, amount in zip(numbers, AMOUNTS, strict=True):
        serve(qtbot, panel, number)
        receipt_no = panel.receipts.printed[-1][1]
        # The dialog is gone; the clerk still sees what was paid and the receipt number.
        qtbot.waitUntil(lambda no=receipt_no: no in panel.view.message_bar.text, timeout=5000)
        assert amount in panel.view.message_bar.text
        assert panel.lookup.search_edit.text() == number  # selected: the next scan replaces it
    with file_db.session() as s:
        paid = s.execute(select(Payment.customer_id, func.count(), func.sum(Payment.amount))
                         .group_by(Payment.customer_id)).all()
    assert sorted(str(total) for _cid, _n, total in paid) == sorted(AMOUNTS)
    assert all(n == 1 for _cid, n, _total in paid)
    assert len(panel.receipts.printed) == 3


def test_change_due_stays_in_sight_after_the_dialog_closes(qtbot, panel, queue):
    _clerk, numbers = queue
    scan(qtbot, numbers[0])
    qtbot.waitUntil(lambda: panel.view.can_take_payment, timeout=5000)
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    dialog = panel.payment_dialog
    qtbot.waitUntil(lambda: focused() is dialog.tendered_edit, timeout=5000)
    qtbot.keyClicks(focused(), "100")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.payment_dialog is None, timeout=5000)
    qtbot.waitUntil(lambda: "3.60" in panel.view.message_bar.text, timeout=5000)
    assert "change" in panel.view.message_bar.text


def test_a_scan_while_the_receipt_prints_opens_the_next_customer(qtbot, file_db, panel, queue):
    _clerk, numbers = queue
    printed = []

    def slow_printer(pdf: bytes, receipt_no: str, parent=None) -> str:
        # The next customer's scan arrives while the dialog is still printing.
        scan(qtbot, numbers[1])
        printed.append(receipt_no)
        return f"printed {receipt_no}"

    panel._print_receipt = slow_printer
    scan(qtbot, numbers[0])
    qtbot.waitUntil(lambda: panel.view.can_take_payment, timeout=5000)
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    dialog = panel.payment_dialog
    qtbot.waitUntil(lambda: focused() is dialog.tendered_edit, timeout=5000)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.detail is not None
                    and panel.view.detail.identity.customer_no == numbers[1], timeout=5000)
    assert panel.lookup.search_edit.text() == numbers[1]  # no digit lost
    assert printed and panel.payment_dialog is None
    with file_db.session() as s:
        assert s.scalar(select(func.count(Payment.id))) == 1
        assert s.scalar(select(Payment.amount)) == Decimal(AMOUNTS[0])


def test_a_payment_does_not_reload_the_customers_chart(qtbot, panel, queue):
    _clerk, numbers = queue
    loads = []
    chart = panel.view.chart
    assert chart is not None
    original = chart.set_customer
    chart.set_customer = lambda cid, *a, **k: (loads.append(cid), original(cid, *a, **k))
    serve(qtbot, panel, numbers[0])
    qtbot.waitUntil(lambda: panel.view.fields["amount_due"][1].text() == "0.00", timeout=5000)
    assert len(loads) == 1  # opened once; the reload after the payment left it drawing live
