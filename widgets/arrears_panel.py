"""Arrears panel (欠费管理): who owes, how long, what it adds up to; batch actions.

Loads off the UI thread, then keeps itself current: every few seconds it asks
the database for a cheap change marker and reads the list again only when a
payment, bill run, notice or switch request has landed somewhere (keeping the
selection and scroll position).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.db import Database
from console.services import arrears, arrears_disconnect
from console.services.actor import Actor
from console.services.arrears_types import ArrearsList, BatchOutcome
from console.services.cost_control import CostControlRunResult, run_cost_control
from console.services.cost_control_plan import CostControlPlan, plan_cost_control
from console.services.permissions import Permission, allowed
from widgets.arrears_filters import ArrearsFilterBar, BucketStrip
from widgets.arrears_model import ArrearsModel, Column
from widgets.bill_run_dialog import BillRunDialog
from widgets.cost_control_dialog import CostControlDialog
from widgets.disconnect_request_dialog import (
    DisconnectRequestDialog,
    request_outcome_text,
    who_text,
)
from widgets.domain_labels import money
from widgets.errors import MessageBar
from widgets.table_columns import remember_columns
from widgets.task_runner import Generation, TaskRunner, while_alive

POLL_MS = 2500
COLUMN_WIDTHS = {Column.NUMBER: 110, Column.NAME: 170, Column.UNIT: 120, Column.CATEGORY: 110,
                 Column.PROTECTED: 70, Column.BILLS: 60, Column.ARREARS: 100,
                 Column.LATE_FEES: 100, Column.TOTAL: 100, Column.OLDEST_DUE: 100,
                 Column.DAYS: 80, Column.NOTICE: 130}
ZERO = Decimal("0.00")


class ArrearsPanel(QWidget):
    """Every customer in arrears in the supervisor's units."""

    sig_customer_open_requested = Signal(int)
    """Double-click or Enter on a row: open this customer id in the Lookup panel."""

    sig_loaded = Signal(int)
    """The list was (re)read; carries the number of customers in arrears."""

    sig_dialog_opened = Signal(object)
    """A dialog of the panel opened (a disconnect request or cost-control plan)."""

    def __init__(self, db: Database, tasks: TaskRunner, actor: Actor,
                 parent: QWidget | None = None, *, poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._db, self._tasks, self._actor = db, tasks, actor
        self._generation = Generation()
        self._marker: tuple[int, ...] | None = None
        self._polling = False
        self.units: list[tuple[int, str]] = []
        # Asked before a batch writes; tests answer it themselves.
        self.confirm: Callable[[str], bool] = self._ask
        self.dialog: QWidget | None = None  # the open disconnect request dialog
        self._build_ui(poll_ms)
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self, poll_ms: int) -> None:
        self.message_bar = MessageBar(self)
        self.buckets = BucketStrip(self)
        self.filters = ArrearsFilterBar(self)
        self.bill_run_button = QPushButton(self)
        self.bill_run_button.setVisible(allowed(self._actor.role, Permission.RUN_BILLS))
        self.cost_control_button = QPushButton(self)
        self.cost_control_button.setVisible(allowed(self._actor.role, Permission.REQUEST_CONTROL))
        self.refresh_button = QPushButton(self)
        self.model = ArrearsModel(self)
        self.view = self._table()
        self.totals_label = QLabel(self, objectName="TotalsLabel")
        self.actions = {name: QPushButton(self) for name in ("reminder", "disconnect_notice",
                                                             "disconnect_request")}
        may_request = allowed(self._actor.role, Permission.REQUEST_CONTROL)
        for name in ("disconnect_notice", "disconnect_request"):
            self.actions[name].setVisible(may_request)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        self._lay_out()

    def _table(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.model)
        view.setSortingEnabled(True)
        view.sortByColumn(Column.TOTAL, Qt.SortOrder.DescendingOrder)
        view.setAlternatingRowColors(True)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(28)
        view.horizontalHeader().setStretchLastSection(True)
        self.columns = remember_columns(view, "arrears")
        return view

    def _fit_columns(self) -> None:
        """Default widths, wider where the header's words (in this language) need it."""
        metrics = self.view.horizontalHeader().fontMetrics()
        self.columns.set_default_widths({
            column: max(width, metrics.horizontalAdvance(
                str(self.model.headerData(column, Qt.Orientation.Horizontal))) + 30)
            for column, width in COLUMN_WIDTHS.items()})

    def _lay_out(self) -> None:
        # The tools get a row of their own: beside the five filters they made the panel wider
        # than a 1400-pixel window leaves it, and English squeezed the amount box to "...".
        tools = QHBoxLayout()
        tools.addStretch(1)
        tools.addWidget(self.refresh_button)
        tools.addWidget(self.bill_run_button)
        tools.addWidget(self.cost_control_button)
        footer = QHBoxLayout()
        footer.addWidget(self.totals_label, 1)
        for button in self.actions.values():
            footer.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.message_bar)
        layout.addLayout(tools)
        layout.addWidget(self.buckets)
        layout.addWidget(self.filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)

    def _connect_signals(self) -> None:
        self.filters.sig_filter_changed.connect(self._on_filters_changed)
        self.buckets.sig_bucket_clicked.connect(self._on_bucket_clicked)
        self.refresh_button.clicked.connect(self.reload)
        self.bill_run_button.clicked.connect(self._on_bill_run_button_clicked)
        self.cost_control_button.clicked.connect(self._on_cost_control_button_clicked)
        self.view.activated.connect(self._on_view_activated)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.poll_timer.timeout.connect(self._on_poll_timer_timeout)
        for name, button in self.actions.items():
            button.clicked.connect(lambda _=False, n=name: self._on_batch_clicked(n))

    def _run(self, fn, on_done, on_error, *, write: bool = False) -> None:
        """A task whose answer is dropped once this panel is gone (a log-out meanwhile)."""
        self._tasks.run(fn, while_alive(self, on_done), while_alive(self, on_error), write=write)

    def retranslate_ui(self) -> None:
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("The list also refreshes by itself when "
                                               "payments land at any counter."))
        self.bill_run_button.setText(self.tr("Bill run..."))
        self.cost_control_button.setText(self.tr("Run cost control"))
        self.cost_control_button.setToolTip(self.tr(
            "Shows the reminders, notices, alarms and disconnect requests the policies call "
            "for now in your units, and writes them once you confirm (it also runs on its own "
            "schedule)."))
        texts = {"reminder": self.tr("Send reminders"),
                 "disconnect_notice": self.tr("Serve disconnect notices"),
                 "disconnect_request": self.tr("Request disconnection")}
        for name, button in self.actions.items():
            button.setText(texts[name])
        self.filters.retranslate_ui()
        self.buckets.retranslate_ui()
        self.model.retranslate()
        self._fit_columns()
        self._show_totals()
        self._on_selection_changed()

    # -- loading ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._marker is None:
            self.reload()
        self.poll_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.poll_timer.stop()
        super().hideEvent(event)

    def reload(self) -> None:
        """Read the list again (off the UI thread); a newer read overtakes an older one."""
        db, actor = self._db, self._actor
        self._run(lambda: arrears.list_arrears(db, actor),
                        self._generation.guard(self.show_list), self.message_bar.show_error)

    def _on_poll_timer_timeout(self) -> None:
        if self._polling or self._marker is None:
            return
        self._polling = True
        db, actor = self._db, self._actor
        self._run(lambda: arrears.change_marker(db, actor), self._on_marker_read,
                        self._on_marker_failed)

    def _on_marker_read(self, marker: tuple[int, ...]) -> None:
        self._polling = False
        if marker != self._marker:
            self.reload()

    def _on_marker_failed(self, _exc: BaseException) -> None:
        self._polling = False  # the status bar already says when the database is away

    def show_list(self, result: ArrearsList) -> None:
        """Show a list read by `arrears.list_arrears`, keeping selection and scroll."""
        selected, top = self._selected_ids(), self._top_id()
        self._marker = result.marker
        if result.units != self.units:
            self.units = result.units
            self.filters.set_units(result.units)
        self.model.set_rows(result.rows)
        self._restore(selected, top)
        self._show_totals()
        self.sig_loaded.emit(len(result.rows))

    def _selected_ids(self) -> list[int]:
        return [self.model.row_at(i.row()).customer_id
                for i in self.view.selectionModel().selectedRows()]

    def _top_id(self) -> int | None:
        row = self.view.rowAt(0)
        return self.model.row_at(row).customer_id if row >= 0 else None

    def _restore(self, selected: list[int], top: int | None) -> None:
        if top is not None and (row := self.model.row_of(top)) >= 0:
            self.view.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        for customer_id in selected:
            if (row := self.model.row_of(customer_id)) >= 0:
                self.view.selectionModel().select(
                    self.model.index(row, 0),
                    self.view.selectionModel().SelectionFlag.Select
                    | self.view.selectionModel().SelectionFlag.Rows)

    # -- filters and totals -----------------------------------------------------------------

    def _on_filters_changed(self) -> None:
        self.model.set_filter(self.filters.current())
        self._show_totals()

    def _on_bucket_clicked(self, bucket: int) -> None:
        self.filters.set_bucket(None if self.model.filter.bucket == bucket else bucket)

    def _show_totals(self) -> None:
        self.buckets.show_totals(self.model.bucket_totals(), self.model.filter.bucket)
        rows = self.model.visible_rows()
        principal = sum((r.arrears for r in rows), start=ZERO)
        fees = sum((r.late_fees for r in rows), start=ZERO)
        self.totals_label.setText(self.tr(
            "%n customer(s) · arrears {arrears} · late fees {fees} · total {total} yuan", "",
            len(rows)).format(arrears=money(principal), fees=money(fees),
                              total=money(principal + fees)))

    # -- actions ----------------------------------------------------------------------------

    def _on_view_activated(self, index) -> None:
        self.sig_customer_open_requested.emit(self.model.row_at(index.row()).customer_id)

    def _on_selection_changed(self, *_args: object) -> None:
        chosen = bool(self.view.selectionModel().hasSelection())
        for button in self.actions.values():
            button.setEnabled(chosen)

    def _on_bill_run_button_clicked(self) -> None:
        dialog = BillRunDialog(self._db, self._tasks, self._actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.sig_run_finished.connect(self._on_bill_run_finished)
        dialog.open()

    def _on_bill_run_finished(self, _result: object) -> None:
        self.reload()

    def _on_cost_control_button_clicked(self) -> None:
        """First the dry run: nothing is written until the supervisor types its count."""
        db, actor = self._db, self._actor
        self.cost_control_button.setEnabled(False)
        self._run(lambda: plan_cost_control(db, actor), self._on_cost_control_planned,
                  self._on_cost_control_failed)

    def _on_cost_control_planned(self, plan: CostControlPlan) -> None:
        self.cost_control_button.setEnabled(True)
        dialog = CostControlDialog(plan, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.sig_run_confirmed.connect(self._run_cost_control)
        self.dialog = dialog
        self.sig_dialog_opened.emit(dialog)
        dialog.open()

    def _run_cost_control(self) -> None:
        db, actor = self._db, self._actor
        self.cost_control_button.setEnabled(False)
        self._run(lambda: run_cost_control(db, actor), self._on_cost_control_done,
                  self._on_cost_control_failed, write=True)

    def _on_cost_control_done(self, result: CostControlRunResult) -> None:
        self.cost_control_button.setEnabled(True)
        self.message_bar.show_success(self.tr(
            "Cost control: {accounts} accounts looked at; {notices} notices, {alarms} alarms "
            "and {requests} disconnect requests written.").format(
                accounts=result.accounts, notices=result.notices, alarms=result.alarms,
                requests=result.requests), timeout_ms=15000)
        self.reload()

    def _on_cost_control_failed(self, exc: BaseException) -> None:
        self.cost_control_button.setEnabled(True)
        self.message_bar.show_error(exc)

    def _on_batch_clicked(self, action: str) -> None:
        ids = self._selected_ids()
        if not ids:
            return
        if action == "disconnect_request":
            self._plan_disconnections(ids)
            return
        if not self.confirm(self._question(action)):
            return
        db, actor = self._db, self._actor
        calls = {
            "reminder": lambda: arrears.send_reminders(db, actor, ids),
            "disconnect_notice": lambda: arrears.serve_disconnect_notices(db, actor, ids),
        }
        self._write(calls[action], self._on_batch_done)

    def _write(self, fn, on_done) -> None:  # noqa: ANN001
        for button in self.actions.values():
            button.setEnabled(False)
        self._run(fn, on_done, self._on_batch_failed, write=True)

    def _question(self, action: str) -> str:
        rows = [self.model.row_at(i.row()) for i in self.view.selectionModel().selectedRows()]
        who = who_text([(r.customer_no, r.name, r.arrears) for r in rows])
        texts = {"reminder": self.tr("Send an arrears reminder to {who}?"),
                 "disconnect_notice": self.tr("Serve a disconnect notice on {who}? "
                                              "Protected customers are left out.")}
        return texts[action].format(who=who)

    # -- disconnect requests: plan, confirm, request ----------------------------------------

    def _plan_disconnections(self, ids: list[int]) -> None:
        db, actor = self._db, self._actor
        self._run(lambda: arrears_disconnect.plan_disconnections(db, actor, ids),
                  self._on_plan_loaded, self._on_batch_failed)

    def _on_plan_loaded(self, plan: arrears_disconnect.DisconnectPlan) -> None:
        dialog = DisconnectRequestDialog(plan, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        ids = [r.customer_id for r in plan.rows]
        dialog.sig_request_clicked.connect(lambda: self._request_disconnections(ids))
        dialog.sig_serve_clicked.connect(self._serve_notices)
        self.dialog = dialog
        self.sig_dialog_opened.emit(dialog)
        dialog.open()

    def _request_disconnections(self, ids: list[int]) -> None:
        db, actor, key = self._db, self._actor, uuid.uuid4().hex[:32]
        self._write(lambda: arrears_disconnect.request_disconnections(
            db, actor, ids, idempotency_key=key), self._on_requests_done)

    def _serve_notices(self, ids: list[int]) -> None:
        db, actor = self._db, self._actor
        self._write(lambda: arrears.serve_disconnect_notices(db, actor, ids), self._on_batch_done)

    def _on_requests_done(self, plan: arrears_disconnect.DisconnectPlan) -> None:
        self._on_selection_changed()
        text, done = request_outcome_text(plan)
        if done:
            self.message_bar.show_success(text, timeout_ms=15000)
        else:  # nothing recorded is not a success, whatever the reason
            self.message_bar.show_error(text)
        self.reload()

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Arrears"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _on_batch_done(self, outcome: BatchOutcome) -> None:
        self._on_selection_changed()
        if outcome.done:
            self.message_bar.show_success(self._outcome_text(outcome), timeout_ms=10000)
        else:  # nothing written: information, never a green success
            self.message_bar.show_message(self._outcome_text(outcome))
        self.reload()

    def _on_batch_failed(self, exc: BaseException) -> None:
        self._on_selection_changed()
        self.message_bar.show_error(exc)

    def _outcome_text(self, outcome: BatchOutcome) -> str:
        done = {"reminder": self.tr("%n reminder(s) recorded for sending.", "", outcome.done),
                "disconnect_notice": self.tr("%n disconnect notice(s) recorded for serving.", "",
                                             outcome.done)}[outcome.action]
        reasons = {"already_sent": self.tr("already done today or under way"),
                   "protected": self.tr("protected"), "no_meter": self.tr("no meter in service"),
                   "pending": self.tr("already under way"),
                   "not_eligible": self.tr("owe nothing now or closed")}
        skipped = [self.tr("{count} left out: {why}").format(count=n, why=reasons.get(k, k))
                   for k, n in outcome.skipped.items()]
        return " ".join([done, *(f"({s})" for s in skipped)])
