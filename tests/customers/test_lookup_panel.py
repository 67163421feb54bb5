"""The counter's first journey: scan, see the customer, scan the next one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from console.models import Customer
from tests import factories as f
from widgets.customers.lookup_panel import LookupPanel
from widgets.desk import Desk


@pytest.fixture
def panel(qtbot, file_db, tasks):
    with file_db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        for number, name in (("3700000001", "王伟"), ("3700000002", "张秀兰")):
            c = Customer(customer_no=number, name=name, category="residential",
                         unit_id=unit.id, tariff_id=tariff.id)
            s.add(c)
            s.flush()
            f.meter(s, unit, c)
        clerk = f.actor(s, unit, username="clerk", role="counter")
    widget = LookupPanel(Desk(file_db, tasks, clerk))
    qtbot.addWidget(widget)
    widget.show()
    widget.focus_search()
    return widget


def scan(qtbot, panel, number):
    panel.lookup.search_edit.selectAll()
    with qtbot.waitSignal(panel.sig_customer_opened, timeout=3000):
        qtbot.keyClicks(panel.lookup.search_edit, number)
        qtbot.keyClick(panel.lookup.search_edit, Qt.Key.Key_Return)


def test_scan_opens_the_view_and_the_next_scan_replaces_it(qtbot, panel):
    scan(qtbot, panel, "3700000001")
    assert panel.pages.currentWidget() is panel.view
    assert panel.view.name_label.text() == "王伟"
    scan(qtbot, panel, "3700000002")
    assert panel.view.name_label.text() == "张秀兰"


def test_escape_in_the_view_goes_back_to_the_results(qtbot, panel):
    scan(qtbot, panel, "3700000001")
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Escape)
    assert panel.pages.currentWidget() is panel.lookup.view
    assert panel.lookup.search_edit.hasFocus()
