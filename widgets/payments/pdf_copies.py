"""The PDF receipt's copies, recorded as the thermal printer's are (issue 19).

    pdf = render_copy(db, actor, payment_id, reprint=True)        # read pool: marked 补打
    copy = record_pdf_copy(db, actor, payment_id, reprint=True)   # write queue, once printed

A workstation without a thermal printer prints the A5 PDF (or saves it when no printer
is installed): each copy that left the workstation is a row in receipt_print with the
device "pdf", and a reprint is marked 补打 on the page and audited
("payment.receipt_reprinted"), as on the thermal printer. A copy that could not be
printed or saved is not recorded.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from console.db import Database
from console.services.actor import Actor
from console.services.payments.receipt_prints import ReceiptCopy, record_receipt_printed
from console.services.payments.receipts import receipt_data
from reports.receipt import render_receipt
from widgets.desk import Desk
from widgets.devices.printer_words import joined
from widgets.errors import MessageBar
from widgets.payments.receipt_printer import PrintReceipt

translate = QCoreApplication.translate
PDF_DEVICE = "pdf"


def render_copy(db: Database, actor: Actor, payment_id: int, *, reprint: bool) -> bytes:
    return render_receipt(receipt_data(db, actor, payment_id), reprint=reprint)


def record_pdf_copy(db: Database, actor: Actor, payment_id: int, *,
                    reprint: bool) -> ReceiptCopy:
    return record_receipt_printed(db, actor, payment_id, reprint=reprint, device=PDF_DEVICE)


def reprint_pdf(desk: Desk, parent: QWidget, printer: PrintReceipt, payment_id: int,
                receipt_no: str, bar: MessageBar) -> None:
    """The customer view's "Print the receipt again" as a PDF: marked 补打, printed (or
    saved), then recorded and audited. The outcome shows on `bar`."""
    db, actor = desk.db, desk.actor

    def rendered(pdf: bytes) -> None:
        try:
            said = printer(pdf, receipt_no, parent)
        except OSError as exc:
            bar.show_error(str(exc))
            return
        desk.run(lambda: record_pdf_copy(db, actor, payment_id, reprint=True), parent,
                 lambda copy: bar.show_success(joined(said, translate(
                     "PaymentDialog", "Receipt {receipt} reprinted (marked 补打, copy {copy})."
                 ).format(receipt=copy.receipt_no, copy=copy.copy_no))), bar.show_error,
                 write=True)

    desk.run(lambda: render_copy(db, actor, payment_id, reprint=True), parent, rendered,
             bar.show_error)
