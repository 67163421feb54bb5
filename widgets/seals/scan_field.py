"""The scan box: a USB scanner types the code and Enter; people type it too."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from console.seals import qr
from widgets.resources import icon

# A signed QR payload is a few hundred characters; Qt's default (32767) is plenty
# but an upper bound keeps a scanner stuck on repeat from filling memory.
MAX_SCAN = 2000


class ScanField(QLineEdit):
    """Emits the scanned text on Enter, then empties itself for the next seal."""

    sig_scanned = Signal(str)
    """A scan (or typed code) was completed with Enter; carries the text as read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ScanField")
        self.setMaxLength(MAX_SCAN)
        self.setClearButtonEnabled(True)
        self.addAction(icon("scan"), QLineEdit.ActionPosition.LeadingPosition)
        self.setMinimumHeight(40)
        self.setStyleSheet("#ScanField { font-size: 13pt; padding-left: 4px; }")
        self.returnPressed.connect(self._on_return_pressed)

    def sizeHint(self) -> QSize:
        return QSize(520, super().sizeHint().height())

    def _on_return_pressed(self) -> None:
        text = self.text().strip()
        self.clear()
        if text:
            self.sig_scanned.emit(text)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Select nothing: a scanner's first keystroke must not be swallowed by a selection.
        super().focusInEvent(event)
        self.deselect()
        self.setCursorPosition(len(self.text()))

    def take_focus(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)


class ScanList(QListWidget):
    """The scans of one check or count, each once; shows the seal number a QR names."""

    def texts(self) -> list[str]:
        """The texts as the scanner sent them (the service reads and verifies each)."""
        return [self.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.count())]

    def add_scan(self, text: str) -> bool:
        """False (and nothing added) when the same text was scanned already."""
        if text in self.texts():
            return False
        code = qr.parse(text)
        shown = (QCoreApplication.translate("Seals", "{seal}   (QR code)").format(
            seal=code.seal_no) if code else text)
        item = QListWidgetItem(shown, self)
        item.setData(Qt.ItemDataRole.UserRole, text)
        item.setToolTip(text)
        self.scrollToBottom()
        return True
