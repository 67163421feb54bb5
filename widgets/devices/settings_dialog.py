"""Workstation settings (本机设置): the counter PC's own devices, one tab each.

The receipt printer and cash drawer page is built here; the display and scanner pages
are added by their features with `add_page(title, widget)`. OK calls `save()` on every
page that has one, Cancel keeps what was stored.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from widgets.desk import Desk
from widgets.devices.printer_page import PrinterPage


class WorkstationSettingsDialog(QDialog):
    """This workstation's devices; pages are QWidgets, saved on OK when they have save()."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, *,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._build_ui()
        self.printer_page = PrinterPage(desk, self, settings=settings)
        self.add_page(self.tr("Receipt printer and drawer"), self.printer_page)
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.tabs = QTabWidget(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Workstation settings"))
        self.tabs.setTabText(0, self.tr("Receipt printer and drawer"))

    def add_page(self, title: str, widget: QWidget) -> int:
        """A tab for another device's page (title already translated); its index."""
        widget.setParent(self.tabs)
        return self.tabs.addTab(widget, title)

    def pages(self) -> list[QWidget]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def accept(self) -> None:
        for page in self.pages():
            save = getattr(page, "save", None)
            if callable(save):
                save()
        self._desk.sig_printer_used.emit()  # the status bar shows the printer now set up
        super().accept()
