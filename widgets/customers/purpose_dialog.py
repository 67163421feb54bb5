"""Ask why personal data is needed before it is revealed or exported: one purpose from the
fixed list (console.models.enums.AccessPurpose), recorded with the audit event (PIPL)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from console.models.enums import AccessPurpose
from widgets.desk import Desk
from widgets.form_dialog import FormDialog
from widgets.vocabulary import label

# A management report is about many customers, never a reason to look at one.
OFFERED = tuple(p for p in AccessPurpose if p != AccessPurpose.REPORTING)


def fill_purposes(combo: QComboBox, purposes=OFFERED, *,
                  current: str = AccessPurpose.COUNTER_SERVICE) -> None:
    """The purposes in words, their codes as item data; `current` selected."""
    combo.clear()
    for purpose in purposes:
        combo.addItem(label(AccessPurpose, purpose), purpose.value)
    combo.setCurrentIndex(max(0, combo.findData(str(current))))


class PurposeDialog(FormDialog):
    """A question, the purposes and OK/Cancel; nothing happens on Cancel. The caller does
    the reveal or export with the purpose chosen (the record is written with it)."""

    sig_purpose_chosen = Signal(str)
    """OK was pressed with this purpose code."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, *,
                 current: str = AccessPurpose.COUNTER_SERVICE, prompt: str = "",
                 ok_text: str = "") -> None:
        super().__init__(desk, parent)
        self._prompt, self._ok_text = prompt, ok_text  # "": the reveal's words
        self.purpose_combo = QComboBox(self)
        fill_purposes(self.purpose_combo, current=current)
        self.add_row(self.purpose_combo)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Purpose"))
        self.intro_label.setText(self._prompt or self.tr(
            "Why do you need the whole phone and ID numbers? The purpose is recorded with "
            "your name in the audit trail."))
        self.set_labels(self.tr("Purpose"))
        self.ok_button.setText(self._ok_text or self.tr("Show"))
        self.cancel_button.setText(self.tr("Cancel"))

    @property
    def purpose(self) -> str:
        return str(self.purpose_combo.currentData())

    def _on_ok_clicked(self) -> None:
        self.sig_purpose_chosen.emit(self.purpose)
        self.accept()
