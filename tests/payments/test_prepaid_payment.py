"""A prepaid customer at the counter is offered the policy's top-up (issue 13 item 15)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt

from console.models import CostControlPolicy, Customer
from tests.billing_helpers import service_hall
from tests.payments.test_dialog import Receipts, open_dialog, open_panel


@pytest.fixture
def prepaid(file_db):
    h = service_hall(file_db)
    with file_db.session() as s:
        farmer = s.get(Customer, h["farmer"])
        farmer.cost_control_mode = "prepaid"
        h["farmer_no"] = farmer.customer_no
        s.add(CostControlPolicy(name="本所", unit_id=h["unit"].id, alert_balance=D("20.00"),
                                disconnect_balance=D("0.00"), topup_amount=D("100.00")))
    return h


def test_the_dialog_proposes_a_top_up_and_says_what_happens_at_zero(qtbot, file_db, tasks,
                                                                     prepaid):
    receipts = Receipts()
    panel = open_panel(qtbot, file_db, tasks, prepaid["clerk"], receipts, prepaid["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    assert dialog.amount_edit.text() == "200.00"  # 98.62 owed + 100.00, whole tens
    note = dialog.note_label.text()
    assert "the balance will be 101.38 yuan" in note and "98.62 yuan clears" in note
    assert "pre-trip alarm" in note
    dialog.amount_edit.setText("98.62")  # exactly the arrears
    note = dialog.note_label.text()
    assert "this leaves 0.00 yuan, under the alert line of 20.00" in note
    assert "Suggested: 200.00 yuan" in note
    dialog.amount_edit.setText("200.00")
    with qtbot.waitSignal(dialog.sig_payment_posted, timeout=5000) as posted:
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert posted.args[0].balance_after == D("101.38")
