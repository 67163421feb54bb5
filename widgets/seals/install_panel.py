"""Install and remove: the installer scans the meter, picks the position, scans the seal."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.services.seals.types import MeterInfo, MoveResult, ScanResult
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.rows_model import ColumnSpec, RowsModel
from widgets.seals import calls
from widgets.seals.meter_picker import MeterPicker
from widgets.seals.scan_field import ScanField
from widgets.seals.scan_panel import verdict_words
from widgets.seals.table import make_table, source_row
from widgets.seals.texts import POSITIONS, position_name
from widgets.seals.verdict import Tone, VerdictBanner

translate = QCoreApplication.translate


def on_meter_columns() -> list[ColumnSpec]:
    return [ColumnSpec(translate("Seals", "Position"), lambda r: position_name(r[0])),
            ColumnSpec(translate("Seals", "Seal number"), lambda r: r[1])]


class InstallPanel(QWidget):
    """Every install verifies the scan first; a forged seal is never recorded on a meter."""

    sig_meter_chosen = Signal(object)
    """The meter was found (or reloaded after a move); carries its MeterInfo."""

    sig_installed = Signal(object)
    """A seal was recorded on the meter; carries the MoveResult."""

    sig_removed = Signal(object)
    """A seal was recorded as cut off the meter; carries the MoveResult."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self.meter: MeterInfo | None = None
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self._update_buttons()

    def _build_ui(self) -> None:
        self.picker = MeterPicker(self._desk, self, show_recorded=False)
        self.meter_field, self.meter_card = self.picker.field, self.picker.card
        self.seal_hint, self.seal_field = QLabel(self), ScanField(self)
        self.position_combo = QComboBox(self)
        self.position_combo.setMinimumWidth(180)
        self.seals_title = QLabel(self)
        self.seals_title.setObjectName("SectionLabel")
        self.on_meter_model = RowsModel(on_meter_columns(), self)
        self.on_meter = make_table(self.on_meter_model, self, key="on_meter", sortable=False)
        self.on_meter.setMaximumHeight(170)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(200)
        self.remove_button = QPushButton(self)
        self.remove_shortcut = QShortcut(QKeySequence.StandardKey.Delete, self.on_meter)
        self.remove_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # not in the fields
        self.message_bar = MessageBar(self, reserve_space=True)
        self.banner = VerdictBanner(self)
        self.banner.hide()
        seal_row = QHBoxLayout()
        seal_row.addWidget(self.position_combo)
        seal_row.addWidget(self.seal_field, 1)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.reason_edit, 1)
        remove_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        layout.setSpacing(8)
        for item in (self.picker, self.seal_hint, seal_row,
                     self.message_bar, self.banner, self.seals_title, self.on_meter, remove_row):
            (layout.addLayout if isinstance(item, QHBoxLayout) else layout.addWidget)(item)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.picker.sig_meter_chosen.connect(self._on_meter_found)
        self.picker.sig_failed.connect(self._on_failed)
        self.meter_field.sig_scanned.connect(lambda _text: self.message_bar.clear())
        self.seal_field.sig_scanned.connect(self.install)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.remove_shortcut.activated.connect(self.reason_edit.setFocus)
        self.reason_edit.returnPressed.connect(self._on_remove_button_clicked)
        self.on_meter.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reason_edit.textChanged.connect(self._update_buttons)

    def retranslate_ui(self) -> None:
        self.seal_hint.setText(self.tr("2. Choose the position, then scan the new seal: it is "
                                       "verified and recorded on the meter."))
        self.seal_field.setPlaceholderText(self.tr("Scan the seal to install…"))
        self.seals_title.setText(self.tr("Seals on this meter"))
        self.reason_edit.setPlaceholderText(self.tr("Reason for removing the selected seal, "
                                                    "e.g. meter replaced"))
        self.remove_button.setText(self.tr("Remove seal"))
        current = max(self.position_combo.currentIndex(), 0)
        self.position_combo.clear()
        for code in POSITIONS:
            self.position_combo.addItem(position_name(code), code)
        self.position_combo.setCurrentIndex(current)
        self.on_meter_model.set_columns(on_meter_columns())

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
        self.meter = meter
        self.on_meter_model.set_rows(list(meter.seals))
        self._select_free_position(meter)
        self._update_buttons()
        self.seal_field.take_focus()
        self.sig_meter_chosen.emit(meter)

    def _select_free_position(self, meter: MeterInfo) -> None:
        taken = {position for position, _no in meter.seals}
        free = [code for code in POSITIONS if code not in taken]
        if free:
            self.position_combo.setCurrentIndex(self.position_combo.findData(free[0]))

    # -- moves ------------------------------------------------------------------------------

    def install(self, text: str) -> None:
        if self.meter is None:
            return
        db, actor, meter_id = self._db, self._actor, self.meter.id
        position, key = self.position_combo.currentData(), uuid.uuid4().hex
        self.message_bar.clear()
        self._desk.run(lambda: calls.install_scanned(db, actor, text, meter_id=meter_id,
                                                      position=position, idempotency_key=key),
                       self, self._on_install_done, self._on_failed, write=True)

    def _on_install_done(self, result: tuple[ScanResult, MoveResult | None]) -> None:
        scan, move = result
        if move is None:  # forged, junk or unknown: say so as the scan panel would
            self.banner.show_answer(*verdict_words(scan))
        else:
            self.banner.show_answer(Tone.GOOD, self.tr("Seal {seal} installed").format(
                seal=scan.seal_no), self.tr("Recorded on meter {meter} at {position}.").format(
                    meter=self.meter.meter_no, position=position_name(move.position)))
            self.sig_installed.emit(move)
            self.picker.reload()
        self.banner.show()
        self.seal_field.take_focus()

    def _selected_seal(self) -> str:
        row = source_row(self.on_meter)
        return self.on_meter_model.row_at(row)[1] if row >= 0 else ""

    def _on_remove_button_clicked(self) -> None:
        seal_no, reason = self._selected_seal(), self.reason_edit.text().strip()
        if not seal_no or not reason or self.meter is None:
            return
        db, actor, meter_id, key = self._db, self._actor, self.meter.id, uuid.uuid4().hex
        self._desk.run(lambda: calls.remove_seal(db, actor, seal_no, meter_id=meter_id,
                                                  reason=reason, idempotency_key=key),
                       self, self._on_removed, self._on_failed, write=True)

    def _on_removed(self, move: MoveResult) -> None:
        self.reason_edit.clear()
        self.banner.show_answer(Tone.NEUTRAL, self.tr("Seal {seal} removed").format(
            seal=", ".join(move.seal_nos)), self.tr("You now hold the broken seal until it is "
                                                    "scrapped."))
        self.banner.show()
        self.sig_removed.emit(move)
        self.picker.reload()

    def _on_failed(self, exc: BaseException) -> None:
        self.message_bar.show_error(calls.seal_error_text(exc))

    def _update_buttons(self) -> None:
        self.seal_field.setEnabled(self.meter is not None)
        self.position_combo.setEnabled(self.meter is not None)
        self.remove_button.setEnabled(bool(self._selected_seal())
                                      and bool(self.reason_edit.text().strip()))
