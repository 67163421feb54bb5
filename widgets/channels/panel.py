"""Held phone payments (手机缴费待处理): money WeChat Pay or Alipay took that the gateway
could not post — a customer number we do not know, an amount not what is due, a closed
account — for a supervisor to post to the right customer, or to mark for refund or as
resolved with a note.

The list reads itself again every few seconds while shown (the gateway is another process:
nothing through this desk tells us a payment was held) and after any payment written here.
Above it, today's refused notifications: forged, stale, replayed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.services.channels.held import HeldPayment, held_payments, rejection_counts
from console.services.channels.review import NOTE_LIMIT, HeldDecision, settle_held
from console.timeutil import LOCAL, local_today
from widgets.admin.calendar_tab import read_only_table
from widgets.channels.labels import held_subject, refusal_summary
from widgets.channels.model import HeldModel
from widgets.channels.post_dialog import PostHeldDialog
from widgets.control.reason_dialog import ReasonDialog
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.rows_model import fixed

POLL_MS = 5000
KEYS = {"post": "Ctrl+Return", "refund": "Ctrl+Shift+F", "resolved": "Ctrl+Shift+D"}


class HeldPanel(QWidget):
    """The open held payments of the supervisor's units, and what may be done with them."""

    sig_loaded = Signal(int)
    """The list was (re)read; carries the number of rows shown."""

    sig_decided = Signal(object)
    """A held payment was posted, marked for refund or resolved here (HeldDecision)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, *,
                 poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._desk = desk
        self._loading = False
        self.dialog: QWidget | None = None  # the open post or note dialog, for tests
        self._build_ui(poll_ms)
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self, poll_ms: int) -> None:
        self.message_bar = MessageBar(self)
        self.count_label = QLabel(self, objectName="TotalsLabel")
        self.refusals_label = QLabel(self, objectName="FieldCaption")
        self.refresh_button = QPushButton(self)
        self.model = HeldModel(self)
        self.view = read_only_table(self, self.model, key="held_payments")
        self.view.setWordWrap(False)
        self.buttons = {name: QPushButton(self) for name in KEYS}
        self.buttons["post"].setObjectName("PrimaryButton")
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self._shortcuts = {}
        for name, key in KEYS.items():
            self._shortcuts[name] = QShortcut(QKeySequence(key), self)
            self._shortcuts[name].setContext(scope)
        self.refresh_shortcut = QShortcut(QKeySequence("Ctrl+R"), self)
        self.refresh_shortcut.setContext(scope)
        self._lay_out()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.count_label, 1)
        top.addWidget(self.refusals_label)
        top.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in self.buttons.values():
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.message_bar)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)

    def _connect_signals(self) -> None:
        self._desk.sig_changed.connect(self._on_changed)
        self.refresh_button.clicked.connect(self.reload)
        self.refresh_shortcut.activated.connect(self.reload)
        self.poll_timer.timeout.connect(self._on_poll_timer_timeout)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.view.activated.connect(lambda _index: self._on_shortcut("post"))
        self.buttons["post"].clicked.connect(self.open_post_dialog)
        self.buttons["refund"].clicked.connect(lambda: self.ask_note("refund"))
        self.buttons["resolved"].clicked.connect(lambda: self.ask_note("resolved"))
        for name, shortcut in self._shortcuts.items():
            shortcut.activated.connect(lambda n=name: self._on_shortcut(n))

    def retranslate_ui(self) -> None:
        texts = {"post": self.tr("&Post to customer..."),
                 "refund": self.tr("Mark for re&fund..."),
                 "resolved": self.tr("Mark resolve&d...")}
        for name, button in self.buttons.items():
            button.setText(texts[name])
            button.setToolTip(f"{texts[name].replace('&', '').rstrip('.')} ({KEYS[name]})")
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("The list also refreshes itself every few "
                                               "seconds (Ctrl+R)."))
        self.model.retranslate()
        self._show_count()
        self._update_buttons()

    # -- loading ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loading:
            self.reload()
        self.poll_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.poll_timer.stop()
        super().hideEvent(event)

    def reload(self) -> None:
        """Read the held payments and today's refusals off the UI thread."""
        db, actor = self._desk.db, self._desk.actor
        since = dt.datetime.combine(local_today(), dt.time(), LOCAL)
        self._loading = True
        self._desk.run(lambda: (held_payments(db, actor),
                                rejection_counts(db, actor, since=since)),
                       self, self._on_loaded, self._on_load_failed, key="held")

    def _on_poll_timer_timeout(self) -> None:
        if not self._loading:  # a slow database: never pile reads up
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.payments and self.isVisible():
            self.reload()

    def _on_load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.message_bar.show_error(exc)

    def _on_loaded(self, answer: tuple[tuple[HeldPayment, ...],
                                       dict[tuple[str, str], int]]) -> None:
        rows, refusals = answer
        self._loading = False
        chosen = self.selected()
        self.model.set_held(rows)
        row = self.model.row_of(chosen.held_id) if chosen else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.view.selectRow(row)
        self._show_count()
        self._show_refusals(refusal_summary(refusals))
        self._update_buttons()
        self.sig_loaded.emit(len(rows))

    def _show_count(self) -> None:
        rows = [self.model.held_at(i) for i in range(self.model.rowCount())]
        total = sum((r.amount for r in rows), Decimal("0.00"))
        self.count_label.setText(self.tr("%n held payment(s), {total} yuan", "",
                                         len(rows)).format(total=fixed(total)))

    def _show_refusals(self, counts: dict[str, int]) -> None:
        self.refusals_label.setText(self.tr(
            "Refused today: {forged} forged · {stale} stale · {replayed} replayed · "
            "{other} malformed").format(**counts))

    # -- selection and actions --------------------------------------------------------------

    def selected(self) -> HeldPayment | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.held_at(rows[0].row()) if rows else None

    def _on_selection_changed(self, *_args: object) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        for button in self.buttons.values():
            button.setEnabled(self.selected() is not None)

    def _on_shortcut(self, name: str) -> None:
        button = self.buttons[name]
        if button.isEnabled():
            button.click()

    def open_post_dialog(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        dialog = PostHeldDialog(self._desk, chosen, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.sig_posted.connect(self._on_decided)
        self.dialog = dialog
        dialog.open()

    def ask_note(self, outcome: str) -> None:
        """The note dialog for marking the selected payment for refund or resolved."""
        chosen = self.selected()
        if chosen is None:
            return
        subject = held_subject(chosen)
        if outcome == "refund":
            dialog = ReasonDialog(self.tr("Mark for refund"), self.tr(
                "Refund: {subject}. The money goes back to the payer on the channel; say "
                "why.").format(subject=subject), self.tr("Mark for refund"), self,
                limit=NOTE_LIMIT)
        else:
            dialog = ReasonDialog(self.tr("Mark resolved"), self.tr(
                "Resolved: {subject}. It leaves the list without a payment; say why.").format(
                subject=subject), self.tr("Mark resolved"), self, limit=NOTE_LIMIT)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        held_id = chosen.held_id
        dialog.sig_reason_given.connect(lambda note: self._settle(held_id, outcome, note))
        self.dialog = dialog
        dialog.open()

    def _settle(self, held_id: int, outcome: str, note: str) -> None:
        db, actor = self._desk.db, self._desk.actor
        for button in self.buttons.values():
            button.setEnabled(False)
        self._desk.run(lambda: settle_held(db, actor, held_id=held_id, outcome=outcome,
                                           note=note),
                       self, self._on_decided, self._on_write_failed, write=True)

    def _on_write_failed(self, exc: BaseException) -> None:
        self._update_buttons()
        self.message_bar.show_error(exc)
        self.reload()

    def _on_decided(self, decision: HeldDecision) -> None:
        if decision.outcome == "posted":
            text = self.tr("Posted: receipt {receipt}.").format(receipt=decision.receipt_no)
        elif decision.outcome == "refund":
            text = self.tr("Marked for refund.")
        else:
            text = self.tr("Marked resolved.")
        self.message_bar.show_success(text)
        self.sig_decided.emit(decision)
        # The list reads itself again in _on_changed: the desk tells every panel.


def held_panel(desk: Desk, parent: QWidget) -> HeldPanel:
    """The navigation's factory."""
    return HeldPanel(desk, parent)
