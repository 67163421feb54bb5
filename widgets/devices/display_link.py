"""The customer display's place and what it is told: which screen, which payment, which
reconnect.

The display goes full screen, frameless, on a screen other than the main window's
whenever one is attached (screens come and go: a USB display is plugged in mid-day);
with none it stays hidden and the settings page previews it in a window.

Its figures come from the payment dialog's signals (`sig_customer_chosen`,
`sig_amounts_changed`, `sig_scan_code`, `sig_payment_posted`); "power restored" from the customer view's
switch strip (widgets.control.customer_strip), which follows the reconnect a clearing
payment queues until the meter confirms it. By then the payment dialog has long closed,
so the strip, not the dialog, is the one that knows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QObject, QSettings, Qt, SignalInstance
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from console.models.enums import CommandAction, CommandState
from console.services.control.queries import QueueRow
from console.services.payments.types import PostedPayment
from widgets.devices.customer_display import PASSIVE, SLIDE_MS, CustomerDisplay
from widgets.payments.counter_amounts import CounterAmounts, counter_amounts

SLACK = dt.timedelta(seconds=30)  # the collector's clock against this desk's
PREVIEW_SIZE = (960, 540)


def customer_screen(screens: Sequence[QScreen], main: QScreen | None) -> QScreen | None:
    """The screen the customer faces: the first that is not the clerk's."""
    return next((s for s in screens if s is not main), None) if len(screens) > 1 else None


class DisplaySettings:
    """The display's workstation settings (QSettings `display/...`)."""

    def __init__(self, settings: QSettings, *, on_by_default: bool = True) -> None:
        self._settings = settings
        self._default = "true" if on_by_default else "false"

    @property
    def enabled(self) -> bool:
        return str(self._settings.value("display/enabled", self._default)).lower() == "true"

    @property
    def hours(self) -> str:
        return str(self._settings.value("display/hours", "") or "")[:200]

    @property
    def slide_seconds(self) -> int:
        try:
            return min(max(int(str(self._settings.value("display/slide_seconds", 8))), 3), 120)
        except ValueError:
            return SLIDE_MS // 1000

    def save(self, *, enabled: bool, hours: str, slide_seconds: int) -> None:
        self._settings.setValue("display/enabled", "true" if enabled else "false")
        self._settings.setValue("display/hours", hours[:200])
        self._settings.setValue("display/slide_seconds", slide_seconds)
        self._settings.sync()


class DisplayLink(QObject):
    """Owns the customer display; places it and feeds it."""

    def __init__(self, hall_name: str, settings: QSettings, main: QWidget | None = None,
                 parent: QObject | None = None, *, serves_customers: bool = True) -> None:
        super().__init__(parent)
        # A supervisor's second monitor is their own: on by default only where payments are taken.
        self.settings = DisplaySettings(settings, on_by_default=serves_customers)
        self._main = main
        self.display = CustomerDisplay(hall_name, main, slide_ms=self.settings.slide_seconds * 1000)
        self.display.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.previewing = False
        self._paid: tuple[int, dt.datetime] | None = None  # customer, when posted
        self._announced: int | None = None  # the reconnect command already shown
        self.refresh_slides()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self.place)
            app.screenRemoved.connect(self.place)

    # -- placing ----------------------------------------------------------------------------

    def screen(self) -> QScreen | None:
        main = self._main.screen() if self._main is not None else None
        return customer_screen(QGuiApplication.screens(), main)

    def place(self, *_screen: object) -> None:
        """On the customer's screen when there is one (and the display is on), else hidden."""
        screen = self.screen()
        if screen is None or not self.settings.enabled:
            if not self.previewing:
                self.display.hide()
            return
        self.previewing = False
        self.display.setWindowFlags(PASSIVE | Qt.WindowType.FramelessWindowHint)
        self.display.setGeometry(screen.geometry())
        self.display.showFullScreen()

    def preview(self) -> CustomerDisplay:
        """The display in a window of its own on this screen (a desk with one screen)."""
        if self.screen() is None or not self.settings.enabled:
            self.previewing = True
            self.display.setWindowFlags(PASSIVE)
            self.display.resize(*PREVIEW_SIZE)
            self.display.showNormal()
        self.display.raise_()  # in sight, still not the active window
        return self.display

    def refresh_slides(self) -> None:
        self.display.set_notices(self.settings.hours, self.settings.slide_seconds * 1000)

    def test(self) -> None:
        """A made-up payment on the display, to check it is seen and legible from the
        customer's chair."""
        self.display.show_customer("张*")
        self.display.show_amounts(counter_amounts(
            Decimal("98.62"), Decimal("1.20"), Decimal("98.62"), Decimal("100.00"), "cash"))

    # -- following the counter --------------------------------------------------------------

    def follow(self, dialog: QObject) -> None:
        """Show what this payment dialog shows (its signals; it needs nothing from us)."""
        dialog.sig_customer_chosen.connect(self.display.show_customer)
        dialog.sig_amounts_changed.connect(self._on_amounts_changed)
        dialog.sig_scan_code.connect(self.display.show_scan_code)
        dialog.sig_payment_posted.connect(self._on_payment_posted)
        dialog.finished.connect(lambda _result, d=dialog: self._on_dialog_finished(d))

    def watch_commands(self, signal: SignalInstance) -> None:
        """A signal carrying the customer's newest switch command (QueueRow or None)."""
        signal.connect(self._on_command_shown)

    def customer_opened(self, customer_id: int) -> None:
        """The clerk turned to another customer: the last one's figures leave the screen."""
        if self._paid is not None and self._paid[0] != customer_id:
            self._paid = None
            self.display.show_idle()

    def _on_amounts_changed(self, amounts: CounterAmounts) -> None:
        self.display.show_amounts(amounts)

    def _on_payment_posted(self, posted: PostedPayment) -> None:
        self._paid = (posted.customer_id, posted.received_at)

    def _on_dialog_finished(self, dialog: QObject) -> None:
        if getattr(dialog, "posted", None) is None:
            self.display.show_idle()  # cancelled: nothing for the customer to read

    def _on_command_shown(self, row: QueueRow | None) -> None:
        if (row is None or self._paid is None or row.action != CommandAction.RECONNECT
                or row.state != CommandState.CONFIRMED or row.customer_id != self._paid[0]
                or row.command_id == self._announced or row.finished_at is None
                or row.finished_at < self._paid[1] - SLACK):
            return  # not the reconnect of the payment just taken
        self._announced = row.command_id
        self.display.show_power_restored()
