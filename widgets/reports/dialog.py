"""Customer documents from the customer view: the statement (its action button) and any
notice of the Notices tab (right-click, Print this notice), generated, previewed, printed
or saved in a dialog over the view (the clerk stays with the customer)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from reports.registry import ReportParams
from widgets.desk import Desk
from widgets.reports.viewer import ReportViewer
from widgets.screen_fit import capped_size


class ReportDialog(QDialog):
    """One report in a window of its own; generation starts when it opens."""

    def __init__(self, desk: Desk, name: str,
                 params: ReportParams, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name, self._params = name, params
        self.viewer = ReportViewer(desk, self)
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


def wire_statement(panel, desk: Desk):
    """Let the lookup panel's customer view print statements and notices; returns the panel."""
    view = panel.view

    def show(name: str, params: ReportParams) -> None:
        dialog = ReportDialog(desk, name, params, panel)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        panel.statement_dialog = dialog
        dialog.open()
        dialog.start()

    def on_action(action: str, customer_id: int) -> None:
        detail = view.detail
        if action == "statement" and detail is not None and detail.identity.id == customer_id:
            show("statement", ReportParams(customer_no=detail.identity.customer_no))

    def on_print_notice() -> None:
        notice_no = view.selected_notice_no()
        if notice_no is not None:
            show("notice", ReportParams(notice_no=notice_no))

    view.sig_action_requested.connect(on_action)
    action = QAction(QCoreApplication.translate("ReportDialog", "Print this notice"), view)
    action.triggered.connect(on_print_notice)
    view.add_notice_action(action)
    panel.print_notice_action = action
    return panel
