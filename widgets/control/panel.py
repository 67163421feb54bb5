"""Switch control panel (远程费控): the live command queue, approvals, manual commands.

The queue reads itself again every two seconds off the UI thread and updates
in place (widgets.control.model), so a supervisor watching a disconnect sees it
go queued → sent → confirmed without losing their place. Below the queue, the
selected command's meter: relay, last status read, and its history.
Supervisors approve and reject (never their own request: the service refuses,
and the panel says why); whoever may request control asks for manual commands
through the confirmation dialog, and retries what failed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.services.control import commands as control
from console.services.control.queries import (
    CommandQueue,
    MeterDetail,
    QueueRow,
    command_queue,
    meter_detail,
)
from console.services.permissions import Permission, allowed
from widgets.admin.calendar_tab import CalendarButton
from widgets.control.confirm_dialog import ControlConfirmDialog
from widgets.control.detail import MeterDetailPane
from widgets.control.labels import action_name, control_error_text, state_name
from widgets.control.model import Column, QueueModel, is_stale
from widgets.control.reason_dialog import decision_dialog
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.table_columns import remember_columns

POLL_MS = 2000
SCOPES = ("open", "failed", "all")
WIDTHS = {Column.STATE: 150, Column.AGE: 64, Column.CUSTOMER: 150, Column.METER: 180,
          Column.ACTION: 100, Column.REASON: 125, Column.ATTEMPTS: 44, Column.REQUESTER: 80}


class ControlPanel(QWidget):
    """The switch command queue of the actor's units, and what may be done with it."""

    sig_loaded = Signal(int)
    """The queue was (re)read; carries the number of rows shown."""

    sig_command_changed = Signal(object)
    """A command was approved, rejected, cancelled, retried or requested here (CommandView)."""

    sig_customer_open_requested = Signal(int)
    """Enter or double-click on a row: open this customer id in the Lookup panel."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, *,
                 poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self._loading = False
        self._select_next: int | None = None  # a command written here: select it once shown
        self.units: tuple[tuple[int, str], ...] = ()
        self.may_approve = allowed(desk.actor.role, Permission.APPROVE_CONTROL)
        self.may_request = allowed(desk.actor.role, Permission.REQUEST_CONTROL)
        self.dialog: QWidget | None = None  # the open confirmation or reason dialog, for tests
        self._build_ui(poll_ms)
        self._connect_signals()
        self.retranslate_ui()

    # -- building ---------------------------------------------------------------------------

    def _build_ui(self, poll_ms: int) -> None:
        self.message_bar = MessageBar(self)
        self.scope_combo, self.unit_combo = QComboBox(self), QComboBox(self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        # Typing narrows the queue once the clerk pauses, not at every key.
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(300)
        for scope in SCOPES:
            self.scope_combo.addItem("", scope)
        self.unit_combo.addItem("", None)
        self.scope_label, self.unit_label = QLabel(self), QLabel(self)
        self.scope_label.setBuddy(self.scope_combo)
        self.unit_label.setBuddy(self.unit_combo)
        self.count_label = QLabel(self, objectName="TotalsLabel")
        self.refresh_button, self.new_button = QPushButton(self), QPushButton(self)
        self.new_button.setObjectName("PrimaryButton")
        self.new_button.setVisible(self.may_request)
        self.calendar_button = CalendarButton(self._desk, self)
        self.calendar_button.setVisible(self.may_approve)  # supervisors declare blackouts
        self.model = QueueModel(self)
        self.view = self._table()
        self.detail = MeterDetailPane(self)
        self.buttons = {name: QPushButton(self) for name in
                        ("approve", "reject", "cancel", "retry", "customer")}
        for name in ("approve", "reject"):
            self.buttons[name].setVisible(self.may_approve)
        for name in ("cancel", "customer"):
            self.buttons[name].setVisible(self.may_request)
        self.buttons["retry"].setVisible(self.may_approve)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        self._shortcuts()
        self._lay_out()

    def _table(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.model)
        view.setAlternatingRowColors(True)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(28)
        view.horizontalHeader().setStretchLastSection(True)
        view.setWordWrap(False)
        # 22-digit asset numbers differ at their end: keep both ends in view.
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.columns = remember_columns(view, "switch")
        return view

    def _shortcuts(self) -> None:
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        keys = {"approve": "Ctrl+Return", "reject": "Ctrl+Backspace", "retry": "Ctrl+Shift+R",
                "customer": "Ctrl+N"}
        self._keys = {}
        for name, key in keys.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(scope)
            shortcut.activated.connect(lambda n=name: self._on_shortcut(n))
            self._keys[name] = key
        self.refresh_shortcut = QShortcut(QKeySequence("Ctrl+R"), self)
        self.refresh_shortcut.setContext(scope)

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        for widget in (self.scope_label, self.scope_combo, self.unit_label, self.unit_combo):
            filters.addWidget(widget)
        filters.addWidget(self.search_edit)
        filters.addWidget(self.count_label, 1)
        filters.addWidget(self.refresh_button)
        filters.addWidget(self.calendar_button)
        filters.addWidget(self.new_button)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in self.buttons.values():
            actions.addWidget(button)
        top = QWidget(self)
        box = QVBoxLayout(top)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.view, 1)
        box.addLayout(actions)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.message_bar)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

    def _connect_signals(self) -> None:
        self.scope_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.unit_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.search_edit.textChanged.connect(self.search_timer.start)
        self.search_edit.returnPressed.connect(self._on_filter_changed)
        self.search_timer.timeout.connect(self._on_filter_changed)
        self._desk.sig_changed.connect(self._on_changed)
        self.refresh_button.clicked.connect(self.reload)
        self.refresh_shortcut.activated.connect(self.reload)
        self.new_button.clicked.connect(lambda: self.open_confirmation(None))
        self.poll_timer.timeout.connect(self._on_poll_timer_timeout)
        # Selection, not the current index: the current row moves before the selection does.
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.view.activated.connect(self._on_view_activated)
        self.buttons["approve"].clicked.connect(self._on_approve_clicked)
        self.buttons["reject"].clicked.connect(lambda: self._ask_reason("reject"))
        self.buttons["cancel"].clicked.connect(lambda: self._ask_reason("cancel"))
        self.buttons["retry"].clicked.connect(self._on_retry_clicked)
        self.buttons["customer"].clicked.connect(self._on_customer_clicked)

    def retranslate_ui(self) -> None:
        self.scope_label.setText(self.tr("&Show"))
        self.unit_label.setText(self.tr("&Unit"))
        scopes = {"open": self.tr("Open commands"), "failed": self.tr("Failures"),
                  "all": self.tr("All commands")}
        for row, scope in enumerate(SCOPES):
            self.scope_combo.setItemText(row, scopes[scope])
        self.unit_combo.setItemText(0, self.tr("All my units"))
        self.search_edit.setPlaceholderText(self.tr("Customer no., name or meter"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("The queue also refreshes itself every two "
                                               "seconds (Ctrl+R)."))
        self.new_button.setText(self.tr("New command..."))
        self.new_button.setToolTip(self.tr("Disconnect, reconnect or power guarantee for a "
                                           "customer, after a confirmation (Ctrl+N)"))
        texts = {"approve": self.tr("&Approve"), "reject": self.tr("Re&ject..."),
                 "cancel": self.tr("&Cancel command..."), "retry": self.tr("Re&try"),
                 "customer": self.tr("C&ommand for this customer...")}
        for name, button in self.buttons.items():
            button.setText(texts[name])
            key = self._keys.get(name)
            button.setToolTip(f"{texts[name].replace('&', '').rstrip('.')} ({key})" if key else "")
        self.model.retranslate()
        self.detail.retranslate_ui()
        self._fit_columns()
        self._show_count()

    def _fit_columns(self) -> None:
        metrics = self.view.horizontalHeader().fontMetrics()
        self.columns.set_default_widths({
            column: max(width, metrics.horizontalAdvance(
                str(self.model.headerData(column, Qt.Orientation.Horizontal))) + 30)
            for column, width in WIDTHS.items()})

    # -- loading ----------------------------------------------------------------------------


    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loading:  # back on screen: what happened meanwhile, at once
            self.reload()
        self.poll_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.poll_timer.stop()
        super().hideEvent(event)

    def reload(self) -> None:
        """Read the queue again off the UI thread; a newer read overtakes an older one."""
        db, actor = self._db, self._actor
        scope, unit_id = self.scope_combo.currentData(), self.unit_combo.currentData()
        text = self.search_edit.text()
        self._loading = True
        self._desk.run(lambda: command_queue(db, actor, scope=scope, unit_id=unit_id, text=text),
                       self, self.show_queue, self._on_load_failed, key="queue")

    def _on_poll_timer_timeout(self) -> None:
        if not self._loading:  # a slow database: never pile reads up
            self.reload()

    def _on_load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.message_bar.show_error(control_error_text(exc))

    def show_queue(self, queue: CommandQueue) -> None:
        """Show a queue read by command_queue, keeping selection, current row and scroll."""
        self._loading = False
        if queue.units != self.units:
            self._set_units(queue.units)
        top = self.view.verticalScrollBar().value()
        self.model.lingering = self.scope_combo.currentData() == "open"
        self.model.set_rows(queue.rows, queue.read_at)
        self.view.verticalScrollBar().setValue(top)
        if self._select_next is not None and self.select_command(self._select_next):
            self._select_next = None
        self._show_count()
        self._refresh_detail()
        self.sig_loaded.emit(len(queue.rows))

    def _set_units(self, units: tuple[tuple[int, str], ...]) -> None:
        self.units = units
        chosen = self.unit_combo.currentData()
        self.unit_combo.blockSignals(True)
        while self.unit_combo.count() > 1:
            self.unit_combo.removeItem(1)
        for unit_id, name in units:
            self.unit_combo.addItem(name, unit_id)
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(chosen)))
        self.unit_combo.blockSignals(False)

    def _on_filter_changed(self) -> None:
        self.reload()

    def _show_count(self) -> None:
        rows = [self.model.row_at(i) for i in range(self.model.rowCount())]
        waiting = sum(1 for r in rows if r.state == "requested")
        failures = sum(1 for r in rows if r.is_failure)
        self.count_label.setText(self.tr(
            "%n command(s) · {waiting} awaiting approval · {failures} failed", "",
            len(rows)).format(waiting=waiting, failures=failures))

    # -- selection and detail ---------------------------------------------------------------

    def selected(self) -> QueueRow | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(rows[0].row())

    def select_command(self, command_id: int) -> bool:
        """Make the command's row current and selected; False when it is not shown."""
        row = self.model.row_of(command_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, 0))
        return row >= 0

    def _on_selection_changed(self, *_args: object) -> None:
        self._refresh_detail()

    def _refresh_detail(self) -> None:
        chosen = self.selected()
        self._update_buttons(chosen)
        if chosen is None:
            self.detail.show_detail(None, None)
            return
        db, actor, meter_id = self._db, self._actor, chosen.meter_id
        self._desk.run(lambda: meter_detail(db, actor, meter_id), self, self._on_detail_loaded,
                       self._on_load_failed, key="detail")

    def _on_detail_loaded(self, detail: MeterDetail) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.meter_id == detail.meter.meter_id:
            self.detail.show_detail(detail, chosen)

    def _update_buttons(self, chosen: QueueRow | None) -> None:
        state = chosen.state if chosen else ""
        approvable = state == "requested" and not is_stale(chosen, self.model.now)
        self.buttons["approve"].setEnabled(approvable)
        self.buttons["reject"].setEnabled(state == "requested")
        self.buttons["cancel"].setEnabled(state in ("requested", "approved", "queued")
                                          and chosen.reason != "payment")
        self.buttons["retry"].setEnabled(state in ("failed", "expired"))
        self.buttons["customer"].setEnabled(chosen is not None and chosen.customer_id is not None)

    def _on_view_activated(self, index) -> None:  # QModelIndex
        row = self.model.row_at(index.row())
        if row.customer_id is not None:
            self.sig_customer_open_requested.emit(row.customer_id)

    # -- actions ----------------------------------------------------------------------------

    def _on_shortcut(self, name: str) -> None:
        button = self.buttons[name]
        if button.isVisible() and button.isEnabled():
            button.click()

    def _on_approve_clicked(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        db, actor, command_id = self._db, self._actor, chosen.command_id
        self._write(lambda: control.approve_command(db, actor, command_id))

    def _on_retry_clicked(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        db, actor, command_id = self._db, self._actor, chosen.command_id
        self._write(lambda: control.retry_command(db, actor, command_id))

    def _ask_reason(self, what: str) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        dialog = decision_dialog(what, chosen, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        command_id = chosen.command_id
        dialog.sig_reason_given.connect(lambda why: self._decide(what, command_id, why))
        self.dialog = dialog
        dialog.open()

    def _decide(self, what: str, command_id: int, why: str) -> None:
        db, actor = self._db, self._actor
        if what == "reject":
            self._write(lambda: control.reject_command(db, actor, command_id, reason=why))
        else:
            self._write(lambda: control.cancel_command(db, actor, command_id, reason=why))

    def _write(self, fn) -> None:
        for button in self.buttons.values():
            button.setEnabled(False)
        self._desk.run(fn, self, self._on_written, self._on_write_failed, write=True)

    def _on_written(self, view) -> None:  # CommandView
        self.message_bar.show_success(self.tr("Command {id} ({action}): {state}.").format(
            id=view.command_id, action=action_name(view.action), state=state_name(view.state)))
        self._select_next = view.command_id
        self.sig_command_changed.emit(view)
        # The queue reads itself again in _on_changed: the desk tells every panel.

    def _on_changed(self, changes: Changes) -> None:
        # A command written at this desk (here, in the customer view, by a payment's
        # reconnect): shown at once, not at the next poll. Hidden, showEvent reads it.
        if changes.commands and self.isVisible():
            self.reload()

    def _on_write_failed(self, exc: BaseException) -> None:
        self.message_bar.show_error(control_error_text(exc))
        self._update_buttons(self.selected())

    def _on_customer_clicked(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.customer_id is not None:
            self.open_confirmation(chosen.customer_id)

    def open_confirmation(self, customer_id: int | None, *,
                          action: str = "disconnect") -> ControlConfirmDialog:
        """The manual command dialog, for this customer or for one typed in it."""
        dialog = ControlConfirmDialog(self._desk, customer_id,
                                     action=action, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.sig_requested.connect(self._on_written)
        self.dialog = dialog
        dialog.open()
        return dialog
