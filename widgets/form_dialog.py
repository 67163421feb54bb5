"""The shape of every small form dialog: intro, labelled rows, message bar, OK/Cancel.

OK runs one write on the task runner; a refusal stays in the dialog's own
message bar so the user can correct the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.desk import Desk
from widgets.errors import MessageBar


class FormDialog(QDialog):
    """Subclasses add rows with `add_row`, and implement `_on_ok_clicked`, `_on_saved`."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setSpacing(10)
        self.labels: list[QLabel] = []  # row labels in order, for retranslate_ui
        self.required: set[int] = set()  # rows (by label index) the user must fill
        self.required_note = QLabel(self, objectName="RequiredNote")
        self.required_note.hide()
        self.message_bar = MessageBar(self, reserve_space=True)  # an error must not push OK away
        # Our own buttons: the name must be set before the first polish for the
        # style sheet's primary look, and a standard button is polished at once.
        self.ok_button, self.cancel_button = QPushButton(self), QPushButton(self)
        self.ok_button.setObjectName("PrimaryButton")
        self.ok_button.setDefault(True)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.intro_label)
        layout.addLayout(self.form)
        layout.addWidget(self.required_note)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)

    def add_row(self, field: QWidget | QLayout) -> QLabel:
        label = QLabel(self)
        self.labels.append(label)
        self.form.addRow(label, field)
        return label

    def mark_required(self, *fields: QWidget) -> None:
        """These rows' labels get a star, and the form says what the star means."""
        for field in fields:
            label = self.form.labelForField(field)
            self.required.add(self.labels.index(label))
        self.required_note.setVisible(bool(self.required))

    def set_labels(self, *texts: str) -> None:
        for row, (label, text) in enumerate(zip(self.labels, texts, strict=True)):
            label.setText(f"{text} *" if row in self.required else text)
        self.required_note.setText(self.tr("* required"))

    def _save(self, call: Callable[[], Any]) -> None:
        """Run the write; `_on_saved(result)` or an inline error when it returns."""
        self.ok_button.setEnabled(False)
        self._desk.run(call, self, self._on_done, self._on_failed, write=True)

    def _on_done(self, value: Any) -> None:
        self.ok_button.setEnabled(True)
        self._on_saved(value)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message_bar.show_error(exc)

    def _on_ok_clicked(self) -> None:
        raise NotImplementedError

    def _on_saved(self, value: Any) -> None:
        raise NotImplementedError
