"""The status bar: who is logged in, where, which database, and whether it answers."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStatusBar, QWidget

from console.services.health import ping
from widgets.desk import Desk
from widgets.devices.printer_field import PrinterField
from widgets.labels import role_name
from widgets.resources import icon

CONNECTION_CHECK_MS = 15_000


class _Field(QWidget):
    """A small icon and a label, as one permanent status-bar entry."""

    def __init__(self, icon_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        picture = QLabel(self)
        picture.setPixmap(icon(icon_name, "#5a7089").pixmap(QSize(14, 14)))
        self.label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 0, 10, 0)
        layout.setSpacing(6)
        layout.addWidget(picture)
        layout.addWidget(self.label)


PING = "ping"  # a newer connection check overtakes an older one


class ConsoleStatusBar(QStatusBar):
    """Permanent fields plus a cheap periodic connection check on the task runner."""

    sig_connection_checked = Signal(bool)
    """A connection check finished; True when the database answered."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._db, self._actor = desk, desk.db, desk.actor
        self._connected: bool | None = None
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self.check_connection()
        self._timer.start()

    def _build_ui(self) -> None:
        self.user_field = _Field("user", self)
        self.unit_field = _Field("admin", self)
        self.database_field = _Field("database", self)
        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("ConnectionLabel")
        # Hidden until a thermal printer is set up on this workstation.
        self.printer_field = PrinterField(self._desk, self)
        for widget in (self.user_field, self.unit_field, self.database_field,
                       self.printer_field, self.connection_label):
            self.addPermanentWidget(widget)
        self._timer = QTimer(self)
        self._timer.setInterval(CONNECTION_CHECK_MS)

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self.check_connection)

    def retranslate_ui(self) -> None:
        actor = self._actor
        self.user_field.label.setText(f"{actor.full_name} · {role_name(actor.role)}")
        self.unit_field.label.setText(actor.unit_name)
        self.database_field.label.setText(self._db.description)
        self.database_field.setToolTip(self.tr("Database: {where}").format(
            where=self._db.description))
        self._show_connection()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def texts(self) -> list[str]:
        """The permanent fields as shown (tests, and copying into a support ticket); the
        printer's only while it is set up."""
        printer = [self.printer_field.label.text()] if not self.printer_field.isHidden() else []
        return [self.user_field.label.text(), self.unit_field.label.text(),
                self.database_field.label.text(), *printer, self.connection_label.text()]

    def check_connection(self) -> None:
        db = self._db
        self._desk.run(lambda: ping(db), self, lambda _: self._on_checked(True),
                       lambda _: self._on_checked(False), key=PING)

    def stop(self) -> None:
        self._timer.stop()
        self.printer_field.stop()
        self._desk.drop(self, PING)  # answers still on their way are now stale

    def _on_checked(self, connected: bool) -> None:
        self._connected = connected
        self._show_connection()
        self.sig_connection_checked.emit(connected)

    def _show_connection(self) -> None:
        texts = {None: self.tr("Connecting..."), True: self.tr("Connected"),
                 False: self.tr("Connection lost")}
        self.connection_label.setText(texts[self._connected])
        state = {None: "unknown", True: "ok", False: "lost"}[self._connected]
        self.connection_label.setProperty("state", state)
        self.connection_label.style().unpolish(self.connection_label)
        self.connection_label.style().polish(self.connection_label)
