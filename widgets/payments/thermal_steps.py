"""The payment dialog's receipt on a thermal printer (issue 19), mixed into PaymentDialog.

After the commit: the receipt and (cash only) the drawer kick go in one job to a printer
that said it is ready, then the printed copy is recorded. A printer out of paper, open or
off leaves the receipt "not printed": the clerk is told what to do, the dialog stays open
with Reprint, and the payment — already committed — is not touched. The reprint is
marked 补打 and audited; it opens the drawer only if the first attempt did not.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from console.devices.transport import PrinterConfig
from console.models.enums import PaymentMethod
from console.services.payments.receipt_prints import ReceiptCopy
from widgets.desk import Desk
from widgets.devices.printer_words import failure_text, joined
from widgets.devices.thermal import SentReceipt, record_printed, send_receipt
from widgets.errors import MessageBar, error_text

translate = QCoreApplication.translate


class ThermalSteps:
    """Needs the dialog's desk, posted payment, reprint button, message bar and
    `_receipt_done` (widgets.payments.receipt.ReceiptSteps)."""

    _printer_config: PrinterConfig
    _drawer_kicked = False

    def _send_thermal(self, *, reprint: bool) -> None:
        assert self.posted is not None
        db, actor, config, payment_id = (self._db, self._actor, self._printer_config,
                                         self.posted.payment_id)
        # The drawer opens once per cash payment: with the first receipt that prints.
        open_drawer = self.posted.method == PaymentMethod.CASH and not self._drawer_kicked
        self._printing = True
        self.reprint_button.setEnabled(False)
        self._desk.run(lambda: send_receipt(db, actor, config, payment_id,
                                            open_drawer=open_drawer, reprint=reprint),
                       self, self._on_thermal_sent, self._on_thermal_failed)

    def _on_thermal_sent(self, sent: SentReceipt) -> None:
        self._drawer_kicked = self._drawer_kicked or sent.kicked
        self._desk.sig_printer_used.emit()  # the status bar reads the printer again
        db, actor, config = self._db, self._actor, self._printer_config
        self._desk.run(lambda: record_printed(db, actor, config, sent), self,
                       lambda copy: self._on_thermal_recorded(sent, copy),
                       self._on_record_failed, write=True)

    def _on_thermal_recorded(self, sent: SentReceipt, copy: ReceiptCopy) -> None:
        said = (translate("PaymentDialog", "Receipt reprinted (marked 补打, copy {copy}).")
                .format(copy=copy.copy_no) if sent.reprint
                else translate("PaymentDialog", "Receipt printed."))
        if sent.kicked:
            said = joined(said, translate("PaymentDialog", "The cash drawer is open."))
        if sent.status.drawer_open:  # as the printer reported it before this job
            said = joined(said, translate("PaymentDialog", "The cash drawer was already open "
                                          "before this receipt: close it after each sale."))
        self.reprint_button.hide()
        self.message_bar.show_message(said, MessageBar.Kind.SUCCESS)
        self._receipt_done(said, printed=True)

    def _on_thermal_failed(self, exc: BaseException) -> None:
        self._desk.sig_printer_used.emit()  # the status bar shows what stopped it
        problem = failure_text(exc) or error_text(exc)
        said = translate("PaymentDialog", "The payment is recorded, once. The receipt was NOT "
                         "printed: {problem} Then press \"Reprint receipt\" (Alt+R).").format(
            problem=problem)
        if self.posted is not None and self.posted.method == PaymentMethod.CASH \
                and not self._drawer_kicked:
            said = joined(said, translate("PaymentDialog", "The cash drawer opens when the "
                                          "receipt prints."))
        self.message_bar.show_error(said)
        self.reprint_button.show()
        self.reprint_button.setEnabled(True)
        self._receipt_done(said, printed=False)

    def _on_record_failed(self, exc: BaseException) -> None:
        # On paper, but not in the database: a reprint would record it (as 补打).
        said = translate("PaymentDialog", "The receipt printed, but it could not be recorded "
                         "as printed ({error}).").format(error=error_text(exc))
        self.message_bar.show_error(said)
        self._receipt_done(said, printed=True)

    def _on_reprint_button_clicked(self) -> None:
        if self.posted is not None and not self._printing:
            self.message_bar.clear()
            self._send_thermal(reprint=True)


def reprint_thermal(desk: Desk, owner: QObject, config: PrinterConfig, payment_id: int,
                    bar: MessageBar) -> None:
    """The customer view's "Print the receipt again" on the thermal printer: marked 补打,
    recorded and audited; never opens the drawer. The outcome shows on `bar`."""
    db, actor = desk.db, desk.actor

    def sent(receipt: SentReceipt) -> None:
        desk.sig_printer_used.emit()
        desk.run(lambda: record_printed(db, actor, config, receipt), owner,
                 lambda copy: bar.show_success(translate(
                     "PaymentDialog", "Receipt {receipt} reprinted (marked 补打, copy {copy})."
                 ).format(receipt=copy.receipt_no, copy=copy.copy_no)), bar.show_error,
                 write=True)

    def failed(exc: BaseException) -> None:
        desk.sig_printer_used.emit()
        problem = failure_text(exc)
        bar.show_error(translate("PaymentDialog", "The receipt was not printed: {problem} Then "
                                 "print it again.").format(problem=problem) if problem else exc)

    desk.run(lambda: send_receipt(db, actor, config, payment_id, reprint=True), owner, sent,
             failed)
