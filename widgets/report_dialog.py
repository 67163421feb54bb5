"""Customer documents from the customer view: the statement (its action button) and any
notice of the Notices tab (right-click, Print this notice), generated, previewed, printed
or saved in a dialog over the view (the clerk stays with the customer)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from console.db import Database
from console.services.actor import Actor
from reports.registry import ReportParams
from widgets.report_viewer import ReportViewer
from widgets.screen_fit import capped_size
from widgets.task_runner import TaskRunner


class ReportDialog(QDialog):
    """One report in a window of its own; generation starts when it opens."""

    def __init__(self, db: Database, tasks: TaskRunner, actor: Actor, name: str,
                 params: ReportParams, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name, self._params = name, params
        self.viewer = ReportViewer(db, tasks, actor, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(lambda _r: self.viewer.cancel())
        layout = QVBoxLayout(self)
        layout.addWidget(self.viewer, 1)
        layout.addWidget(self.buttons)
        # An A4 page wants height; a 1366×768 counter screen has little (Close must show).
        self.resize(capped_size(self, QSize(900, 1000)))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Customer statement") if self._name == "statement"
                            else self.tr("Notice"))

    def start(self) -> None:
        self.viewer.generate(self._name, self._params)


def wire_statement(panel, db: Database, tasks: TaskRunner, actor: Actor):
    """Let the lookup panel's customer view print statements and notices; returns the panel."""

    def show(name: str, params: ReportParams) -> None:
        dialog = ReportDialog(db, tasks, actor, name, params, panel)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        panel.statement_dialog = dialog
        dialog.open()
        dialog.start()

    def on_action(action: str, customer_id: int) -> None:
        detail = panel.view.detail
        if action == "statement" and detail is not None and detail.identity.id == customer_id:
            show("statement", ReportParams(customer_no=detail.identity.customer_no))

    def on_print_notice() -> None:
        table = panel.view.tables["notices"]
        rows = table.selectionModel().selectedRows()
        if rows:
            notice = panel.view.models["notices"].row_at(rows[0].row())
            show("notice", ReportParams(notice_no=notice.doc_no))

    panel.view.sig_action_requested.connect(on_action)
    action = QAction(QCoreApplication.translate("ReportDialog", "Print this notice"), panel.view)
    action.triggered.connect(on_print_notice)
    notices = panel.view.tables["notices"]
    notices.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    notices.addAction(action)
    panel.print_notice_action = action
    return panel
