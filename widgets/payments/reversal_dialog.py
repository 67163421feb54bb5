"""Reversing a payment (冲正): a supervisor gives the reason; the ledger keeps both."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from console.services.payments.types import ReversedPayment
from widgets.desk import Desk
from widgets.form_dialog import FormDialog

Reverse = Callable[[int, str], ReversedPayment]


class ReversalDialog(FormDialog):
    """Asks for the reason and reverses one payment (off the UI thread)."""

    sig_reversed = Signal(object)
    """The payment was reversed (ReversedPayment)."""

    def __init__(self, desk: Desk, reverse: Reverse, payment_id: int, receipt_no: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._reverse, self._payment_id, self._receipt_no = reverse, payment_id, receipt_no
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(200)
        self.add_row(self.reason_edit)

    def _connect_signals(self) -> None:
        self.reason_edit.textChanged.connect(self._on_reason_edit_text_changed)
        self._on_reason_edit_text_changed(self.reason_edit.text())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Reverse payment"))
        self.intro_label.setText(self.tr(
            "Reverse the payment with receipt no. {receipt}. The bills it paid become unpaid "
            "again and the reversal is recorded with your name and the reason.").format(
                receipt=self._receipt_no))
        self.set_labels(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. wrong customer, amount typed wrongly"))
        self.ok_button.setText(self.tr("Reverse payment"))
        self.cancel_button.setText(self.tr("Cancel"))

    def _on_reason_edit_text_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))

    def _on_ok_clicked(self) -> None:
        reverse, payment_id, reason = self._reverse, self._payment_id, self.reason_edit.text()
        self._save(lambda: reverse(payment_id, reason))

    def _on_saved(self, value: ReversedPayment) -> None:
        self.sig_reversed.emit(value)
