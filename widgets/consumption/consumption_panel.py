"""Consumption panel (F3): the customer in hand's charts, with its own search box.

It follows the customer the Lookup panel last opened, so a clerk who found a
customer there sees their consumption here at once.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QVBoxLayout, QWidget

from console.services import consumption
from console.services.customers.search import find_customers
from widgets.consumption.chart import ConsumptionChart
from widgets.consumption.export_audit import audit_exports
from widgets.customers.lookup import CustomerLookup
from widgets.desk import Desk


def make_chart(desk: Desk, parent: QWidget | None = None) -> ConsumptionChart:
    """A consumption chart reading through the consumption services as the desk's user."""
    db, actor = desk.db, desk.actor
    return audit_exports(ConsumptionChart(desk, partial(consumption.overview, db, actor),
                                          partial(consumption.live_update, db, actor), parent),
                         desk)


class ConsumptionPanel(QWidget):
    """Search a customer, see their live power, daily, monthly and TOU charts."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        db, actor = self._db, self._actor
        self.lookup = CustomerLookup(self._desk, lambda text: find_customers(db, actor, text), self)
        self.lookup.view.setMaximumHeight(170)  # a short pick list; the charts need the room
        self.chart = make_chart(self._desk, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lookup)
        layout.addWidget(self.chart, 1)

    def _connect_signals(self) -> None:
        self.lookup.sig_customer_selected.connect(self.show_customer)
        self.lookup.sig_results_loaded.connect(lambda _n: self.lookup.view.setVisible(True))

    def retranslate_ui(self) -> None:
        self.lookup.retranslate_ui()

    def show_customer(self, customer_id: int) -> None:
        """Chart this customer (from this panel's search or the Lookup panel)."""
        if customer_id != self.chart.customer_id:
            self.chart.set_customer(customer_id)
        self.lookup.view.setVisible(False)

    def focus_search(self) -> None:
        self.lookup.view.setVisible(True)
        self.lookup.focus_search()
