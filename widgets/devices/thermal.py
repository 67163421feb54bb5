"""A payment's receipt to the workstation's thermal printer, off the UI thread.

    sent = send_receipt(db, actor, config, payment_id, open_drawer=True)   # read pool
    copy = record_printed(db, actor, config, sent)                          # write queue

Two steps because the first waits on the printer (up to its timeout) and must not hold
the single write queue meanwhile; the second only writes the printed record. No Qt here:
the benchmark runs the same two steps.

The drawer is kicked in the receipt's own job, and only for a cash payment: the payment
id exists only once the payment is committed, and the method is read from the stored
payment, not from what the dialog thought it was. The customer view's reprint never
kicks; the payment dialog's reprint does when the first attempt found the printer out of
paper, so a cash payment opens the drawer once, when its receipt prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.db import Database
from console.devices.escpos import CENTER, EscPos, drawer_kick
from console.devices.status import PrinterStatus
from console.devices.transport import PrinterConfig, deliver
from console.models.enums import PaymentMethod
from console.services.actor import Actor
from console.services.payments.receipt_prints import ReceiptCopy, record_receipt_printed
from console.services.payments.receipts import receipt_data
from reports.receipt_escpos import escpos_receipt


@dataclass(frozen=True)
class SentReceipt:
    """A receipt job a ready printer took."""

    payment_id: int
    receipt_no: str
    status: PrinterStatus  # read just before sending
    kicked: bool  # the job opened the cash drawer
    reprint: bool


def send_receipt(db: Database, actor: Actor, config: PrinterConfig, payment_id: int, *,
                 open_drawer: bool = False, reprint: bool = False) -> SentReceipt:
    """The committed payment's receipt (补打 when `reprint`) sent to a ready printer, with
    the drawer kick when `open_drawer` and the payment was cash. PrinterNotReady or
    ReceiptPrinterUnavailable when it could not go: nothing was printed, nothing kicked."""
    data = receipt_data(db, actor, payment_id)
    kick = open_drawer and data.method == PaymentMethod.CASH and not data.reversed
    job = escpos_receipt(data, paper=config.paper, reprint=reprint)
    status = deliver(config, (drawer_kick() if kick else b"") + job)
    return SentReceipt(payment_id, data.receipt_no, status, kick, reprint)


def record_printed(db: Database, actor: Actor, config: PrinterConfig,
                   sent: SentReceipt) -> ReceiptCopy:
    """The printed record of a sent receipt (a reprint is audited as one)."""
    return record_receipt_printed(db, actor, sent.payment_id, reprint=sent.reprint,
                                  device=f"{config.kind} {config.where}")


def print_test_page(config: PrinterConfig) -> PrinterStatus:
    """A short page in Chinese, its QR and Code 128, to check a printer from the settings."""
    out = EscPos(config.paper).align(CENTER).bold(True).size(height=2).line("打印测试页")
    out.size().bold(False).line(f"纸宽 {config.paper_mm} mm · {config.where}")
    out.line("中文：国网供电营业厅 ￥123.45").feed(1).qr("GRIDDESK-TEST").feed(1)
    out.code128("1234567890").cut()
    return deliver(config, out.getvalue())
