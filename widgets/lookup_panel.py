"""Lookup panel: the search box over a results page and the customer view.

Enter (or an exact scan) opens the customer; typing in the box again, or Esc
in the view, goes back to the results. The box stays where the clerk's eyes are.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from console.db import Database
from console.services.actor import Actor
from console.services.customer_view import customer_detail, reveal_contact
from console.services.customers import find_customers
from console.services.permissions import Permission, allowed
from widgets.consumption_panel import make_chart
from widgets.customer_lookup import CustomerLookup
from widgets.customer_view import CustomerView
from widgets.task_runner import TaskRunner


class LookupPanel(QWidget):
    """Find a customer and look at everything about them."""

    sig_customer_opened = Signal(int)
    """The customer view now shows this customer id."""

    def __init__(self, db: Database, tasks: TaskRunner, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._tasks, self._actor = db, tasks, actor
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        db, actor = self._db, self._actor
        self.lookup = CustomerLookup(self._tasks, lambda text: find_customers(db, actor, text), self)
        may_chart = allowed(actor.role, Permission.VIEW_CONSUMPTION)
        chart = make_chart(db, self._tasks, actor) if may_chart else None
        self.view = CustomerView(self._tasks, lambda cid: customer_detail(db, actor, cid),
                                 lambda cid: reveal_contact(db, actor, cid), self, chart=chart)
        # The lookup's box stays on top; below it, results or the open customer.
        self.pages = QStackedWidget(self)
        self.lookup.layout().removeWidget(self.lookup.view)
        self.pages.addWidget(self.lookup.view)
        self.pages.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lookup)
        layout.addWidget(self.pages, 1)
        self._back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.view)

    def _connect_signals(self) -> None:
        self.lookup.sig_customer_selected.connect(self._on_lookup_customer_selected)
        self.lookup.sig_results_loaded.connect(self._on_lookup_results_loaded)
        self.view.sig_loaded.connect(self.sig_customer_opened)
        self._back.activated.connect(self.show_results)

    def retranslate_ui(self) -> None:
        self.lookup.retranslate_ui()
        self.view.retranslate_ui()

    def focus_search(self) -> None:
        self.lookup.focus_search()

    def show_results(self) -> None:
        self.pages.setCurrentWidget(self.lookup.view)
        self.lookup.focus_search()

    def open_customer(self, customer_id: int) -> None:
        self.pages.setCurrentWidget(self.view)
        self.view.load(customer_id)
        self.lookup.search_edit.selectAll()  # the next scan replaces the text

    def _on_lookup_customer_selected(self, customer_id: int) -> None:
        self.open_customer(customer_id)

    def _on_lookup_results_loaded(self, _count: int) -> None:
        # A new search while a customer is open brings the results back; an
        # exact scan then opens its customer straight after.
        self.pages.setCurrentWidget(self.lookup.view)
