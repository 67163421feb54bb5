"""The "new version" form of a tariff: from which day, name, price or tier limits and prices.

Prefilled from the selected version. Amounts are read as Decimal (never
float); the service checks them (decimals, ceiling, rising limits, overlaps)
and a refusal stays in the dialog's message bar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QGridLayout, QLabel, QLineEdit, QWidget

from console.services.billing.tariffs import TariffInfo, TariffSpec, TierSpec
from console.timeutil import local_today
from widgets.desk import Desk
from widgets.form_dialog import FormDialog


def plain(value: Decimal) -> str:
    """2520.000 → "2520", 0.54690 → "0.5469": a Decimal as typed, without exponent."""
    text = f"{value.normalize():f}"
    return text


class NewVersionDialog(FormDialog):
    """A new version of one tariff code; the open-ended one ends the day before."""

    sig_tariff_saved = Signal(object)
    """The service saved the new version; carries its TariffInfo."""

    def __init__(self, desk: Desk, tariff: TariffInfo,
                 save: Callable[[TariffSpec], TariffInfo], parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._tariff, self._save_call = tariff, save
        self._tiered = tariff.kind == "tiered" and bool(tariff.tiers)
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        t = self._tariff
        self.from_edit = QDateEdit(self)
        self.from_edit.setCalendarPopup(True)
        self.from_edit.setDisplayFormat("yyyy-MM-dd")
        start = max(local_today() + dt.timedelta(days=1), t.effective_from + dt.timedelta(days=1))
        self.from_edit.setDate(QDate(start.year, start.month, start.day))
        self.name_edit = QLineEdit(t.name, self)
        self.price_edit = QLineEdit(plain(t.price), self)
        self.add_row(self.from_edit)
        self.add_row(self.name_edit)
        self.add_row(self.price_edit)
        self.limit_edits: list[QLineEdit] = []
        self.tier_price_edits: list[QLineEdit] = []
        self.tier_labels: list[QLabel] = []
        if self._tiered:
            self.price_edit.hide()
            self.form.setRowVisible(2, False)
            grid = QGridLayout()
            grid.setHorizontalSpacing(8)
            self.limit_header, self.tier_price_header = QLabel(self), QLabel(self)
            grid.addWidget(self.limit_header, 0, 1)
            grid.addWidget(self.tier_price_header, 0, 2)
            for row, tier in enumerate(t.tiers, start=1):
                label = QLabel(self)
                limit = QLineEdit("" if tier.upper_kwh is None else plain(tier.upper_kwh), self)
                limit.setEnabled(tier.upper_kwh is not None)  # the last tier stays open
                price = QLineEdit(plain(tier.price), self)
                grid.addWidget(label, row, 0)
                grid.addWidget(limit, row, 1)
                grid.addWidget(price, row, 2)
                self.tier_labels.append(label)
                self.limit_edits.append(limit)
                self.tier_price_edits.append(price)
            self.add_row(grid)

    def _connect_signals(self) -> None:
        """OK and Cancel are wired by FormDialog."""

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("New version of tariff {code}").format(code=self._tariff.code))
        self.intro_label.setText(self.tr(
            "The new version applies from the day chosen; the current version ends the day "
            "before. Bills already issued keep the prices they were made with."))
        self.ok_button.setText(self.tr("Save version"))
        self.cancel_button.setText(self.tr("Cancel"))
        labels = [self.tr("Effective from:"), self.tr("Name:"), self.tr("Price (yuan/kWh):")]
        if self._tiered:
            labels.append(self.tr("Tiers:"))
            self.limit_header.setText(self.tr("Up to kWh a year"))
            self.tier_price_header.setText(self.tr("Price (yuan/kWh)"))
            for number, label in enumerate(self.tier_labels, start=1):
                label.setText(self.tr("Tier {n}").format(n=number))
            self.limit_edits[-1].setPlaceholderText(self.tr("above"))
        self.set_labels(*labels)

    # -- reading the form -------------------------------------------------------------------

    def _decimal(self, edit: QLineEdit) -> Decimal | None:
        """The text as a Decimal, or None after an inline message (never float)."""
        try:
            value = Decimal(edit.text().strip())
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.message_bar.show_error(self.tr("“{text}” is not a number.").format(
                text=edit.text().strip()))
            edit.setFocus()
            return None
        return value

    def spec(self) -> TariffSpec | None:
        """The form as a TariffSpec, or None (with an inline message) if a number is bad."""
        t = self._tariff
        tiers: list[TierSpec] = []
        for limit_edit, price_edit in zip(self.limit_edits, self.tier_price_edits, strict=True):
            limit = self._decimal(limit_edit) if limit_edit.isEnabled() else None
            price = self._decimal(price_edit)
            if price is None or (limit_edit.isEnabled() and limit is None):
                return None
            tiers.append(TierSpec(limit, price))
        price = tiers[0].price if tiers else self._decimal(self.price_edit)
        if price is None:
            return None
        return TariffSpec(code=t.code, name=self.name_edit.text(), kind=t.kind,
                          category=t.category, effective_from=self.from_edit.date().toPython(),
                          price=price, tiers=tuple(tiers), tou=t.tou)

    def _on_ok_clicked(self) -> None:
        self.message_bar.clear()
        spec = self.spec()
        if spec is None:
            return
        save = self._save_call
        self.ok_button.setEnabled(False)
        self._desk.run(lambda: save(spec), self, self._on_done, self._on_failed, write=True)

    def _on_saved(self, value: TariffInfo) -> None:
        self.sig_tariff_saved.emit(value)
