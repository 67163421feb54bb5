"""Theft-suspicion panel (窃电嫌疑): run the analysis, read the reasons, send inspectors.

The analysis runs on the task runner with a progress bar and a Cancel button
(progress arrives from the worker through a queued signal; cancel sets an
event the analysis checks between its queries). Selected suspects become
inspection work orders in one step. The inspection route buttons open the
export, import and conflicts dialogs (widgets.inspection.dialogs).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.services.inspection import theft
from console.services.permissions import Permission, allowed
from console.timeutil import local_time
from widgets.desk import Desk
from widgets.domain_labels import category_name
from widgets.errors import MessageBar, error_text
from widgets.inspection.texts import reason_text, reasons_text
from widgets.rows_model import ColumnSpec, RowsModel

STAGES = ("meters", "readings", "signals", "done")


class _ProgressRelay(QObject):
    """Carries progress from the worker thread to the GUI thread (queued connection)."""

    sig_progress = Signal(str, float)


class UsageInspectionPanel(QWidget):
    """Ranked suspects with their reasons; one step to inspection orders."""

    sig_analysis_finished = Signal(int)
    """The analysis finished; carries the number of suspects listed."""

    sig_orders_opened = Signal(object)
    """Inspection orders were opened for suspects (theft.OpenedOrders)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self._cancel = threading.Event()
        self._relay = _ProgressRelay(self)
        self.report: theft.TheftReport | None = None
        self.dialog: QWidget | None = None  # the open inspection dialog, for tests
        self.may_dispatch = allowed(desk.actor.role, Permission.DISPATCH_INSPECTIONS)
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.message_bar = MessageBar(self, reserve_space=True)
        self.run_button, self.cancel_button = QPushButton(self), QPushButton(self)
        self.run_button.setObjectName("PrimaryButton")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.status_label = QLabel(self, objectName="TotalsLabel")
        self.orders_button = QPushButton(self)
        self.orders_button.setEnabled(False)
        self.route_buttons = {name: QPushButton(self) for name in ("export", "import", "findings", "conflicts")}
        for button in self.route_buttons.values():
            button.setVisible(self.may_dispatch)
        self.model = RowsModel([], self)
        self.view = self._table()
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._lay_out()

    def _table(self) -> QTableView:
        from widgets.inspection.dialogs import selectable_table

        view = selectable_table(self, self.model, key="theft")
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        return view

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        for widget in (self.run_button, self.cancel_button, self.progress):
            top.addWidget(widget)
        top.addWidget(self.status_label, 1)
        for button in self.route_buttons.values():
            top.addWidget(button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.detail, 1)
        bottom.addWidget(self.orders_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.message_bar)
        box.addLayout(top)
        box.addWidget(self.view, 1)
        box.addLayout(bottom)

    def _connect_signals(self) -> None:
        self.run_button.clicked.connect(self.run_analysis)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.orders_button.clicked.connect(self.open_orders_for_selection)
        self._relay.sig_progress.connect(self._on_relay_progress)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.route_buttons["export"].clicked.connect(lambda: self._open_dialog("export"))
        self.route_buttons["import"].clicked.connect(lambda: self._open_dialog("import"))
        self.route_buttons["findings"].clicked.connect(lambda: self._open_dialog("findings"))
        self.route_buttons["conflicts"].clicked.connect(lambda: self._open_dialog("conflicts"))

    def retranslate_ui(self) -> None:
        self.run_button.setText(self.tr("Run analysis"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.orders_button.setText(self.tr("Open inspection orders"))
        self.orders_button.setToolTip(self.tr("One inspection order per selected suspect"))
        self.route_buttons["export"].setText(self.tr("Export route…"))
        self.route_buttons["import"].setText(self.tr("Import results…"))
        self.route_buttons["findings"].setText(self.tr("Findings…"))
        self.route_buttons["conflicts"].setText(self.tr("Conflicts…"))
        self.model.set_columns(self._columns())
        self._show_status()

    def _columns(self) -> list[ColumnSpec]:
        return [
            ColumnSpec(self.tr("Rank"), lambda r: str(r.rank), numeric=True),
            ColumnSpec(self.tr("Score"), lambda r: str(r.score), numeric=True),
            ColumnSpec(self.tr("Customer"), lambda r: r.customer_no),
            ColumnSpec(self.tr("Name"), lambda r: r.customer_name),
            ColumnSpec(self.tr("Category"), lambda r: category_name(r.category)),
            ColumnSpec(self.tr("Meter"), lambda r: r.meter_asset_no),
            ColumnSpec(self.tr("Inspection"), lambda r: r.open_order_no),
            ColumnSpec(self.tr("Reasons"), lambda r: reasons_text(r.reasons)),
        ]

    # -- the analysis ----------------------------------------------------------------------

    def run_analysis(self) -> None:
        """Start the analysis off the GUI thread (a running one is left to finish)."""
        if not self.run_button.isEnabled():
            return
        self._cancel.clear()
        self.message_bar.clear()
        self._set_running(True)
        db, actor, relay, cancel = self._db, self._actor, self._relay, self._cancel
        self._desk.run(lambda: theft.run_theft_analysis(db, actor,
                                                        progress=relay.sig_progress.emit,
                                                        cancelled=cancel.is_set),
                       self, self._on_analysis_done, self._on_analysis_failed)

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        self.progress.setValue(0)

    def _on_relay_progress(self, stage: str, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))

    def _on_cancel_button_clicked(self) -> None:
        self._cancel.set()
        self.cancel_button.setEnabled(False)

    def _on_analysis_done(self, report: theft.TheftReport) -> None:
        self._set_running(False)
        self.report = report
        self.model.set_rows(report.suspects)
        self._show_status()
        self.sig_analysis_finished.emit(len(report.suspects))

    def _on_analysis_failed(self, exc: BaseException) -> None:
        self._set_running(False)
        if getattr(exc, "code", "") == "cancelled":
            self.message_bar.show_message(self.tr("Analysis cancelled; the list is unchanged."))
        else:
            self.message_bar.show_error(error_text(exc))

    def _show_status(self) -> None:
        report = self.report
        if report is None:
            self.status_label.setText(self.tr("Run the analysis to rank meters by signs of theft."))
        elif report.as_of is None:
            self.status_label.setText(self.tr("No readings to analyse yet."))
        else:
            self.status_label.setText(self.tr(
                "{meters} meters, readings up to {as_of}: {suspects} suspects ({seconds:.1f} s)"
            ).format(meters=report.meters, as_of=local_time(report.as_of),
                     suspects=len(report.suspects), seconds=report.seconds))

    # -- suspects into orders --------------------------------------------------------------

    def selected_rows(self) -> list[theft.SuspectRow]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def _on_selection_changed(self, *_args: object) -> None:
        rows = self.selected_rows()
        self.orders_button.setEnabled(bool(rows))
        if len(rows) == 1:
            self.detail.setText("\n".join("• " + reason_text(r) for r in rows[0].reasons))
        else:
            self.detail.setText(self.tr("%n suspect(s) selected", "", len(rows)) if rows else "")

    def open_orders_for_selection(self) -> None:
        """One inspection order per selected suspect; the reasons become its description."""
        suspects = [(r.meter_id, self.tr("Theft analysis, score {score}: {reasons}").format(
            score=r.score, reasons=reasons_text(r.reasons))) for r in self.selected_rows()]
        if not suspects:
            return
        self.orders_button.setEnabled(False)
        db, actor = self._db, self._actor
        self._desk.run(lambda: theft.open_inspection_orders(db, actor, suspects), self,
                       self._on_orders_opened, self._on_orders_failed, write=True)

    def _on_orders_opened(self, opened: theft.OpenedOrders) -> None:
        self.orders_button.setEnabled(True)
        text = self.tr("%n inspection order(s) opened", "", len(opened.opened))
        if opened.skipped:
            text += " " + self.tr("(already open for {customers})").format(
                customers=", ".join(opened.skipped))
        self.message_bar.show_success(text)
        self.sig_orders_opened.emit(opened)
        self.run_analysis()  # the Inspection column shows the new order numbers

    def _on_orders_failed(self, exc: BaseException) -> None:
        self.orders_button.setEnabled(True)
        self.message_bar.show_error(error_text(exc))

    def _open_dialog(self, which: str) -> None:
        from widgets.inspection import dialogs

        makers = {"export": dialogs.ExportRouteDialog, "import": dialogs.ImportResultsDialog,
                  "findings": dialogs.FindingsDialog, "conflicts": dialogs.ConflictsDialog}
        self.dialog = makers[which](self._desk, self)
        self.dialog.show()
