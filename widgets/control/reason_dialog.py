"""Ask for the reason behind a rejection or a cancellation; OK only once one is written."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.services.control.queries import QueueRow
from widgets.control.labels import action_name

MAX_REASON = 500
translate = QCoreApplication.translate


class ReasonDialog(QDialog):
    """A prompt, a text box and OK/Cancel; the requester reads what is written here."""

    sig_reason_given = Signal(str)
    """OK was pressed with this reason (stripped, never empty)."""

    def __init__(self, title: str, prompt: str, ok_text: str,
                 parent: QWidget | None = None, *, limit: int = MAX_REASON) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setWindowTitle(title)
        self.prompt_label = QLabel(prompt, self)
        self.prompt_label.setWordWrap(True)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setTabChangesFocus(True)  # Tab reaches the buttons from the keyboard
        self.reason_edit.setFixedHeight(90)
        self.ok_button, self.cancel_button = QPushButton(ok_text, self), QPushButton(self)
        self.ok_button.setObjectName("PrimaryButton")
        self.ok_button.setDefault(True)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.hint_label = QLabel(self, objectName="FieldCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.reason_edit.textChanged.connect(self._on_reason_edit_text_changed)
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        self._on_reason_edit_text_changed()

    def retranslate_ui(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.hint_label.setText(self.tr("A reason is required (at most {n} characters).")
                                .format(n=self.limit))

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _on_reason_edit_text_changed(self) -> None:
        self.ok_button.setEnabled(0 < len(self.reason) <= self.limit)

    def _on_ok_clicked(self) -> None:
        if self.ok_button.isEnabled():
            self.sig_reason_given.emit(self.reason)
            self.accept()


def decision_dialog(what: str, row: QueueRow, parent: QWidget | None = None) -> ReasonDialog:
    """The reason prompt for rejecting ("reject") or cancelling ("cancel") `row`."""
    subject = translate("ControlPanel", "{action} of {customer} ({number})").format(
        action=action_name(row.action), customer=row.customer_name, number=row.customer_no)
    if what == "reject":
        return ReasonDialog(translate("ControlPanel", "Reject the request"), translate(
            "ControlPanel", "Reject: {subject}. The requester reads your reason.").format(
                subject=subject), translate("ControlPanel", "Reject"), parent)
    return ReasonDialog(translate("ControlPanel", "Cancel the command"), translate(
        "ControlPanel", "Cancel: {subject}. It has not reached the meter yet.").format(
            subject=subject), translate("ControlPanel", "Cancel command"), parent)
