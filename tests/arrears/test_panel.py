"""The arrears panel: buckets, filters, sorting, live refresh, opening a customer, batches."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from console.models import Customer, Notice
from console.services.arrears.listing import list_arrears
from console.services.payments.counter import post_payment
from tests.billing_helpers import account, add_bill, days_ago, service_hall
from tests.payments.test_dialog import Receipts, open_dialog, open_panel
from widgets.arrears.model import Column
from widgets.arrears.panel import ArrearsPanel
from widgets.desk import Desk
from widgets.domain_labels import money
from widgets.main_window import MainWindow

D = Decimal


@pytest.fixture
def hall(file_db):
    h = service_hall(file_db)
    with file_db.session() as s:
        unit, tariff = h["unit"], h["tariff"]
        shop, meter = account(s, unit, tariff, category="commercial")
        add_bill(s, shop, meter, period="2026-07", amount="500.00", due=days_ago(95))
        mill, meter = account(s, unit, tariff, category="industrial")
        add_bill(s, mill, meter, period="2026-09", amount="2000.00", due=days_ago(45))
        home, meter = account(s, unit, tariff)
        add_bill(s, home, meter, period="2026-08", amount="30.00", due=days_ago(70))
        h.update(shop=shop.id, mill=mill.id, home=home.id,
                 farmer_no=s.get(Customer, h["farmer"]).customer_no)
    return h


@pytest.fixture
def panel(qtbot, file_db, tasks, hall):
    widget = ArrearsPanel(Desk(file_db, tasks, hall["boss"]), poll_ms=100)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    with qtbot.waitSignal(widget.sig_loaded, timeout=3000):
        widget.show()
    return widget


def names(panel):
    return [panel.model.row_at(r).customer_id for r in range(panel.model.rowCount())]


def test_buckets_totals_and_default_order(panel, hall):
    # Sorted by total, largest first.
    assert names(panel) == [hall["mill"], hall["shop"], hall["farmer"], hall["home"]]
    counts = [card.count.text() for card in panel.buckets.cards]
    assert counts == ["1 customer"] * 4
    assert panel.buckets.cards[0].amount.text() == "98.62 yuan"
    assert "4 customers" in panel.totals_label.text()


def test_filters_by_category_amount_and_bucket(qtbot, panel, hall):
    panel.filters.category_combo.setCurrentIndex(panel.filters.category_combo.findData("residential"))
    assert set(names(panel)) == {hall["farmer"], hall["home"]}
    qtbot.keyClicks(panel.filters.min_edit, "50")
    assert names(panel) == [hall["farmer"]]
    panel.filters.min_edit.clear()
    panel.filters.category_combo.setCurrentIndex(0)
    qtbot.mouseClick(panel.buckets.cards[3], Qt.MouseButton.LeftButton)  # > 90 days
    assert names(panel) == [hall["shop"]]
    assert panel.buckets.cards[3].property("checked")
    # The other cards still count what the other filters let through.
    assert panel.buckets.cards[1].count.text() == "1 customer"
    qtbot.mouseClick(panel.buckets.cards[3], Qt.MouseButton.LeftButton)  # again: all ages
    assert len(names(panel)) == 4


def test_sorting_by_days_and_by_name_keeps_the_selection(panel, hall):
    panel.view.selectRow(0)  # the mill
    panel.view.sortByColumn(Column.DAYS, Qt.SortOrder.AscendingOrder)
    assert names(panel) == [hall["farmer"], hall["mill"], hall["home"], hall["shop"]]
    selected = panel.view.selectionModel().selectedRows()
    assert [panel.model.row_at(i.row()).customer_id for i in selected] == [hall["mill"]]


def test_a_payment_elsewhere_takes_the_customer_off_the_list(qtbot, file_db, panel, hall):
    panel.view.selectRow(panel.model.row_of(hall["shop"]))
    post_payment(file_db, hall["clerk"], customer_id=hall["farmer"], amount="98.62",
                 method="cash", idempotency_key="elsewhere")
    qtbot.waitUntil(lambda: hall["farmer"] not in names(panel), timeout=5000)
    selected = panel.view.selectionModel().selectedRows()
    assert [panel.model.row_at(i.row()).customer_id for i in selected] == [hall["shop"]]


def test_the_counter_journey_clears_the_arrears_list(qtbot, file_db, tasks, panel, hall):
    lookup = open_panel(qtbot, file_db, tasks, hall["clerk"], Receipts(), hall["farmer_no"])
    dialog = open_dialog(qtbot, lookup)
    qtbot.keyClicks(dialog.tendered_edit, "100")
    with qtbot.waitSignal(dialog.sig_receipt_done, timeout=5000):
        qtbot.keyClick(dialog.tendered_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lookup.view.fields["amount_due"][1].text() == "0.00", timeout=5000)
    qtbot.waitUntil(lambda: hall["farmer"] not in names(panel), timeout=5000)


def test_batch_reminders_and_disconnect_notices(qtbot, file_db, panel, hall):
    panel.confirm = lambda _text: True
    panel.view.selectAll()
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        panel.actions["reminder"].click()
    assert "4 reminders recorded" in panel.message_bar.text
    panel.view.selectRow(panel.model.row_of(hall["shop"]))
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        panel.actions["disconnect_notice"].click()
    row = panel.model.row_at(panel.model.row_of(hall["shop"]))
    assert (row.notice_kind, row.control_state) == ("disconnect", "notice")
    with file_db.session() as s:
        assert s.scalar(select(func.count(Notice.id))) == 5


def test_enter_opens_the_customer_in_lookup(qtbot, file_db, tasks, hall, settings):
    window = MainWindow(file_db, tasks, hall["boss"], settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.show_panel("arrears")
    arrears = window.panel("arrears")
    qtbot.waitUntil(lambda: arrears.model.rowCount() == 4, timeout=3000)
    arrears.view.setFocus()
    arrears.view.setCurrentIndex(arrears.model.index(arrears.model.row_of(hall["shop"]), 0))
    lookup = window.panel("lookup")
    with qtbot.waitSignal(lookup.sig_customer_opened, timeout=3000) as opened:
        qtbot.keyClick(arrears.view, Qt.Key.Key_Return)
    assert opened.args == [hall["shop"]]
    assert window.current_panel_key() == "lookup" and window.customer_in_hand == hall["shop"]


def test_supervisor_runs_cost_control_from_the_panel(qtbot, file_db, panel, hall):
    """One click shows the dry run and writes nothing; the count typed runs it (issue 13.2)."""
    assert panel.cost_control_button.isVisible()
    before = notice_count(file_db)
    with qtbot.waitSignal(panel.sig_dialog_opened, timeout=20000) as opened:
        panel.cost_control_button.click()
    dialog = opened.args[0]
    assert notice_count(file_db) == before  # nothing written by the click
    total = dialog.plan.total
    assert total > 0 and f"write {total} item" in dialog.intro_label.text()
    assert dialog.summary.rowCount() == len(dialog.plan.lines) > 0
    assert not dialog.run_button.isEnabled()
    qtbot.keyClicks(dialog.count_edit, str(total + 1))
    assert not dialog.run_button.isEnabled()  # the wrong count runs nothing
    dialog.count_edit.clear()
    qtbot.keyClicks(dialog.count_edit, str(total))
    with qtbot.waitSignal(panel.sig_loaded, timeout=20000):
        dialog.run_button.click()
    assert panel.message_bar.text.startswith("Cost control:")
    assert "accounts looked at" in panel.message_bar.text and panel.cost_control_button.isEnabled()
    assert notice_count(file_db) > before


def notice_count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Notice.id)))


def test_panel_fits_beside_the_navigation_in_english(panel):
    """The main window gives the panel ~1130 pixels at 1400 wide and does not grow for it:
    with the three tool buttons beside five filters, English squeezed the minimum-amount box
    to "…" and the unit box to a sliver."""
    assert panel.filters.min_edit.placeholderText()  # English texts are in
    assert panel.minimumSizeHint().width() <= 1130


@pytest.fixture
def unopened(qtbot, file_db, tasks, hall):
    """A panel not shown yet, reading a first page of two customers before everyone."""
    widget = ArrearsPanel(Desk(file_db, tasks, hall["boss"]), poll_ms=3_600_000)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.loader.page_rows = 2
    return widget


def test_the_customers_owing_most_show_before_the_rest(qtbot, unopened, hall):
    """The first page is on screen, its totals not passed off as everyone's; the rest
    arrives below it, keeping what the supervisor selected meanwhile."""
    panel, seen = unopened, []

    def on_first_page(count: int) -> None:
        seen.append((count, names(panel), panel.totals_label.text(),
                     panel.buckets.cards[0].count.text()))
        panel.view.selectRow(1)  # the shop, while the rest is still being read

    panel.sig_first_page_shown.connect(on_first_page)
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        panel.show()
    assert seen == [(2, [hall["mill"], hall["shop"]], "Loading all customers in arrears…",
                     "loading…")]
    assert names(panel) == [hall["mill"], hall["shop"], hall["farmer"], hall["home"]]
    assert "4 customers" in panel.totals_label.text()
    assert panel.view.selected_ids() == [hall["shop"]]
    assert panel.buckets.cards[0].count.text() == "1 customer"


def test_a_sort_while_the_rest_is_read_ends_sorted_over_everyone(qtbot, unopened, hall):
    panel = unopened
    panel.sig_first_page_shown.connect(
        lambda _n: panel.view.sortByColumn(Column.DAYS, Qt.SortOrder.AscendingOrder))
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        panel.show()
    assert names(panel) == [hall["farmer"], hall["mill"], hall["home"], hall["shop"]]


@pytest.mark.parametrize(("column", "field"), [
    (Column.TOTAL, "total"), (Column.DAYS, "days_overdue"), (Column.NAME, "name"),
    (Column.NUMBER, "customer_no"), (Column.ARREARS, "arrears"), (Column.BILLS, "bills")])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_the_whole_sorted_table_is_the_services_rows(file_db, panel, hall, column, field, order):
    """Every row the service reads, once, in the column's order (ties by customer id)."""
    panel.view.sortByColumn(column, order)
    rows = sorted(list_arrears(file_db, hall["boss"]).rows, key=lambda r: r.customer_id)
    rows.sort(key=lambda r: getattr(r, field), reverse=order == Qt.SortOrder.DescendingOrder)
    shown = [panel.model.row_at(n) for n in range(panel.model.rowCount())]
    assert shown == rows
    texts = [panel.model.index(n, column).data() for n in range(panel.model.rowCount())]
    assert texts == [money(v) if isinstance(v := getattr(r, field), Decimal) else str(v)
                     for r in rows]


def test_a_payment_at_the_same_desk_refreshes_the_list_without_waiting_for_a_poll(
        qtbot, file_db, tasks, hall):
    desk = Desk(file_db, tasks, hall["boss"])
    widget = ArrearsPanel(desk, poll_ms=3_600_000)  # no poll within the test
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.sig_loaded, timeout=3000):
        widget.show()
    owed = next(r for r in list_arrears(file_db, hall["boss"]).rows if r.customer_id == hall["mill"])
    pay = lambda: post_payment(file_db, hall["clerk"], customer_id=hall["mill"],
                               amount=owed.total, method="cash", idempotency_key="desk-mill")
    with qtbot.waitSignal(widget.sig_loaded, timeout=5000):
        desk.run(pay, widget, write=True)  # a payment dialog's write, as the desk runs it
    assert hall["mill"] not in names(widget)
    assert names(widget) == [hall["shop"], hall["farmer"], hall["home"]]
