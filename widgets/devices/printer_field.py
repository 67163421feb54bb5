"""The receipt printer's line in the status bar: ready, out of paper, cover open, offline,
unreachable (issue 19 item 6), and in its tooltip what to do about it.

    field = PrinterField(desk, status_bar)   # hidden while no thermal printer is set up
    field.refresh()                          # after a receipt, after the settings are saved

The status is read with DLE EOT 1–4 (console.devices.transport.printer_status) off the UI
thread, within the printer's timeout, so a printer switched off never freezes the counter.
It is read again every 30 s — one short connection, nothing a console at rest notices
(bench.idle) — and whenever the desk says the printer was used (`sig_printer_used`: a
receipt printed or refused, the workstation settings saved).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from console.devices.status import PrinterStatus
from console.devices.transport import PrinterConfig, printer_status
from widgets.desk import Desk
from widgets.devices.printer_settings import load_printer_config
from widgets.devices.printer_words import failure_text, joined, problem_text
from widgets.errors import error_text
from widgets.resources import icon

PRINTER_CHECK_MS = 30_000
STATUS = "printer-status"  # a newer read overtakes an older one
# The short word per state; the style sheet colours it by the same code.
STATES = ("checking", "ready", "paper_end", "cover_open", "offline", "error", "unreachable")


class PrinterField(QWidget):
    """A printer icon and one word for the printer's state; hidden without a printer."""

    sig_checked = Signal(str)
    """A status read finished: the state code (one of STATES)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._config = PrinterConfig()
        self._state, self._advice = "checking", ""
        self._build_ui()
        self._timer.timeout.connect(self.refresh)
        desk.sig_printer_used.connect(self.refresh)
        self.retranslate_ui()
        self.refresh()

    def _build_ui(self) -> None:
        picture = QLabel(self)
        picture.setPixmap(icon("print", "#5a7089").pixmap(QSize(14, 14)))
        self.label = QLabel(self)
        self.label.setObjectName("PrinterLabel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 0, 10, 0)
        layout.setSpacing(6)
        layout.addWidget(picture)
        layout.addWidget(self.label)
        self._timer = QTimer(self)
        self._timer.setInterval(PRINTER_CHECK_MS)

    @property
    def state(self) -> str:
        return self._state

    def refresh(self) -> None:
        """Read the settings again and, with a thermal printer, its status."""
        self._config = config = load_printer_config()
        self.setVisible(config.thermal)
        if not config.thermal:
            self._timer.stop()
            self._desk.drop(self, STATUS)
            return
        if not self._timer.isActive():
            self._timer.start()
        self._desk.run(lambda: printer_status(config), self, self._on_status_read,
                       self._on_status_failed, key=STATUS)

    def stop(self) -> None:
        self._timer.stop()
        self._desk.drop(self, STATUS)

    def _on_status_read(self, status: PrinterStatus) -> None:
        where = self._config.where
        if status.ready:
            advice = self.tr("Receipt printer {where} is ready.").format(where=where)
            if status.paper_near_end:
                advice = joined(advice, self.tr("Paper is running low: have a new roll at "
                                                "hand."))
            self._show("ready", advice)
            return
        code = status.problem if status.problem in STATES else "error"
        self._show(code, problem_text(status.problem))

    def _on_status_failed(self, exc: BaseException) -> None:
        self._show("unreachable", failure_text(exc) or error_text(exc))

    def _show(self, state: str, advice: str) -> None:
        self._state, self._advice = state, advice
        self.retranslate_ui()
        self.sig_checked.emit(state)

    def retranslate_ui(self) -> None:
        words = {
            "checking": self.tr("Printer: checking..."), "ready": self.tr("Printer ready"),
            "paper_end": self.tr("Printer out of paper"),
            "cover_open": self.tr("Printer cover open"), "offline": self.tr("Printer offline"),
            "error": self.tr("Printer error"), "unreachable": self.tr("Printer unreachable"),
        }
        self.label.setText(words[self._state])
        self.setToolTip(self._advice or self.tr("Reading the receipt printer's status..."))
        self.label.setProperty("state", "ok" if self._state == "ready" else
                               "unknown" if self._state == "checking" else "lost")
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
