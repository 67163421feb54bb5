"""The PDF receipt's copies are recorded as the thermal printer's are: the first print and
each reprint (补打, marked on the page and audited), and a copy that failed is not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from console.models import AuditEvent, ReceiptPrint
from console.services.payments.counter import post_payment
from console.services.payments.receipt_prints import receipt_print_state, record_receipt_printed
from reports.receipt import render_receipt
from tests.billing_helpers import service_hall
from tests.payments.test_dialog import (
    Receipts,
    hall,  # noqa: F401 - a fixture, found by its name
    open_dialog,
    open_panel,
)
from tests.payments.test_receipt import RECEIPT, text_of
from widgets.payments.pdf_copies import record_pdf_copy


def copies(file_db) -> list[tuple[int, bool, str]]:
    with file_db.session() as s:
        return [(r.copy_no, r.reprint, r.device) for r in
                s.scalars(select(ReceiptPrint).order_by(ReceiptPrint.copy_no))]


def audited(file_db) -> list[str]:
    with file_db.session() as s:
        return list(s.scalars(select(AuditEvent.action).where(
            AuditEvent.action.like("payment.receipt_%")).order_by(AuditEvent.id)))


def test_a_reprinted_pdf_says_so_beside_its_title():
    assert "补打" not in text_of(render_receipt(RECEIPT))
    assert "（补打）" in text_of(render_receipt(RECEIPT, reprint=True))


def test_the_pdf_receipt_and_its_reprint_are_recorded_and_audited(qtbot, file_db, tasks, hall):  # noqa: F811
    receipts = Receipts()
    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], receipts, hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    qtbot.keyClicks(dialog.tendered_edit, "100")
    with qtbot.waitSignal(dialog.sig_receipt_done, timeout=8000):
        qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
    assert dialog.outcome[1]  # printed
    assert copies(file_db) == [(1, False, "pdf")]
    assert "补打" not in text_of(receipts.printed[0][0])
    qtbot.waitUntil(lambda: panel.payment_dialog is None, timeout=3000)
    panel.view.tables["payments"].selectRow(0)
    panel.view.reprint_action.trigger()
    qtbot.waitUntil(lambda: "reprinted" in panel.view.message_bar.text, timeout=5000)
    assert "marked 补打, copy 2" in panel.view.message_bar.text
    pdf, number = receipts.printed[1]
    assert number == dialog.posted.receipt_no and "（补打）" in text_of(pdf)
    assert copies(file_db) == [(1, False, "pdf"), (2, True, "pdf")]
    assert audited(file_db) == ["payment.receipt_printed", "payment.receipt_reprinted"]


def test_a_pdf_that_could_not_be_printed_is_not_recorded(qtbot, file_db, tasks, hall):  # noqa: F811
    def broken(_pdf: bytes, _number: str, _parent=None) -> str:
        raise OSError("the disk is full")

    panel = open_panel(qtbot, file_db, tasks, hall["clerk"], broken, hall["farmer_no"])
    dialog = open_dialog(qtbot, panel)
    qtbot.keyClicks(dialog.tendered_edit, "100")
    with qtbot.waitSignal(dialog.sig_receipt_done, timeout=8000):
        qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
    assert not dialog.outcome[1] and "the disk is full" in dialog.message_bar.text
    assert copies(file_db) == [] and audited(file_db) == []


def test_pdf_copies_count_on_from_the_thermal_ones_on_each_engine(db):
    desk = service_hall(db)
    clerk = desk["clerk"]
    posted = post_payment(db, clerk, customer_id=desk["farmer"], amount="98.62",
                          method="cash", idempotency_key="pdf1", tendered="100")
    first = record_pdf_copy(db, clerk, posted.payment_id, reprint=False)
    thermal = record_receipt_printed(db, clerk, posted.payment_id, reprint=True,
                                     device="network 127.0.0.1:9100")
    again = record_pdf_copy(db, clerk, posted.payment_id, reprint=True)
    assert (first.copy_no, thermal.copy_no, again.copy_no) == (1, 2, 3)
    assert again.reprint and again.receipt_no == posted.receipt_no
    assert receipt_print_state(db, clerk, posted.payment_id).copies == 3
    with db.session() as s:
        actions = list(s.scalars(select(AuditEvent.action).where(
            AuditEvent.entity_id == str(posted.payment_id),
            AuditEvent.action.like("payment.receipt_%")).order_by(AuditEvent.id)))
        devices = list(s.scalars(select(ReceiptPrint.device).order_by(ReceiptPrint.copy_no)))
    assert actions == ["payment.receipt_printed"] + ["payment.receipt_reprinted"] * 2
    assert devices == ["pdf", "network 127.0.0.1:9100", "pdf"]
