"""Every table: columns fitted to their text, widened by hand and remembered, full text in
the tooltip of a cell too narrow for it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView, QToolTip

from widgets.desk import Desk
from widgets.rows_model import ColumnSpec, RowsModel
from widgets.table_columns import remember_columns

LONG = "停电通知书 · 已送达 — served on the customer in person at the counter"


@dataclass(frozen=True)
class Row:
    unit: str
    notice: str


def open_table(qtbot, rows: list[Row]) -> QTableView:
    view = QTableView()
    model = RowsModel([ColumnSpec("Unit", lambda r: r.unit),
                       ColumnSpec("Notice", lambda r: r.notice),
                       ColumnSpec("State", lambda r: "normal")], view)
    view.setModel(model)
    view.horizontalHeader().setStretchLastSection(True)
    remember_columns(view, "test.notices")
    model.set_rows(rows)
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def tooltip_over(qtbot, view: QTableView, row: int, column: int) -> str:
    rect = view.visualRect(view.model().index(row, column))
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), view.viewport().mapToGlobal(rect.center()))
    QToolTip.hideText()
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_columns_are_as_wide_as_their_text_and_the_user_may_widen_them(qtbot):
    view = open_table(qtbot, [Row("牡丹区城区营业厅", "催费通知 · 已发送")])
    metrics = view.fontMetrics()
    assert view.columnWidth(0) >= metrics.horizontalAdvance("牡丹区城区营业厅")
    assert view.columnWidth(1) >= metrics.horizontalAdvance("催费通知 · 已发送")
    header = view.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Interactive


def test_a_cell_too_narrow_shows_its_whole_text_in_the_tooltip(qtbot):
    view = open_table(qtbot, [Row("牡丹区城区营业厅", LONG)])
    view.horizontalHeader().resizeSection(1, 120)
    assert tooltip_over(qtbot, view, 0, 0) == ""  # the unit fits: no tooltip in the way
    assert tooltip_over(qtbot, view, 0, 1) == LONG


def test_a_widened_column_is_as_wide_when_the_table_is_opened_again(qtbot):
    view = open_table(qtbot, [Row("牡丹区城区营业厅", "催费通知 · 已发送")])
    view.horizontalHeader().resizeSection(1, 333)  # what dragging the header edge does
    view.model().set_rows([Row("菏泽", "x")])  # a reload keeps it too
    assert view.columnWidth(1) == 333
    view.close()
    again = open_table(qtbot, [Row("菏泽", "x")])
    assert again.columnWidth(1) == 333
    assert again.columnWidth(0) < 333  # only the column the user widened


def test_widths_are_kept_per_table(qtbot):
    view = open_table(qtbot, [Row("a", "b")])
    view.horizontalHeader().resizeSection(0, 250)
    other = QTableView()
    qtbot.addWidget(other)
    model = RowsModel([ColumnSpec("Unit", lambda r: r.unit)], other)
    other.setModel(model)
    remember_columns(other, "test.other")
    model.set_rows([Row("a", "b")])
    assert other.columnWidth(0) != 250
    assert QSettings("GridDesk", "GridDesk").value("columns/test.notices")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_arrears_panel_shows_unit_notice_and_state_whole(qtbot, file_db, tasks, english, lang):
    from console.models import Notice, Unit
    from tests.billing_helpers import service_hall
    from widgets.arrears.model import Column
    from widgets.arrears.panel import ArrearsPanel

    english(lang)
    hall = service_hall(file_db)
    with file_db.session() as s:
        s.get(Unit, hall["unit"].id).name = "牡丹区城区营业厅"
        s.add(Notice(doc_no="TZ1", customer_id=hall["farmer"], kind="disconnect",
                     channel="paper", status="served"))
    panel = ArrearsPanel(Desk(file_db, tasks, hall["boss"]), poll_ms=3_600_000)
    qtbot.addWidget(panel)
    panel.resize(1366, 700)
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        panel.show()
    metrics = panel.view.fontMetrics()
    for column in (Column.UNIT, Column.NOTICE, Column.STATE):
        text = panel.model.index(0, column).data()
        assert text and panel.view.columnWidth(column) >= metrics.horizontalAdvance(text) + 12, text
