"""Step 1 of a check or an install: scan or type the meter, see whose it is."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from console.services.seals.types import MeterInfo
from widgets.desk import Desk
from widgets.seals import calls
from widgets.seals.details import FactsCard
from widgets.seals.scan_field import ScanField


class MeterPicker(QWidget):
    """Hint, scan field and the meter's card; finds the meter on the task runner."""

    sig_meter_chosen = Signal(object)
    """The meter was found; carries its MeterInfo."""

    sig_failed = Signal(object)
    """The meter could not be found; carries the exception (the owner shows it)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None,
                 *, show_recorded: bool = True) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self.meter: MeterInfo | None = None
        keys = ("meter", "customer", "address") + (("recorded",) if show_recorded else ())
        self.hint = QLabel(self)
        self.field = ScanField(self)
        self.card = FactsCard(keys, self, columns=2 if show_recorded else 3)
        self.card.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for widget in (self.hint, self.field, self.card):
            layout.addWidget(widget)
        self.field.sig_scanned.connect(self.choose)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.hint.setText(self.tr("1. Scan the meter's asset barcode, or type its number or the "
                                  "customer number, and press Enter."))
        self.field.setPlaceholderText(self.tr("Meter number…"))
        self.card.set_captions({"meter": self.tr("Meter"), "customer": self.tr("Customer"),
                                "address": self.tr("Address")})
        if "recorded" in self.card.captions:
            self.card.set_captions({"recorded": self.tr("Seals on record")})

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def choose(self, text: str) -> None:
        db, actor = self._db, self._actor
        self._desk.run(lambda: calls.find_meter(db, actor, text), self, self._on_found,
                       self.sig_failed.emit, key="finds")

    def reload(self) -> None:
        if self.meter is not None:
            self.choose(self.meter.meter_no)

    def _on_found(self, meter: MeterInfo) -> None:
        self.meter = meter
        self.field.setText(meter.meter_no)
        customer = " ".join(p for p in (meter.customer_no, meter.customer_name) if p)
        self.card.set_values({"meter": meter.meter_no, "customer": customer,
                              "address": meter.address, "recorded": str(meter.recorded)})
        self.card.show()
        self.sig_meter_chosen.emit(meter)
