"""Where a scan goes: the wedge scanner's suffix, the open dialog, the serial scanner.

A keyboard-wedge scanner types the code and a suffix key, fast. Every scan box of the
console (the lookup's search box, the seal panel's scan field) finishes on Enter; a
scanner set to send Tab instead would move the focus and leave the code unsearched. With
the workstation's suffix set to Tab, a Tab that ends a burst of scanner-fast keys is
taken as that Enter; a Tab a person presses after typing still moves the focus.

While a dialog is open (the active modal widget) keys meant for a field behind it are
given to the dialog's own focused field: a scan never fills a background field. A scan
into an amount box (the payment dialog's "Tendered") is taken out again and its Enter
dropped: a customer number must not post 3,700,000,002 yuan tendered.

A serial (RS-232 / USB-CDC) scanner's lines arrive in its reader thread; each is typed
here into the widget a wedge scan would reach, then its Enter: the same action.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from console.devices.serial_scanner import SerialScanner
from widgets.devices.scanner_config import ScannerConfig, ScannerMode, Suffix

# A scanner sends a key every 1–10 ms; people, 80 ms and more between keys.
BURST_GAP_S = 0.030
MIN_BURST = 4  # keys in a row before a burst is a scan
MONEY_EDIT = "MoneyEdit"
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
NO_MODS = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier,
           Qt.KeyboardModifier.ShiftModifier)

Target = Callable[[], QWidget | None]


class ScanRouter(QObject):
    """Installed on the application: watches keys, delivers serial scans."""

    sig_scanned = Signal(str)
    """A scan was seen (a wedge burst that ended in its suffix, or a serial line)."""

    sig_scan_refused = Signal(str)
    """A scan landed in an amount box (a customer number as 3,700,000,002 yuan tendered):
    kept out of it; carries what to tell the clerk."""

    sig_serial_error = Signal(str)
    """The serial scanner's port went away (it is being opened again); carries why and
    what happens, for the clerk."""

    sig_serial_reopened = Signal(str)
    """The lost serial port is open again and read; carries what to tell the clerk."""

    _serial_line = Signal(str)  # from the reader thread: queued onto the GUI thread

    def __init__(self, config: ScannerConfig, *, fallback: Target | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.last_scan = ""
        self._fallback = fallback  # where a scan goes when no window has the focus
        self._clock = clock
        self._burst, self._last_key_at = "", 0.0
        self._before = ""  # the text of the field a burst types into, as it was before
        self._delivering = False  # our own keys of a serial scan: not a wedge burst
        self._serial: SerialScanner | None = None
        self._serial_line.connect(self.deliver)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # -- configuration ----------------------------------------------------------------------

    def apply(self, config: ScannerConfig) -> str:
        """Use `config` from now on; "" or what went wrong opening the serial port."""
        self.stop_serial()
        self.config = config
        if config.mode != ScannerMode.SERIAL:
            return ""
        if not config.port:
            return self.tr("No serial port is set for the scanner.")
        scanner = SerialScanner(config.port, baudrate=config.baudrate,
                                on_scan=self._serial_line.emit,
                                on_error=lambda exc: self.sig_serial_error.emit(
                                    self._serial_lost(exc)),
                                on_reopened=lambda: self.sig_serial_reopened.emit(self.tr(
                                    "The scanner on {port} is back: scans are read again."
                                ).format(port=config.port)))
        try:
            scanner.start()
        except (OSError, ValueError) as exc:  # SerialException is an OSError
            return self._serial_failed(exc)
        self._serial = scanner
        return ""

    def _serial_failed(self, exc: BaseException) -> str:
        return self.tr("The scanner on {port} cannot be read ({error}). Check its cable and "
                       "the port in the scanner settings.").format(port=self.config.port,
                                                                   error=str(exc)[:200])

    def _serial_lost(self, _exc: BaseException) -> str:
        # The system's words (English, often long) are in the log (serial_scanner), not here.
        return self.tr("The scanner on {port} was disconnected. Plug it in again: it is "
                       "reopened by itself.").format(port=self.config.port)

    def stop_serial(self) -> None:
        if self._serial is not None:
            self._serial.stop()
            self._serial = None

    @property
    def serial_running(self) -> bool:
        return self._serial is not None and self._serial.running

    @property
    def serial_connected(self) -> bool:
        """The serial port is open now (False while a lost one is being reopened)."""
        return self.serial_running and self._serial is not None and self._serial.connected

    # -- delivering a scan ------------------------------------------------------------------

    def target(self) -> QWidget | None:
        """The widget a wedge scan would type into now: the open dialog's field first."""
        modal, focus = QApplication.activeModalWidget(), QApplication.focusWidget()
        if modal is not None and (focus is None or _inside(focus, modal) or _blocks(modal, focus)):
            field = modal.focusWidget()
            return field if field is not None and _inside(field, modal) else modal
        return focus or (self._fallback() if self._fallback else None)

    def deliver(self, text: str) -> None:
        """Type `text` and Enter where a wedge scan would go (a serial scanner's line)."""
        self._remember(text)
        target = self.target()
        if target is None:
            return
        if _is_money(target):
            self._refuse(text)
            return
        self._delivering = True
        try:
            for char in text:
                _send_key(target, Qt.Key.Key_unknown, char)
            _send_key(target, Qt.Key.Key_Return, "\r")
        finally:
            self._delivering = False

    def _refuse(self, text: str) -> None:
        said = self.tr("The scan {code} was not entered as an amount: finish or cancel the "
                       "payment first, then scan again.").format(code=text[:60])
        # Where the clerk is looking: the open dialog's message bar (the status bar too).
        bar = getattr(QApplication.activeModalWidget(), "message_bar", None)
        if bar is not None:
            bar.show_error(said)
        self.sig_scan_refused.emit(said)

    def _remember(self, text: str) -> None:
        self.last_scan = text
        self.sig_scanned.emit(text)

    # -- watching the keyboard --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if (event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget)
                or self._delivering):
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        if self._redirect(watched, key_event):
            return True
        return self._watch_burst(watched, key_event)

    def _redirect(self, watched: QWidget, event: QKeyEvent) -> bool:
        """A key for a widget behind the open dialog goes to the dialog's field instead."""
        modal = QApplication.activeModalWidget()
        if (modal is None or _inside(watched, modal) or not _blocks(modal, watched)
                or QApplication.activePopupWidget()
                or watched.window().windowType() == Qt.WindowType.Popup):
            return False
        target = self.target()
        if target is None:
            return False
        _send_key(target, Qt.Key(event.key()), event.text(), event.modifiers())
        return True

    def _watch_burst(self, watched: QWidget, event: QKeyEvent) -> bool:
        now, key = self._clock(), event.key()
        fast = now - self._last_key_at <= BURST_GAP_S and not event.isAutoRepeat()
        self._last_key_at = now
        if event.modifiers() not in NO_MODS:
            self._burst = ""
            return False
        text = event.text()
        if text and text.isprintable() and key not in ENTER_KEYS and key != Qt.Key.Key_Tab:
            if not fast or not self._burst:  # a new burst: what the field held before it
                self._before = watched.text() if isinstance(watched, QLineEdit) else ""
            self._burst = self._burst + text if fast else text
            return False
        scan, self._burst = self._burst if fast and len(self._burst) >= MIN_BURST else "", ""
        if not scan:
            return False
        if _is_money(watched):  # the scan's text out again, its Enter never posts
            watched.setText(self._before)  # type: ignore[attr-defined]
            self._refuse(scan)
            return True
        if key in ENTER_KEYS:
            self._remember(scan)
        elif key == Qt.Key.Key_Tab and self.config.suffix == Suffix.TAB:
            self._remember(scan)
            _send_key(watched, Qt.Key.Key_Return, "\r")  # the scan's Enter, as scan boxes expect
            return True
        return False


def _is_money(widget: QWidget | None) -> bool:
    """An amount box of the payment dialog (widgets/payments/dialog.py names them so)."""
    return isinstance(widget, QLineEdit) and widget.objectName() == MONEY_EDIT


def _blocks(modal: QWidget, widget: QWidget) -> bool:
    """The dialog stands in front of `widget`: application-modal, or window-modal over the
    window that holds it (a dialog of another window leaves this one alone)."""
    if modal.windowModality() == Qt.WindowModality.ApplicationModal:
        return True
    window, parent = widget.window(), modal.parentWidget()
    while parent is not None:
        if parent.window() is window:
            return True
        parent = parent.window().parentWidget()
    return False


def _inside(widget: QWidget, window: QWidget) -> bool:
    return widget is window or window.isAncestorOf(widget)


def _send_key(target: QWidget, key: Qt.Key, text: str,
              modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))
