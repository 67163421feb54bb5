"""New seal batch: by quantity (numbers follow the unit's last seal) or by number range."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from console import ids
from console.services.seals.types import BatchView, Choice
from console.timeutil import local_today
from widgets.desk import Desk
from widgets.form_dialog import FormDialog
from widgets.seals import calls
from widgets.seals.texts import COLOURS, SEAL_TYPES, colour_name, type_name

MAX_BATCH = 100_000


class CreateBatchDialog(FormDialog):
    """Type, colour, year, manufacturer, receiving unit, and how many or which numbers."""

    sig_batch_created = Signal(object)
    """The batch was made; carries its BatchView."""

    def __init__(self, desk: Desk, units: Sequence[Choice],
                 parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._db, self._actor, self._units = desk.db, desk.actor, list(units)
        self._key = uuid.uuid4().hex  # one key per dialog: a retried OK makes one batch
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self._on_mode_changed()

    def _build_ui(self) -> None:
        self.quantity_radio, self.range_radio = QRadioButton(self), QRadioButton(self)
        self.quantity_radio.setChecked(True)
        self.mode_group = QButtonGroup(self)
        for radio in (self.quantity_radio, self.range_radio):
            self.mode_group.addButton(radio)
        modes = QHBoxLayout()
        modes.addWidget(self.quantity_radio)
        modes.addWidget(self.range_radio)
        modes.addStretch(1)
        self.quantity_spin = QSpinBox(self)
        self.quantity_spin.setRange(1, MAX_BATCH)
        self.quantity_spin.setValue(500)
        self.quantity_spin.setGroupSeparatorShown(True)
        self.first_edit, self.last_edit = QLineEdit(self), QLineEdit(self)
        for edit in (self.first_edit, self.last_edit):
            edit.setMaxLength(22)
            edit.setPlaceholderText("3700109" + "0" * 15)
        self.type_combo, self.colour_combo = QComboBox(self), QComboBox(self)
        self.colour_combo.setEditable(True)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2099)
        self.year_spin.setValue(local_today().year)
        self.manufacturer_edit, self.unit_combo = QLineEdit(self), QComboBox(self)
        for unit in self._units:
            self.unit_combo.addItem(unit.name, unit.id)
        for spin in (self.quantity_spin, self.year_spin):  # as tall as the line edits
            spin.setMinimumHeight(self.manufacturer_edit.sizeHint().height())
        for row in (modes, self.quantity_spin, self.first_edit, self.last_edit, self.type_combo,
                    self.colour_combo, self.year_spin, self.manufacturer_edit, self.unit_combo):
            self.add_row(row)
        self.mark_required(self.manufacturer_edit)

    def _connect_signals(self) -> None:
        self.mode_group.buttonToggled.connect(lambda *_: self._on_mode_changed())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("New seal batch"))
        self.intro_label.setText(self.tr(
            "Seal numbers are 22-digit asset codes and are never made twice: a range that "
            "overlaps an existing batch is refused."))
        self.set_labels(self.tr("Numbers:"), self.tr("Quantity:"), self.tr("First number:"),
                        self.tr("Last number:"), self.tr("Seal type:"), self.tr("Colour:"),
                        self.tr("Year:"), self.tr("Manufacturer:"), self.tr("Receiving unit:"))
        self.quantity_radio.setText(self.tr("By quantity (next free numbers)"))
        self.range_radio.setText(self.tr("By number range"))
        self.manufacturer_edit.setPlaceholderText(self.tr("e.g. 山东电力设备厂"))
        self.ok_button.setText(self.tr("Create batch"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._fill_combo(self.type_combo, SEAL_TYPES, type_name)
        self._fill_combo(self.colour_combo, COLOURS, colour_name)

    @staticmethod
    def _fill_combo(combo: QComboBox, codes: Sequence[str], name) -> None:
        current = combo.currentIndex()
        combo.clear()
        for code in codes:
            combo.addItem(name(code), code)
        combo.setCurrentIndex(max(current, 0))

    def _on_mode_changed(self) -> None:
        by_range = self.range_radio.isChecked()
        self.form.setRowVisible(1, not by_range)
        self.form.setRowVisible(2, by_range)
        self.form.setRowVisible(3, by_range)

    # -- saving -----------------------------------------------------------------------------

    def _colour(self) -> str:
        text = self.colour_combo.currentText().strip()
        index = self.colour_combo.findText(text)
        return self.colour_combo.itemData(index) if index >= 0 else text

    def _range_problem(self, first: str, last: str) -> str:
        for number in (first, last):
            if not ids.is_valid_asset_code(ids.normalise_digits(number)):
                return self.tr("\"{number}\" is not a 22-digit seal number with a valid check "
                               "digit.").format(number=number)
        if ids.normalise_digits(first) > ids.normalise_digits(last):
            return self.tr("The last number comes before the first.")
        return ""

    def _on_ok_clicked(self) -> None:
        spec = calls.BatchSpec(
            seal_type=self.type_combo.currentData(), colour=self._colour(),
            year=self.year_spin.value(), manufacturer=self.manufacturer_edit.text().strip(),
            unit_id=self.unit_combo.currentData())
        if not spec.manufacturer:
            self.message_bar.show_error(self.tr("Please enter the manufacturer."))
            return
        if self.range_radio.isChecked():
            first, last = self.first_edit.text().strip(), self.last_edit.text().strip()
            problem = self._range_problem(first, last)
            if problem:
                self.message_bar.show_error(problem)
                return
            spec = spec.with_range(ids.normalise_digits(first), ids.normalise_digits(last))
        else:
            spec = spec.with_quantity(self.quantity_spin.value())
        db, actor, key = self._db, self._actor, self._key
        self._save(lambda: calls.create_batch(db, actor, spec, idempotency_key=key))

    def _on_failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message_bar.show_error(calls.seal_error_text(exc))

    def _on_saved(self, value: BatchView) -> None:
        self.sig_batch_created.emit(value)
