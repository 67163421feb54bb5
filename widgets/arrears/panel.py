"""Arrears panel (欠费管理): who owes, how long, what it adds up to; batch actions.

Loads off the UI thread (`arrears_loading`): the customers owing most at once,
everyone a moment later; then keeps itself current, reading the list again
only when a payment, bill run, notice or switch request has landed somewhere
(keeping the selection and scroll position).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes
from console.services.arrears import disconnect as arrears_disconnect, listing as arrears
from console.services.arrears.types import ArrearsList, BatchOutcome
from console.services.cost_control.plan import CostControlPlan, plan_cost_control
from console.services.cost_control.run import CostControlRunResult, run_cost_control
from console.services.permissions import Permission, allowed
from widgets.arrears.cost_control_dialog import CostControlDialog
from widgets.arrears.disconnect_dialog import (
    DisconnectRequestDialog,
    request_outcome_text,
    who_text,
)
from widgets.arrears.filters import ArrearsFilterBar, BucketStrip
from widgets.arrears.loading import ArrearsLoader
from widgets.arrears.model import DEFAULT_SORT, ArrearsModel
from widgets.arrears.order import ArrearsTable
from widgets.arrears.view import ArrearsView
from widgets.billing.bill_run_dialog import BillRunDialog
from widgets.desk import Desk
from widgets.domain_labels import money
from widgets.errors import MessageBar

POLL_MS = 2500


class ArrearsPanel(QWidget):
    """Every customer in arrears in the supervisor's units."""

    sig_customer_open_requested = Signal(int)
    """Double-click or Enter on a row: open this customer id in the Lookup panel."""

    sig_first_page_shown = Signal(int)
    """A fresh open shows the customers owing most (how many); the rest are still read."""

    sig_loaded = Signal(int)
    """The whole list was (re)read and shown; carries the number of customers in arrears."""

    sig_dialog_opened = Signal(object)
    """A dialog of the panel opened (a disconnect request or cost-control plan)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, *,
                 poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._desk, self._db, self._actor = desk, desk.db, desk.actor
        self.loader = ArrearsLoader(desk, self, poll_ms=poll_ms)
        self.poll_timer = self.loader.poll_timer
        self.complete = False  # all rows in (else the first page, or nothing yet)
        self.units: list[tuple[int, str]] = []
        # Asked before a batch writes; tests answer it themselves.
        self.confirm: Callable[[str], bool] = self._ask
        self.dialog: QWidget | None = None  # the open disconnect request dialog
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.message_bar = MessageBar(self)
        self.buckets = BucketStrip(self)
        self.filters = ArrearsFilterBar(self)
        self.bill_run_button = QPushButton(self)
        self.bill_run_button.setVisible(allowed(self._actor.role, Permission.RUN_BILLS))
        self.cost_control_button = QPushButton(self)
        self.cost_control_button.setVisible(allowed(self._actor.role, Permission.REQUEST_CONTROL))
        self.refresh_button = QPushButton(self)
        self.model = ArrearsModel(self)
        self.view = ArrearsView(self.model, self)
        self.columns = self.view.columns
        self.totals_label = QLabel(self, objectName="TotalsLabel")
        self.actions = {name: QPushButton(self) for name in ("reminder", "disconnect_notice",
                                                             "disconnect_request")}
        may_request = allowed(self._actor.role, Permission.REQUEST_CONTROL)
        for name in ("disconnect_notice", "disconnect_request"):
            self.actions[name].setVisible(may_request)
        self._lay_out()

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
        self.loader.sig_page_read.connect(self._on_first_page_read)
        self.loader.sig_list_read.connect(self._on_list_read)
        self.loader.sig_failed.connect(self.message_bar.show_error)
        self.loader.sig_changed.connect(self.reload)
        self._desk.sig_changed.connect(self._on_changed)
        for name, button in self.actions.items():
            button.clicked.connect(lambda _=False, n=name: self._on_batch_clicked(n))

    def _on_changed(self, changes: Changes) -> None:
        # A payment or reversal at this desk: no need to wait for the list's next poll.
        if changes.payments:
            self.reload()

    def _run(self, fn, on_done, on_error, *, write: bool = False) -> None:
        """A task whose answer is dropped once this panel is gone (a log-out meanwhile)."""
        self._desk.run(fn, self, on_done, on_error, write=write)

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
        self.view.fit_columns()
        self._show_totals()
        self._on_selection_changed()

    # -- loading ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.loader.marker is None:
            self.reload()
        self.poll_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.poll_timer.stop()
        super().hideEvent(event)

    def reload(self) -> None:
        """Read the list again (off the UI thread); a newer read overtakes an older one.
        An empty table in its default order first gets the customers owing most."""
        if not self.model.all_rows and self.model.sort_order == DEFAULT_SORT:
            self.loader.read_first_page(lambda: self.model.sort_order)
        else:
            self.loader.read_all(self.model.sort_order)

    def _on_first_page_read(self, page: ArrearsList) -> None:
        self._set_units(page.units)
        self.model.set_table(ArrearsTable.prepare(page.rows, self.model.sort_order))
        self._show_totals()
        # Painted now: once the whole list is read in a worker, that worker holds the
        # GIL most of the time and every cell a later paint asks for would wait for it.
        self.view.viewport().repaint()
        self.sig_first_page_shown.emit(len(page.rows))

    def show_list(self, result: ArrearsList) -> None:
        """Show a list read by `arrears.list_arrears`, keeping selection and scroll."""
        self._on_list_read(result, ArrearsTable.prepare(result.rows, self.model.sort_order))

    def _on_list_read(self, result: ArrearsList, table: ArrearsTable) -> None:
        selected, top = self.view.selected_ids(), self.view.top_id()
        self._set_units(result.units)
        if not self.model.set_table(table):  # replaced, not only added to
            self.view.restore(selected, top)
        self.complete = True
        self._show_totals()
        self.sig_loaded.emit(len(result.rows))

    def _set_units(self, units: list[tuple[int, str]]) -> None:
        if units != self.units:
            self.units = units
            self.filters.set_units(units)

    # -- filters and totals -----------------------------------------------------------------

    def _on_filters_changed(self) -> None:
        self.model.set_filter(self.filters.current())
        self._show_totals()

    def _on_bucket_clicked(self, bucket: int) -> None:
        self.filters.set_bucket(None if self.model.filter.bucket == bucket else bucket)

    def _show_totals(self) -> None:
        if not self.complete:  # the first page's sums would pass for everyone's
            self.buckets.show_loading(self.model.filter.bucket)
            self.totals_label.setText(self.tr("Loading all customers in arrears…"))
            return
        self.buckets.show_totals(self.model.bucket_totals(), self.model.filter.bucket)
        count, principal, fees = self.model.sums()
        self.totals_label.setText(self.tr(
            "%n customer(s) · arrears {arrears} · late fees {fees} · total {total} yuan", "",
            count).format(arrears=money(principal), fees=money(fees),
                          total=money(principal + fees)))

    # -- actions ----------------------------------------------------------------------------

    def _on_view_activated(self, index) -> None:
        self.sig_customer_open_requested.emit(self.model.row_at(index.row()).customer_id)

    def _on_selection_changed(self, *_args: object) -> None:
        chosen = bool(self.view.selectionModel().hasSelection())
        for button in self.actions.values():
            button.setEnabled(chosen)

    def _on_bill_run_button_clicked(self) -> None:
        dialog = BillRunDialog(self._desk, self)
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
        ids = self.view.selected_ids()
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

    def _write(self, fn, on_done) -> None:
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
                   "not_eligible": self.tr("owe nothing now or closed"),
                   "out_of_scope": self.tr("not in your units")}
        skipped = [self.tr("{count} left out: {why}").format(count=n, why=reasons.get(k, k))
                   for k, n in outcome.skipped.items()]
        return " ".join([done, *(f"({s})" for s in skipped)])
