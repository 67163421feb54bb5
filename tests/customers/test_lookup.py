"""The lookup box as a clerk uses it: typing, arrows, Enter, a barcode scan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from console.models import Customer
from console.services.customers.search import find_customers
from tests import factories as f
from widgets.customers.lookup import CustomerLookup
from widgets.desk import Desk

PEOPLE = [("3700000001", "王伟", "13800135678", "曹县青菏街道王庄村3排12号"),
          ("3700000002", "王伟明", "13912345678", "牡丹区中华路1234号"),
          ("3700000003", "张秀兰", "15066667777", "定陶区滨河街道李庄村5排3号")]


@pytest.fixture
def lookup(qtbot, file_db, tasks):
    with file_db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        for number, name, phone, address in PEOPLE:
            c = Customer(customer_no=number, name=name, phone=phone, address=address,
                         category="residential", unit_id=unit.id, tariff_id=tariff.id)
            s.add(c)
            s.flush()
            f.meter(s, unit, c)
        clerk = f.actor(s, unit, username="clerk", role="counter")
    ids = {n: i for n, i in _ids(file_db).items()}
    widget = CustomerLookup(Desk(file_db, tasks, clerk),
                            lambda text: find_customers(file_db, clerk, text))
    qtbot.addWidget(widget)
    widget.show()
    widget.focus_search()
    widget.ids = ids
    return widget


def _ids(db):
    with db.session() as s:
        return {c.customer_no: c.id for c in s.query(Customer)}


def test_typing_fills_the_table_without_the_mouse(qtbot, lookup):
    with qtbot.waitSignal(lookup.sig_results_loaded, timeout=3000) as loaded:
        qtbot.keyClicks(lookup.search_edit, "wangw")
    assert loaded.args == [2]
    assert lookup.model.row_at(0).name == "王伟"
    assert "2" in lookup.count_label.text()
    with qtbot.waitSignal(lookup.sig_customer_selected, timeout=1000) as opened:
        qtbot.keyClick(lookup.search_edit, Qt.Key.Key_Down)
        qtbot.keyClick(lookup.search_edit, Qt.Key.Key_Return)
    assert opened.args == [lookup.ids["3700000002"]]


def test_scanner_types_fast_and_enter_opens_the_exact_customer(qtbot, lookup):
    with qtbot.waitSignal(lookup.sig_customer_selected, timeout=3000) as opened:
        qtbot.keyClicks(lookup.search_edit, "3700000003")
        qtbot.keyClick(lookup.search_edit, Qt.Key.Key_Return)
    assert opened.args == [lookup.ids["3700000003"]]


def test_a_scanned_number_of_another_unit_says_so_and_opens_nothing(qtbot, file_db, tasks):
    with file_db.session() as s:
        ours, theirs, tariff = f.unit(s), f.unit(s, code="37099", name="曹县供电公司"), f.tariff(s)
        s.add(Customer(customer_no="3709900001", name="李四", category="residential",
                       unit_id=theirs.id, tariff_id=tariff.id))
        clerk = f.actor(s, ours, username="clerk", role="counter")
    widget = CustomerLookup(Desk(file_db, tasks, clerk),
                            lambda text: find_customers(file_db, clerk, text))
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.assertNotEmitted(widget.sig_customer_selected):
        with qtbot.waitSignal(widget.sig_results_loaded, timeout=3000) as loaded:
            qtbot.keyClicks(widget.search_edit, "3709900001")
            qtbot.keyClick(widget.search_edit, Qt.Key.Key_Return)
    assert loaded.args == [0]
    assert "another supply unit" in widget.message_bar.text
    assert "李四" not in widget.message_bar.text


def test_a_newer_query_wins_over_an_older_one(qtbot, lookup, tasks):
    lookup.search_edit.setText("王伟")
    lookup._start_search("王伟")  # an older search still on its way…
    with qtbot.waitSignal(lookup.sig_results_loaded, timeout=3000):
        lookup.search_edit.setText("zxl")
        lookup._start_search("zxl")  # …is overtaken: only the newer answer shows
    qtbot.waitUntil(lambda: not tasks.busy, timeout=3000)
    assert [lookup.model.row_at(r).name for r in range(lookup.model.rowCount())] == ["张秀兰"]


def type_with_ime(widget, text):
    """Chinese arrives as an input method's commit, as on a real keyboard."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_chinese_from_the_input_method_searches(qtbot, lookup):
    with qtbot.waitSignal(lookup.sig_results_loaded, timeout=3000) as loaded:
        type_with_ime(lookup.search_edit, "秀兰")
    assert loaded.args == [1] and lookup.model.row_at(0).customer_no == "3700000003"


def test_many_matches_show_50_and_say_how_many(qtbot, file_db, tasks):
    with file_db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        for n in range(60):
            f.customer(s, unit, tariff, number=f"37000{n:05d}")  # all named 王伟
        clerk = f.actor(s, unit, username="clerk", role="counter")
    lookup = CustomerLookup(Desk(file_db, tasks, clerk),
                            lambda text: find_customers(file_db, clerk, text))
    qtbot.addWidget(lookup)
    with qtbot.waitSignal(lookup.sig_results_loaded, timeout=3000) as loaded:
        qtbot.keyClicks(lookup.search_edit, "wangwei")
    assert loaded.args == [50] and lookup.count_label.text() == "50 shown of 60"


def test_escape_clears(qtbot, lookup):
    with qtbot.waitSignal(lookup.sig_results_loaded, timeout=3000):
        type_with_ime(lookup.search_edit, "王")
    qtbot.keyClick(lookup.search_edit, Qt.Key.Key_Escape)
    assert lookup.search_edit.text() == "" and lookup.model.rowCount() == 0


def test_a_failing_database_shows_inline_and_the_next_search_works(qtbot, lookup):
    broken = {"on": True}
    search = lookup._search

    def flaky(text):
        if broken["on"]:
            from console.errors import DatabaseUnavailable
            raise DatabaseUnavailable("x", where="PostgreSQL db:5432/griddesk", detail="gone")
        return search(text)

    lookup._search = flaky
    with qtbot.waitSignal(lookup.sig_results_loaded, timeout=3000):
        qtbot.keyClicks(lookup.search_edit, "zxl")
    assert lookup.message_bar.isVisible() and "db:5432" in lookup.message_bar.text
    broken["on"] = False
    with qtbot.waitSignal(lookup.sig_results_loaded, timeout=3000) as loaded:
        qtbot.keyClick(lookup.search_edit, Qt.Key.Key_L)
        qtbot.keyClick(lookup.search_edit, Qt.Key.Key_Backspace)
    assert loaded.args == [1] and not lookup.message_bar.isVisible()
