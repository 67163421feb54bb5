"""The customer view's switch strip: the customer's latest command, live.

A clerk who has just taken the payment of a customer cut for arrears sees the
reconnect appear (queued in the payment's own transaction), go to the meter
and come back confirmed, and the account card then shows the power on. While
a command is open the strip reads it every second, off the UI thread; once it
ends, the view reloads so every field agrees with the meter.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from console.changes import Changes
from console.models.enums import CommandState, RelayState
from console.services.control.queries import QueueRow, customer_commands
from console.services.permissions import Permission, allowed
from console.timeutil import local_time
from widgets.control.confirm_dialog import ControlConfirmDialog
from widgets.control.labels import (
    action_name,
    age_text,
    reason_name,
    state_icon,
    state_ink,
    state_name,
)
from widgets.control.model import note_text
from widgets.customers.view import CustomerView
from widgets.desk import Desk

POLL_MS = 1000
RECENT = dt.timedelta(minutes=30)  # a finished command stays in view this long
# The view's read may have started this long before it landed (a busy database), and the
# collector's clock may differ from this desk's: an end this close to a load reloads once.
SLACK = dt.timedelta(seconds=30)


class CustomerControlStrip(QFrame):
    """One line under the customer's name: the newest command, its state and age."""

    sig_command_shown = Signal(object)
    """The strip now shows this QueueRow (or None: nothing open or recent)."""

    def __init__(self, desk: Desk, view: CustomerView, *,
                 poll_ms: int = POLL_MS) -> None:
        super().__init__(view, objectName="Card")
        self._desk = desk
        self._db, self._actor, self._view = desk.db, desk.actor, view
        self.customer_id: int | None = None
        self.shown: QueueRow | None = None
        self._loaded_at: dt.datetime | None = None  # when the view last read the customer
        self._reloaded_for: int | None = None  # the command whose end reloaded the view
        self.dialog: QWidget | None = None
        self.may_request = allowed(desk.actor.role, Permission.REQUEST_CONTROL)
        self.icon_label, self.text_label = QLabel(self), QLabel(self)
        self.text_label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.text_label, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.refresh)
        view.sig_loaded.connect(self._on_view_loaded)
        view.sig_action_requested.connect(self._on_view_action_requested)
        desk.sig_changed.connect(self._on_changed)
        self.hide()

    def retranslate_ui(self) -> None:
        self._show(self.shown)

    def _on_view_loaded(self, customer_id: int) -> None:
        self._loaded_at = dt.datetime.now(dt.UTC)
        if customer_id != self.customer_id:
            self.customer_id, self.shown = customer_id, None
            self._show(None)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        # A command for this customer (the switch dialog, a payment's reconnect).
        if changes.commands and changes.touches(self.customer_id):
            self.refresh()

    def refresh(self) -> None:
        """Read the customer's newest command again (off the UI thread)."""
        if self.customer_id is None:
            return
        db, actor, customer_id = self._db, self._actor, self.customer_id
        self._desk.run(lambda: (customer_commands(db, actor, customer_id, limit=1),
                                dt.datetime.now(dt.UTC)),
                       # Errors: the status bar tells outages.
                       self, self._on_read, lambda _exc: None, key="read")

    def _on_read(self, answer: tuple[tuple[QueueRow, ...], dt.datetime]) -> None:
        rows, now = answer
        newest = rows[0] if rows else None
        if newest is not None and not newest.is_open and (
                newest.finished_at is None or now - newest.finished_at > RECENT):
            newest = None
        seen_open = self.shown is not None and self.shown.is_open
        self._show(newest, now)
        self.sig_command_shown.emit(newest)  # declared for listeners, never sent before
        if newest is not None and newest.is_open:
            self.timer.start()
        else:
            self.timer.stop()
        if self._ended_since_load(newest, seen_open=seen_open):  # the card's supply follows
            self._reloaded_for = newest.command_id
            self._view.load(newest.customer_id)

    def _ended_since_load(self, row: QueueRow | None, *, seen_open: bool) -> bool:
        """The command ended, perhaps after the view read the customer: reload once."""
        if (row is None or row.is_open or row.finished_at is None
                or row.command_id == self._reloaded_for):
            return False
        recent = self._loaded_at is not None and row.finished_at > self._loaded_at - SLACK
        return seen_open or recent

    def _show(self, row: QueueRow | None, now: dt.datetime | None = None) -> None:
        self.shown = row
        self.setVisible(row is not None)
        if row is None:
            return
        now = now or dt.datetime.now(dt.UTC)
        failure = row.is_failure
        self.icon_label.setPixmap(state_icon(row.state, failure=failure).pixmap(20, 20))
        if row.is_open:
            text = self.tr("{action} ({reason}): {state} · for {age}").format(
                action=action_name(row.action), reason=reason_name(row.reason),
                state=state_name(row.state), age=age_text(row.requested_at, now))
        else:
            text = self.tr("{action} ({reason}): {state} at {when}").format(
                action=action_name(row.action), reason=reason_name(row.reason),
                state=state_name(row.state), when=local_time(row.finished_at))
            if note := (note_text(row) if failure or row.state == CommandState.REJECTED else ""):
                text = f"{text} — {note}"
        self.text_label.setText(text)
        self.text_label.setStyleSheet(
            f"color: {state_ink(row.state, failure=failure).name()}; font-weight: 600;")

    def _on_view_action_requested(self, action: str, customer_id: int) -> None:
        if action != "control" or not self.may_request:
            return
        dialog = ControlConfirmDialog(self._desk, customer_id,
                                     action=_suggested(self._view), parent=self._view)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.dialog = dialog
        dialog.open()


def _suggested(view: CustomerView) -> str:
    """Reconnect a customer whose meters are all open; otherwise offer the disconnect."""
    meters = view.detail.meters if view.detail is not None else ()
    if meters and all(m.relay_state == RelayState.OPEN for m in meters):
        return "reconnect"
    return "disconnect"


def attach_control_strip(view: CustomerView, desk: Desk) -> CustomerControlStrip:
    """Give the customer view its live switch strip and a working switch button."""
    strip = CustomerControlStrip(desk, view)
    view.attach_control(strip, can_control=strip.may_request)
    return strip
