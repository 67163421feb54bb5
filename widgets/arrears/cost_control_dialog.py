"""Before smart cost control writes anything: what it would do, and the count typed to confirm.

One click used to write hundreds of notices and pre-trip alarms across every
unit. Now the supervisor first reads the dry run (console.services.
cost_control_plan) per unit and kind, with the first customers, and confirms
by typing the number of writes; a run that would write nothing cannot start.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.services.cost_control.plan import CostControlPlan
from widgets.domain_labels import money

translate = QCoreApplication.translate


def kind_name(kind: str) -> str:
    return {
        "alert": translate("CostControl", "Balance alert notices"),
        "reminder": translate("CostControl", "Arrears reminders"),
        "disconnect": translate("CostControl", "Disconnect notices"),
        "disconnect_reminder": translate("CostControl", "30-minute reminders before a cut"),
        "alarm": translate("CostControl", "Pre-trip alarms to meters"),
        "request": translate("CostControl", "Disconnect requests (for approval)"),
        "request_auto": translate("CostControl", "Disconnect requests approved by the policy"),
        "clear": translate("CostControl", "Accounts back to normal"),
    }.get(kind, kind)


class CostControlDialog(QDialog):
    """The dry run of a cost-control run, confirmed by typing its count."""

    sig_run_confirmed = Signal()
    """The supervisor typed the count and chose to run."""

    def __init__(self, plan: CostControlPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.intro_label = QLabel(self, objectName="CardTitle")
        self.intro_label.setWordWrap(True)
        self.summary = self._table(len(self.plan.lines), 4)
        self.first_label = QLabel(self)
        self.first = self._table(len(self.plan.first_rows), 4)
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.count_label, self.count_edit = QLabel(self), QLineEdit(self)
        self.count_label.setBuddy(self.count_edit)
        self.run_button = QPushButton(self, objectName="PrimaryButton")
        self.cancel_button = QPushButton(self)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.run_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        confirm = QHBoxLayout()
        confirm.addWidget(self.count_label)
        confirm.addWidget(self.count_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        for widget in (self.intro_label, self.summary, self.first_label, self.first,
                       self.note_label):
            layout.addWidget(widget)
        layout.addLayout(confirm)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(720)

    def _table(self, rows: int, columns: int) -> QTableWidget:
        table = QTableWidget(rows, columns, self)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setMaximumHeight(200)
        return table

    def _connect_signals(self) -> None:
        self.count_edit.textChanged.connect(self._on_count_edit_text_changed)
        self.run_button.clicked.connect(self._on_run_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

    def retranslate_ui(self) -> None:
        plan = self.plan
        self.setWindowTitle(self.tr("Run cost control"))
        self.intro_label.setText(self.tr(
            "Cost control would now write %n item(s) in your units (accounts concerned: {accounts}):",
            "", plan.total).format(accounts=plan.accounts) if plan.total else
            self.tr("Cost control has nothing to write now for your units."))
        self.summary.setHorizontalHeaderLabels([self.tr("Unit"), self.tr("What"),
                                                self.tr("Count"), self.tr("Amount (yuan)")])
        for row, line in enumerate(plan.lines):
            self._fill(self.summary, row, (line.unit_name, kind_name(line.kind),
                                           str(line.count), money(line.amount)))
        self.first_label.setText(self.tr("The first %n:", "", len(plan.first_rows)))
        self.first.setHorizontalHeaderLabels([self.tr("Customer"), self.tr("Unit"),
                                              self.tr("What"), self.tr("Amount (yuan)")])
        for row, r in enumerate(plan.first_rows):
            self._fill(self.first, row, (f"{r.customer_no} {r.name}", r.unit_name,
                                         kind_name(r.kind), money(r.amount)))
        self.note_label.setText(self.tr(
            "Prepaid balances are first brought up to the latest meter readings, so a prepaid "
            "account may still change. Disconnect requests wait for a second supervisor."))
        self.count_label.setText(self.tr("Type {count} to run:").format(count=plan.total))
        self.run_button.setText(self.tr("Run cost control"))
        self.cancel_button.setText(self.tr("Cancel"))
        for widget in (self.summary, self.first, self.first_label, self.count_label,
                       self.count_edit):
            widget.setVisible(plan.total > 0)
        self._on_count_edit_text_changed()

    def _fill(self, table: QTableWidget, row: int, texts: tuple[str, ...]) -> None:
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column == len(texts) - 1 or text.isdigit():  # counts and amounts line up right
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)

    def _on_count_edit_text_changed(self, *_args: object) -> None:
        typed = self.count_edit.text().strip()
        self.run_button.setEnabled(self.plan.total > 0 and typed == str(self.plan.total))

    def _on_run_button_clicked(self) -> None:
        if not self.run_button.isEnabled():
            return
        self.accept()
        self.sig_run_confirmed.emit()
