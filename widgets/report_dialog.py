"""A customer's statement from the customer view: generated, previewed, printed or saved
in a dialog over the view (the clerk stays with the customer)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from console.db import Database
from console.services.actor import Actor
from reports.registry import ReportParams
from widgets.report_viewer import ReportViewer
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
        self.resize(900, 1000)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Customer statement"))

    def start(self) -> None:
        self.viewer.generate(self._name, self._params)


def wire_statement(panel, db: Database, tasks: TaskRunner, actor: Actor):  # noqa: ANN001, ANN201
    """Let the lookup panel's customer view print statements; returns the panel."""

    def on_action(action: str, customer_id: int) -> None:
        detail = panel.view.detail
        if action != "statement" or detail is None or detail.identity.id != customer_id:
            return
        dialog = ReportDialog(db, tasks, actor, "statement",
                              ReportParams(customer_no=detail.identity.customer_no), panel)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        panel.statement_dialog = dialog
        dialog.open()
        dialog.start()

    panel.view.sig_action_requested.connect(on_action)
    return panel
