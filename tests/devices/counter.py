"""The counter the display and scanner tests stand at: the service hall's overdue farmer
(tests.billing_helpers) and the Lookup panel in front of the clerk."""

from __future__ import annotations

from console.db import Database
from console.models import Customer
from tests.billing_helpers import service_hall
from widgets.customers.lookup_panel import LookupPanel
from widgets.desk import Desk


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
