"""Inspection check: pick the meter, scan every seal on it, compare with the records."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.services.seals.types import InspectionResult, MeterInfo
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.resources import icon
from widgets.rows_model import ColumnSpec, RowsModel
from widgets.seals import calls
from widgets.seals.meter_picker import MeterPicker
from widgets.seals.scan_field import ScanField, ScanList
from widgets.seals.table import make_table
from widgets.seals.texts import finding_detail, outcome_name, position_name
from widgets.seals.verdict import Tone, VerdictBanner

translate = QCoreApplication.translate

OUTCOME_INK = {"intact": "#1c7a46", "mismatch": "#b3261e", "missing": "#b3261e",
               "unknown": "#8a5300", "forged": "#b3261e"}


class FindingsModel(RowsModel):
    """Findings with the outcome column coloured (the words say it as well)."""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == 1:
            return QColor(OUTCOME_INK.get(self.row_at(index.row()).outcome, "#1f2d3d"))
        return super().data(index, role)


def findings_columns() -> list[ColumnSpec]:
    return [ColumnSpec(translate("Seals", "Seal number"), lambda r: r.seal_no),
            ColumnSpec(translate("Seals", "Finding"), lambda r: outcome_name(r.outcome)),
            ColumnSpec(translate("Seals", "Position"), lambda r: position_name(r.position)),
            ColumnSpec(translate("Seals", "Detail"),
                       lambda r: finding_detail(r.outcome, r.detail))]


class InspectionPanel(QWidget):
    """Meter first, then the seals as found; Check compares and may open a work order."""

    sig_meter_chosen = Signal(object)
    """The meter to inspect was found; carries its MeterInfo."""

    sig_checked = Signal(object)
    """The check is done and shown; carries its InspectionResult."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self.meter: MeterInfo | None = None
        self.result: InspectionResult | None = None
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self._update_buttons()

    def _build_ui(self) -> None:
        self.picker = MeterPicker(self._desk, self)
        self.meter_field, self.meter_card = self.picker.field, self.picker.card
        self.seal_hint, self.seal_field = QLabel(self), ScanField(self)
        self.scanned_list = ScanList(self)
        self.scanned_list.setMaximumHeight(150)
        self.remove_button = QPushButton(self)
        self.check_button = QPushButton(icon("seals", "#ffffff"), "", self)
        self.check_button.setObjectName("PrimaryButton")
        self.new_button = QPushButton(icon("refresh"), "", self)
        self.check_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.check_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.remove_shortcut = QShortcut(QKeySequence.StandardKey.Delete, self.scanned_list)
        self.remove_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # not in the fields
        self.message_bar = MessageBar(self, reserve_space=True)
        self.banner = VerdictBanner(self)
        self.findings_model = FindingsModel(findings_columns(), self)
        self.findings = make_table(self.findings_model, self, key="findings", sortable=False)
        buttons = QHBoxLayout()
        for button in (self.remove_button, self.new_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        layout.setSpacing(8)
        for item in (self.picker, self.seal_hint,
                     self.seal_field, self.scanned_list, buttons, self.message_bar, self.banner):
            (layout.addLayout if isinstance(item, QHBoxLayout) else layout.addWidget)(item)
        layout.addWidget(self.findings, 1)
        layout.addStretch(0)  # takes the room until the findings are shown
        self._reset_view()

    def _connect_signals(self) -> None:
        self.picker.sig_meter_chosen.connect(self._on_meter_found)
        self.picker.sig_failed.connect(self._on_failed)
        self.meter_field.sig_scanned.connect(lambda _text: self.message_bar.clear())
        self.seal_field.sig_scanned.connect(self.add_seal)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.remove_shortcut.activated.connect(self._on_remove_button_clicked)
        self.new_button.clicked.connect(self.start_over)
        self.check_button.clicked.connect(self.check)
        self.check_shortcut.activated.connect(self.check)
        self.scanned_list.currentRowChanged.connect(lambda _row: self._update_buttons())

    def retranslate_ui(self) -> None:
        self.seal_hint.setText(self.tr("2. Scan every seal found on the meter, one after the "
                                       "other. Then press Check (Ctrl+Enter)."))
        self.seal_field.setPlaceholderText(self.tr("Scan a seal…"))
        self.remove_button.setText(self.tr("Remove scan"))
        self.remove_button.setToolTip(self.tr("Remove the selected scan (Delete)"))
        self.new_button.setText(self.tr("New check"))
        self.check_button.setText(self.tr("Check seals"))
        self.check_button.setToolTip(self.tr("Compare the scanned seals with the records "
                                              "(Ctrl+Enter)"))
        self.findings_model.set_columns(findings_columns())
        if self.result is not None:
            self._show_result(self.result)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def focus_search(self) -> None:
        (self.seal_field if self.meter else self.meter_field).take_focus()

    # -- meter ------------------------------------------------------------------------------

    def choose_meter(self, text: str) -> None:
        self.message_bar.clear()
        self.picker.choose(text)

    def _on_meter_found(self, meter: MeterInfo) -> None:
        self.start_over()
        self.meter = meter
        self.seal_field.take_focus()
        self._update_buttons()
        self.sig_meter_chosen.emit(meter)

    # -- seals ------------------------------------------------------------------------------

    def scanned(self) -> list[str]:
        return self.scanned_list.texts()

    def add_seal(self, text: str) -> None:
        if self.result is not None:  # a scan after the check starts the next one
            self._reset_view()
        if not self.scanned_list.add_scan(text):
            self.message_bar.show_message(self.tr("This seal was scanned already."))
            return
        self.message_bar.clear()
        self._update_buttons()

    def _on_remove_button_clicked(self) -> None:
        self.scanned_list.takeItem(self.scanned_list.currentRow())
        self._update_buttons()

    def check(self) -> None:
        if self.meter is None or not self.check_button.isEnabled():
            return
        db, actor, meter_id, scanned = self._db, self._actor, self.meter.id, self.scanned()
        key = uuid.uuid4().hex
        self.check_button.setEnabled(False)
        self._desk.run(lambda: calls.inspection_check(db, actor, meter_id, scanned,
                                                      idempotency_key=key),
                       self, self._on_checked, self._on_check_failed, write=True)

    def _on_check_failed(self, exc: BaseException) -> None:
        self._on_failed(exc)
        self._update_buttons()

    def _on_failed(self, exc: BaseException) -> None:
        self.message_bar.show_error(calls.seal_error_text(exc))

    def _on_checked(self, result: InspectionResult) -> None:
        self.result = result
        self._show_result(result)
        self._update_buttons()
        self.sig_checked.emit(result)

    def _show_result(self, result: InspectionResult) -> None:
        self.findings_model.set_rows(result.findings)
        self.findings.show()
        if result.anomalies == 0:
            self.banner.show_answer(Tone.GOOD, self.tr("All seals intact"), self.tr(
                "Seals checked: {n}. Every one matches the records.").format(
                    n=len(result.findings)))
        else:
            detail = (self.tr("Work order {order} was opened for the meter's unit.")
                      .format(order=result.work_order_no) if result.work_order_no else
                      self.tr("No work order was opened."))
            self.banner.show_answer(Tone.BAD, self.tr("Anomalies found: {n}").format(
                n=result.anomalies), detail)
        self.banner.show()

    def start_over(self) -> None:
        """Forget the scans and the result; keep the meter unless a new one is chosen."""
        self.scanned_list.clear()
        self._reset_view()
        self.focus_search()

    def _reset_view(self) -> None:
        self.result = None
        self.banner.hide()
        self.findings.hide()
        self.findings_model.set_rows([])
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.seal_field.setEnabled(self.meter is not None)
        self.check_button.setEnabled(self.meter is not None and self.result is None)
        self.remove_button.setEnabled(self.scanned_list.currentRow() >= 0)
