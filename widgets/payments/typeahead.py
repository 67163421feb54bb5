"""Keys typed into a payment dialog that has posted: the next customer's scan.

Once a payment is recorded the dialog only waits for its receipt and then
closes by itself. A clerk in the steady rhythm (scan, F5, Enter) may already
scan the next customer meanwhile; those digits and their Enter must reach the
search box, not vanish into read-only fields or close the dialog early.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class TypeAhead(QObject):
    """Collects the text and the Enter typed into `dialog` after `start()`."""

    sig_close_requested = Signal()
    """Enter or Esc: the clerk is done with this dialog (it closes once the receipt is out)."""

    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)  # no Python reference back: no cycle for the GC to break
        self.text = ""
        self.enter = False  # the typed text ended with Enter: search it at once
        self.active = False

    def start(self) -> None:
        """From now on the dialog itself holds the focus and its keys are collected."""
        if self.active:
            return
        self.active = True
        dialog = self.parent()
        dialog.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        dialog.installEventFilter(self)
        dialog.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.parent() and event.type() == QEvent.Type.KeyPress:
            self._on_key(event)  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def _on_key(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in ENTER_KEYS:
            self.enter = bool(self.text)
            self.sig_close_requested.emit()
        elif key == Qt.Key.Key_Escape:
            self.sig_close_requested.emit()
        elif key == Qt.Key.Key_Backspace:
            self.text = self.text[:-1]
        elif event.text().isprintable() and event.text():
            self.text += event.text()
            self.enter = False
