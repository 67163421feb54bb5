"""The arrears table model on its own: orders, selections carried across sorts, reads
arriving below the rows shown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt

from console.services.arrears.types import ArrearsRow, bucket_of
from widgets.arrears.model import ArrearsModel, Column
from widgets.arrears.order import ArrearsTable
from widgets.arrears.view import ArrearsView

TODAY = dt.date(2026, 12, 7)


def row(n: int) -> ArrearsRow:
    """Customer n: totals repeat every 7 customers (ties), ages every 11."""
    principal = Decimal(100 + (n * 37) % 7 * 10).quantize(Decimal("0.01"))
    days = 1 + (n * 5) % 11 * 20
    return ArrearsRow(n, f"37{n:08d}", f"客户{n:03d}", 1, "牡丹区供电所", "residential", False,
                      1, principal, Decimal("1.00"), principal + 1, TODAY - dt.timedelta(days),
                      days, bucket_of(days), "", "", "normal", "postpaid")


def shown(model: ArrearsModel) -> list[int]:
    return [model.row_at(r).customer_id for r in range(model.rowCount())]


def test_a_long_selection_follows_its_customers_through_sorts(qtbot):
    model = ArrearsModel()
    view = ArrearsView(model)
    qtbot.addWidget(view)
    rows = [row(n) for n in range(1, 201)]
    model.set_rows(rows)
    for r in range(0, 60, 2):  # 30 rows, each its own selection range
        view.selectionModel().select(model.index(r, 0), view.selectionModel().SelectionFlag.Select
                                     | view.selectionModel().SelectionFlag.Rows)
    chosen = sorted(view.selected_ids())
    for column in (Column.DAYS, Column.NAME, Column.TOTAL):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            view.sortByColumn(column, order)
            assert sorted(view.selected_ids()) == chosen
    totals = [model.row_at(r).total for r in range(model.rowCount())]
    assert totals == sorted(totals, reverse=True) and len(set(totals)) > 1


def test_ties_fall_by_customer_id_either_way_so_a_first_page_is_a_prefix(qtbot):
    model = ArrearsModel()
    rows = [row(n) for n in range(1, 50)]
    by_total = sorted(rows, key=lambda r: (-r.total, r.customer_id))
    model.set_table(ArrearsTable.prepare(by_total[:10], model.sort_order))
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        assert model.set_table(ArrearsTable.prepare(rows, model.sort_order))
    assert inserted.args[1:] == [10, 48]  # appended below the first page, nothing reset
    assert shown(model) == [r.customer_id for r in by_total]
