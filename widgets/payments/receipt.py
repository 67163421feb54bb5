"""The payment dialog's last steps: the receipt, the outcome, closing by itself.

Once a payment is recorded its receipt is rendered off the UI thread and
printed (or saved); then the dialog closes itself and `outcome` says what the
clerk should still see on the customer view. Mixed into PaymentDialog.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QTimer

from console.billing.money import ZERO
from console.services.payments.types import PostedPayment
from widgets.domain_labels import method_name, money
from widgets.errors import MessageBar, error_text
from widgets.payments.pdf_copies import record_pdf_copy, render_copy

translate = QCoreApplication.translate


class ReceiptSteps:
    """Receipt and outcome of PaymentDialog (its posted payment, printer, message bar)."""

    def _result_text(self, posted: PostedPayment) -> str:
        done = translate("PaymentDialog", "Payment posted. Receipt no. <b>{receipt}</b>: "
                         "{amount} yuan by {method}.")
        if posted.replayed:  # found by its key: the payment of a lost reply
            done = translate("PaymentDialog", "Recorded before, not charged again. Receipt no. "
                             "<b>{receipt}</b>: {amount} yuan by {method}.")
        done = done.format(receipt=posted.receipt_no, amount=money(posted.amount),
                           method=method_name(posted.method))
        change = ""
        if posted.change is not None and posted.change > ZERO:
            change = translate("PaymentDialog", "Give back <b>{change} yuan</b> change.").format(
                change=money(posted.change))
        balance = translate("PaymentDialog", "Balance now {balance} yuan.").format(
            balance=money(posted.balance_after))
        # Sentences join with a space in English, without one in Chinese.
        return translate("PaymentDialog", "{posted} {change} {balance}").format(
            posted=done, change=change, balance=balance).replace("  ", " ")

    def _render_receipt(self, payment_id: int) -> None:
        if self._printer_config.thermal:  # widgets.payments.thermal_steps
            self._send_thermal(reprint=False)
            return
        db, actor = self._db, self._actor
        self._desk.run(lambda: render_copy(db, actor, payment_id, reprint=False), self,
                       self._on_receipt_rendered, self._on_receipt_failed)

    def _on_receipt_rendered(self, pdf: bytes) -> None:
        assert self.posted is not None
        try:
            said = self._print(pdf, self.posted.receipt_no, self)
        except OSError as exc:
            self._on_receipt_failed(exc)
            return
        # Recorded as a copy, as a thermal receipt is (widgets.payments.pdf_copies).
        db, actor, payment_id = self._db, self._actor, self.posted.payment_id
        self._desk.run(lambda: record_pdf_copy(db, actor, payment_id, reprint=False), self,
                       lambda _copy: self._on_pdf_recorded(said), self._on_record_failed,
                       write=True)

    def _on_pdf_recorded(self, said: str) -> None:
        self.message_bar.show_message(said, MessageBar.Kind.SUCCESS)
        self._receipt_done(said, printed=True)

    def _on_receipt_failed(self, exc: BaseException) -> None:
        said = translate("PaymentDialog", "The payment is recorded, but the receipt could not be "
                         "printed or saved ({error}). Reprint it from the customer's payments."
                         ).format(error=exc if isinstance(exc, OSError) else error_text(exc))
        self.message_bar.show_error(said)
        self._receipt_done(said, printed=False)

    def _receipt_done(self, said: str, *, printed: bool) -> None:
        # Closing only now: closing earlier would drop the receipt.
        assert self.posted is not None
        self._printing = False
        # Rich text for the customer view (the bold receipt number); `said` may carry an
        # error's own words, so it is escaped.
        self.outcome = (f"{self._result_text(self.posted)} {html.escape(said)}", printed)
        self.post_button.setEnabled(True)
        self.sig_receipt_done.emit(said)
        if printed or self.type_ahead.enter:
            # Closed from the event loop, after every listener of the signal has run;
            # the customer view keeps the outcome in sight.
            QTimer.singleShot(0, self, self.accept)

    def _on_type_ahead_close_requested(self) -> None:
        if self.posted is not None and not self._printing:
            self.accept()
