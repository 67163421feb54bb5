"""The counter the display and scanner tests stand at: the service hall's overdue farmer
(tests.billing_helpers) and the Lookup panel in front of the clerk."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from console.db import Database
from console.models import Customer
from tests.billing_helpers import service_hall
from widgets.customers.lookup_panel import LookupPanel
from widgets.desk import Desk

# Looked at by hand in review: GRIDDESK_SHOTS=/some/folder keeps them.
SHOTS = Path(os.environ.get("GRIDDESK_SHOTS") or tempfile.mkdtemp(prefix="counter-shots-"))


def shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(SHOTS / f"{name}.png"))


class Receipts:
    """Stands in for the receipt printer (the thermal one is issue 19 items 1–3)."""

    def __init__(self) -> None:
        self.printed: list[str] = []

    def __call__(self, _pdf: bytes, receipt_no: str, _parent=None) -> str:
        self.printed.append(receipt_no)
        return f"printed {receipt_no}"


def counter_hall(db: Database) -> dict:
    """service_hall, with the farmer's customer number and name."""
    hall = service_hall(db)
    with db.session() as session:
        farmer = session.get(Customer, hall["farmer"])
        hall["farmer_no"], hall["farmer_name"] = farmer.customer_no, farmer.name
    return hall


def lookup_panel(qtbot, desk: Desk, **kwargs) -> LookupPanel:
    """Shown, active, the caret in its search box."""
    panel = LookupPanel(desk, **kwargs)
    qtbot.addWidget(panel)
    panel.resize(1200, 760)
    panel.show()
    activate(qtbot, panel)
    return panel


def activate(qtbot, panel: LookupPanel) -> None:
    # Offscreen activates every window shown (a real platform honours the customer
    # display's WindowDoesNotAcceptFocus): the clerk's window back in front.
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.focus_search()


def open_dialog(qtbot, panel: LookupPanel):
    """F5 on the open customer: the payment dialog, loaded and active."""
    qtbot.keyClick(panel.lookup.search_edit, Qt.Key.Key_F5)
    dialog = panel.payment_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.post_button.isEnabled, timeout=3000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def open_customer(qtbot, panel: LookupPanel, number: str) -> None:
    with qtbot.waitSignal(panel.sig_customer_opened, timeout=3000):
        qtbot.keyClicks(panel.lookup.search_edit, number)
        qtbot.keyClick(panel.lookup.search_edit, Qt.Key.Key_Return)
