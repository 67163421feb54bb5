"""The arrears table view: rows selected whole, widths remembered, and the selection
and scroll position carried across a re-read of the list (by customer, not by row)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from widgets.arrears.model import ArrearsModel, Column
from widgets.table_columns import remember_columns

COLUMN_WIDTHS = {Column.NUMBER: 110, Column.NAME: 170, Column.UNIT: 120, Column.CATEGORY: 110,
                 Column.PROTECTED: 70, Column.BILLS: 60, Column.ARREARS: 100,
                 Column.LATE_FEES: 100, Column.TOTAL: 100, Column.OLDEST_DUE: 100,
                 Column.DAYS: 80, Column.NOTICE: 130}


class ArrearsView(QTableView):
    """Sorted by total, largest first, until the supervisor clicks a header."""

    def __init__(self, model: ArrearsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.arrears = model
        self.setModel(model)
        self.setSortingEnabled(True)
        self.sortByColumn(Column.TOTAL, Qt.SortOrder.DescendingOrder)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(28)
        self.horizontalHeader().setStretchLastSection(True)
        self.columns = remember_columns(self, "arrears")

    def fit_columns(self) -> None:
        """Default widths, wider where the header's words (in this language) need it."""
        metrics = self.horizontalHeader().fontMetrics()
        self.columns.set_default_widths({
            column: max(width, metrics.horizontalAdvance(
                str(self.arrears.headerData(column, Qt.Orientation.Horizontal))) + 30)
            for column, width in COLUMN_WIDTHS.items()})

    def selected_ids(self) -> list[int]:
        return [self.arrears.row_at(i.row()).customer_id
                for i in self.selectionModel().selectedRows()]

    def top_id(self) -> int | None:
        row = self.rowAt(0)
        return self.arrears.row_at(row).customer_id if row >= 0 else None

    def restore(self, selected: list[int], top: int | None) -> None:
        """Scroll `top` back to the top and select the customers `selected`, where they are."""
        model = self.arrears
        if top is not None and (row := model.row_of(top)) >= 0:
            self.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        selection = QItemSelection()
        for customer_id in selected:
            if (row := model.row_of(customer_id)) >= 0:
                selection.select(model.index(row, 0), model.index(row, 0))
        if not selection.isEmpty():  # one call: a select() per row repaints per row
            self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select
                                         | QItemSelectionModel.SelectionFlag.Rows)
