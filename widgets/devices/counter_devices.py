"""The customer display and the scanners, hooked to a main window.

    self.devices = CounterDevices(self, settings)     # in MainWindow.__init__

It follows the Lookup panel (built on first use, built again after a password change):
each payment dialog it opens feeds the display, and so does its switch strip. The pages
(DisplayPage, ScannerPage) are tabs of the workstation settings dialog (Account menu).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QWidget

from console.services.permissions import Permission, allowed
from widgets.devices.display_link import DisplayLink
from widgets.devices.display_page import DisplayPage
from widgets.devices.scan_router import ScanRouter
from widgets.devices.scanner_config import ScannerConfig
from widgets.devices.scanner_page import ScannerPage

if TYPE_CHECKING:
    from widgets.devices.settings_dialog import WorkstationSettingsDialog
    from widgets.main_window import MainWindow


class CounterDevices(QObject):
    """Owns the scan router and the display link of one main window."""

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self.settings = settings
        self.router = ScanRouter(ScannerConfig.load(settings), fallback=self._lookup_box,
                                 parent=self)
        self.display = DisplayLink(window.actor.unit_name, settings, window, self,
                                   serves_customers=allowed(window.actor.role,
                                                            Permission.TAKE_PAYMENT))
        self._wired: weakref.WeakSet[QObject] = weakref.WeakSet()
        window.sig_panel_changed.connect(self._on_panel_changed)
        self.router.sig_serial_error.connect(self._say_until_back)
        self.router.sig_serial_reopened.connect(self._say)
        self.router.sig_scan_refused.connect(self._say)
        window.installEventFilter(self)
        QTimer.singleShot(0, self._start)

    def _start(self) -> None:
        self.display.place()
        if error := self.router.apply(self.router.config):
            self._say(error)

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 15000)

    def _say_until_back(self, text: str) -> None:
        """A lost scanner stays said until it is back (sig_serial_reopened replaces it)."""
        self._window.statusBar().showMessage(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self._window:
            if event.type() == QEvent.Type.Close:
                self.router.stop_serial()  # a logout: the next login opens the port again
                self.display.display.hide()
        return super().eventFilter(watched, event)

    def _lookup_box(self) -> QWidget | None:
        """Where a serial scan goes when no window has the focus: the customer search."""
        window = self._window
        if "lookup" not in window.panel_keys():
            return None
        window.show_panel("lookup")
        panel: Any = window.panel("lookup")
        return panel.lookup.search_edit

    def _on_panel_changed(self, key: str) -> None:
        if key != "lookup":
            return
        panel: Any = self._window.panel(key)
        if panel in self._wired or not hasattr(panel, "sig_payment_dialog_opened"):
            return
        self._wired.add(panel)
        panel.sig_payment_dialog_opened.connect(self.display.follow)
        panel.sig_customer_opened.connect(self.display.customer_opened)
        strip = getattr(panel.view, "control_strip", None)
        if strip is not None:
            self.display.watch_commands(strip.sig_command_shown)

    def add_pages(self, dialog: WorkstationSettingsDialog) -> None:
        """The display's and the scanner's tabs in the workstation settings dialog."""
        add_device_pages(dialog, self.display, self.router, self.settings)


def add_device_pages(dialog: WorkstationSettingsDialog, display: DisplayLink, router: ScanRouter,
                     settings: QSettings) -> None:
    dialog.add_page(QCoreApplication.translate("CounterDevices", "Customer display"),
                    DisplayPage(display, dialog))
    dialog.add_page(QCoreApplication.translate("CounterDevices", "Scanner"),
                    ScannerPage(router, settings, dialog))
