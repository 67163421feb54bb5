"""The steps of a meter replacement and of an account closure, as dialogs.

Each dialog loads the order's meter first (last reading, seals), and runs the
whole step in one service call: nothing is written unless all of it is.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWidget

from console.services.payments.counter import METHODS
from console.timeutil import local_time
from widgets.desk import Desk
from widgets.domain_labels import method_name, money
from widgets.work_orders.dialogs import WorkOrderForm

translate = QCoreApplication.translate
SEAL_POSITIONS = ("meter_cover", "terminal_cover", "metering_box", "ct_pt")


def seal_list(text: str) -> list[tuple[str, str]]:
    """Seal numbers typed or scanned one after another, at the positions in order."""
    numbers = [n for n in re.split(r"[\s,;，；]+", text.strip()) if n]
    return list(zip(numbers, SEAL_POSITIONS, strict=False))


def _reading_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setMaxLength(12)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    return edit


class _StepDialog(WorkOrderForm):
    """Shows the old meter (asset, last reading, seals) once it has loaded."""

    def __init__(self, desk: Desk, load_side: Callable[[], object], order_no: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._order_no, self.side = order_no, None
        self.meter_label = QLabel(self)
        self.meter_label.setWordWrap(True)
        self.meter_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_row(self.meter_label)
        self.ok_button.setEnabled(False)
        self._desk.run(load_side, self, self._on_side_loaded, self._on_failed)

    def _on_side_loaded(self, side) -> None:  # a MeterSide
        self.side = side
        self._show_side()
        self.ok_button.setEnabled(True)

    def _show_side(self) -> None:
        side = self.side
        if side is None:
            self.meter_label.setText(translate("WorkOrderSteps", "Loading..."))
            return
        seals = ", ".join(n for n, _p in side.seals) or translate("WorkOrderSteps", "none")
        last = translate("WorkOrderSteps", "{value} kWh on {time}").format(
            value=side.last_reading, time=local_time(side.last_read_at)) \
            if side.last_reading is not None else translate("WorkOrderSteps", "no reading yet")
        self.meter_label.setText("\n".join((
            side.asset_no, translate("WorkOrderSteps", "Last reading: {last}").format(last=last),
            translate("WorkOrderSteps", "Seals: {seals}").format(seals=seals))))


class ReplacementDialog(_StepDialog):
    """Final reading, new meter with its first reading and seals; completes the order."""

    def __init__(self, desk: Desk, load_side: Callable[[], object],
                 replace: Callable[..., object], order_no: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(desk, load_side, order_no, parent)
        self._replace = replace
        self.final_edit = _reading_edit(self)
        self.asset_edit, self.address_edit = QLineEdit(self), QLineEdit(self)
        self.asset_edit.setMaxLength(22)
        self.address_edit.setMaxLength(12)
        self.first_edit = _reading_edit(self)
        self.seals_edit, self.resolution_edit = QLineEdit(self), QLineEdit(self)
        for field in (self.final_edit, self.asset_edit, self.address_edit, self.first_edit,
                      self.seals_edit, self.resolution_edit):
            self.add_row(field)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Replace meter"))
        self.intro_label.setText(self.tr(
            "Order {order}: read the old meter, remove its seals, install the new meter, read "
            "it and seal it. Billing runs on across both meters.").format(order=self._order_no))
        self.set_labels(self.tr("Old meter"), self.tr("Final reading (kWh)"),
                        self.tr("New meter asset no."), self.tr("New meter address"),
                        self.tr("First reading (kWh)"), self.tr("New seals"),
                        self.tr("Resolution"))
        self.seals_edit.setPlaceholderText(self.tr("Scan the seals: meter cover first, then "
                                                   "terminal cover"))
        self.resolution_edit.setPlaceholderText(self.tr("Optional: e.g. display broken"))
        self.ok_button.setText(self.tr("Replace meter"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_side()

    def _on_ok_clicked(self) -> None:
        replace = self._replace
        values = dict(final=self.final_edit.text(), asset_no=self.asset_edit.text(),
                      address=self.address_edit.text(), first=self.first_edit.text(),
                      seals=seal_list(self.seals_edit.text()),
                      resolution=self.resolution_edit.text())
        self._save(lambda: replace(**values))


class ClosureDialog(_StepDialog):
    """Final reading -> the exact figures (final bill, late fees, to pay or refund) -> close."""

    def __init__(self, desk: Desk, load_side: Callable[[], object],
                 quote: Callable[[str], object], close: Callable[[str, str, str], object],
                 order_no: str, parent: QWidget | None = None) -> None:
        super().__init__(desk, load_side, order_no, parent)
        self._quote, self._close, self.quote = quote, close, None
        self._key = uuid.uuid4().hex  # one settlement per dialog, however often OK is pressed
        self.final_edit = _reading_edit(self)
        self.quote_button = QPushButton(self)
        self.figures_label = QLabel(self)
        # Four lines of figures: reserve them so the dialog does not jump when they arrive.
        self.figures_label.setMinimumHeight(self.figures_label.fontMetrics().lineSpacing() * 4 + 4)
        self.method_combo = QComboBox(self)
        for method in METHODS:
            self.method_combo.addItem("", method)
        for field in (self.final_edit, self.quote_button, self.figures_label, self.method_combo):
            self.add_row(field)
        self.quote_button.clicked.connect(self._on_quote_button_clicked)
        self.final_edit.textChanged.connect(self._on_final_edit_changed)
        self.final_edit.returnPressed.connect(self._on_quote_button_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Close account"))
        self.intro_label.setText(self.tr(
            "Order {order}: the final reading gives the final bill; late fees run to today. "
            "The customer pays the remainder or gets the credit back; then the meter and its "
            "seals are removed and the account is closed.").format(order=self._order_no))
        self.set_labels(self.tr("Meter"), self.tr("Final reading (kWh)"), "",
                        self.tr("Settlement"), self.tr("Paid or refunded by"))
        self.quote_button.setText(self.tr("Calculate the final bill"))
        for index, method in enumerate(METHODS):
            self.method_combo.setItemText(index, method_name(method))
        self.ok_button.setText(self.tr("Close account"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_side()
        self._show_quote()

    def _on_side_loaded(self, side) -> None:
        super()._on_side_loaded(side)
        self.ok_button.setEnabled(self.quote is not None)

    def _on_final_edit_changed(self, _text: str) -> None:
        self.quote = None  # a new reading needs new figures before closing
        self.ok_button.setEnabled(False)
        self._show_quote()

    def _on_quote_button_clicked(self) -> None:
        quote, final = self._quote, self.final_edit.text()
        self._desk.run(lambda: quote(final), self, self._on_quoted, self._on_failed)

    def _on_quoted(self, quote) -> None:  # a ClosureQuote
        self.message_bar.clear()
        self.quote = quote
        self._show_quote()
        self.ok_button.setEnabled(self.side is not None)

    def _show_quote(self) -> None:
        q = self.quote
        if q is None:
            self.figures_label.setText(self.tr("Type the final reading and calculate."))
            return
        settle = self.tr("Customer pays {amount} yuan").format(amount=money(q.to_pay)) \
            if q.to_pay > 0 else self.tr("Refund {amount} yuan").format(amount=money(q.to_refund))
        self.figures_label.setText("\n".join((
            self.tr("Final bill: {kwh} kWh, {amount} yuan").format(
                kwh=q.final_kwh, amount=money(q.final_amount)),
            self.tr("Unpaid bills: {principal} yuan").format(principal=money(q.principal)),
            self.tr("Late fees to today: {fees} yuan").format(fees=money(q.late_fees)),
            settle)))

    def _on_ok_clicked(self) -> None:
        if self.quote is None:
            return
        close, final = self._close, self.final_edit.text()
        method, key = self.method_combo.currentData(), self._key
        self._save(lambda: close(final, method, key))
