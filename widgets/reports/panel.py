"""Reports panel (报表): choose a report and its parameters, generate, preview, print, save.

The list shows the reports the role may make (reports.registry); the form
shows only the parameters the chosen report needs. Generating runs off the
UI thread (widgets.reports.viewer) with progress and Cancel.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.models.enums import AccessPurpose
from console.services.permissions import allowed
from console.services.report_data.common import report_choices
from console.services.report_data.types import ReportChoices
from console.timeutil import local_today
from reports.registry import REPORTS, ReportParams, default_purpose
from widgets.customers.purpose_dialog import fill_purposes
from widgets.desk import Desk
from widgets.reports.viewer import ReportViewer

translate = QCoreApplication.translate
FIELDS = ("start", "end", "unit", "operator", "customer", "notice", "purpose", "lang")


def report_title(name: str) -> str:
    titles = {
        "statement": translate("ReportsPanel", "Customer statement (对账单)"),
        "notice": translate("ReportsPanel", "Notice: reminder, disconnection, reconnection"),
        "daily_collection": translate("ReportsPanel", "Daily collection (日收费报表)"),
        "aging": translate("ReportsPanel", "Arrears aging (欠费账龄)"),
        "control_log": translate("ReportsPanel", "Disconnect/reconnect log"),
        "seal_inventory": translate("ReportsPanel", "Seal inventory and movements"),
        "work_orders": translate("ReportsPanel", "Work orders and service times"),
        "monthly_summary": translate("ReportsPanel", "Monthly management summary"),
        "access_trail": translate("ReportsPanel", "Who looked at a customer"),
    }
    return titles.get(name, name)


def fields_of(name: str) -> set[str]:
    """The form rows a report needs (language always)."""
    needs = REPORTS[name].needs
    shown = {"lang", "purpose"}  # every report names people: it is made for a purpose
    if "range" in needs:
        shown |= {"start", "end"}
    if "month" in needs:
        shown.add("start")
    if "as_of" in needs:
        shown.add("end")
    return shown | (needs & {"unit", "operator", "customer", "notice"})


class ReportsPanel(QWidget):
    """Every report the role may make, one form, one preview."""

    sig_choices_loaded = Signal()
    """The units and operators to choose from have arrived."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self.names = [n for n, spec in REPORTS.items() if allowed(desk.actor.role, spec.permission)]
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self.report_list.setCurrentRow(0)
        self._load_choices()

    def _build_ui(self) -> None:
        self.report_list = QListWidget(self, objectName="ReportList")
        for name in self.names:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.report_list.addItem(item)
        today = QDate(local_today())
        self.start_edit = QDateEdit(today, self, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.end_edit = QDateEdit(today, self, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.unit_combo, self.operator_combo = QComboBox(self), QComboBox(self)
        self.customer_edit, self.notice_edit = QLineEdit(self), QLineEdit(self)
        self.lang_combo, self.purpose_combo = QComboBox(self), QComboBox(self)
        self.lang_combo.addItem("中文", "zh")
        self.lang_combo.addItem("English", "en")
        self.generate_button = QPushButton(self, objectName="PrimaryButton")
        self.viewer = ReportViewer(self._desk, self)
        self._lay_out()

    def _lay_out(self) -> None:
        self.form = QFormLayout()
        self.widgets = {"start": self.start_edit, "end": self.end_edit, "unit": self.unit_combo,
                        "operator": self.operator_combo, "customer": self.customer_edit,
                        "notice": self.notice_edit, "purpose": self.purpose_combo,
                        "lang": self.lang_combo}
        self.captions = {key: QLabel(self) for key in FIELDS}
        for key in FIELDS:
            self.form.addRow(self.captions[key], self.widgets[key])
        side = QFrame(self, objectName="Card")
        column = QVBoxLayout(side)
        column.addWidget(self.report_list, 1)
        column.addLayout(self.form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.generate_button)
        column.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(side)
        splitter.addWidget(self.viewer)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _connect_signals(self) -> None:
        self.report_list.currentRowChanged.connect(self._on_report_list_current_row_changed)
        self.generate_button.clicked.connect(self.generate)
        self.customer_edit.returnPressed.connect(self.generate)
        self.notice_edit.returnPressed.connect(self.generate)

    def retranslate_ui(self) -> None:
        for row, name in enumerate(self.names):
            self.report_list.item(row).setText(report_title(name))
        captions = {"start": self.tr("From"), "end": self.tr("To"), "unit": self.tr("Unit"),
                    "operator": self.tr("Operator"), "customer": self.tr("Customer number"),
                    "notice": self.tr("Notice number"), "purpose": self.tr("Purpose"),
                    "lang": self.tr("Language")}
        if self.current_name and "as_of" in REPORTS[self.current_name].needs:
            captions["end"] = self.tr("As of")
        if self.current_name and "month" in REPORTS[self.current_name].needs:
            captions["start"] = self.tr("Month (any day)")
        for key, text in captions.items():
            self.captions[key].setText(text)
        self.generate_button.setText(self.tr("Generate"))
        self.customer_edit.setPlaceholderText(self.tr("10 digits, e.g. 3700000101"))
        self.notice_edit.setPlaceholderText(self.tr("e.g. TZ20261100000042"))
        if self.operator_combo.count():
            self.operator_combo.setItemText(0, self.tr("All operators"))
        self.viewer.retranslate_ui()

    @property
    def current_name(self) -> str:
        item = self.report_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def choose(self, name: str) -> None:
        """Select a report by name (as a click on the list does)."""
        self.report_list.setCurrentRow(self.names.index(name))

    def _on_report_list_current_row_changed(self, _row: int) -> None:
        if not self.current_name:
            return
        shown = fields_of(self.current_name)
        for key in FIELDS:
            self.form.setRowVisible(self.widgets[key], key in shown)
        fill_purposes(self.purpose_combo, AccessPurpose,
                      current=default_purpose(self.current_name))
        self.viewer.clear()
        self.retranslate_ui()

    def _load_choices(self) -> None:
        db, actor = self._db, self._actor
        self._desk.run(lambda: report_choices(db, actor), self, self._on_choices_loaded,
                       self.viewer.message_bar.show_error)

    def _on_choices_loaded(self, choices: ReportChoices) -> None:
        self.unit_combo.clear()
        for unit_id, name in choices.units:
            self.unit_combo.addItem(name, unit_id)
        self.operator_combo.clear()
        self.operator_combo.addItem(self.tr("All operators"), None)
        for user_id, name in choices.operators:
            self.operator_combo.addItem(name, user_id)
        self.sig_choices_loaded.emit()

    def params(self) -> ReportParams:
        """The form as the registry takes it (fields the report does not need are None)."""
        shown = fields_of(self.current_name)

        def pick(key: str, value):
            return value if key in shown else None

        return ReportParams(
            start=pick("start", self.start_edit.date().toPython()),
            end=pick("end", self.end_edit.date().toPython()),
            unit_id=pick("unit", self.unit_combo.currentData()),
            operator_id=pick("operator", self.operator_combo.currentData()),
            customer_no=pick("customer", self.customer_edit.text().strip()),
            notice_no=pick("notice", self.notice_edit.text().strip()),
            lang=self.lang_combo.currentData(), purpose=self.purpose_combo.currentData() or "")

    def generate(self) -> None:
        """Make the chosen report with the form's parameters."""
        if self.current_name:
            self.viewer.generate(self.current_name, self.params())
