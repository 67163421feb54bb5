"""The one look of every seal table: read-only rows, sortable, alternating colours."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from widgets.table_columns import remember_columns


def _number(text: object) -> float | None:
    if len(str(text)) > 15:  # seal and meter numbers: text order is their order
        return None
    try:
        return float(str(text).replace(",", ""))
    except ValueError:
        return None


class NaturalSortProxy(QSortFilterProxyModel):
    """Sorts "5,000" after "800": numbers by value, everything else as text."""

    def lessThan(self, left: QModelIndex | QPersistentModelIndex,
                 right: QModelIndex | QPersistentModelIndex) -> bool:
        a, b = left.data(Qt.ItemDataRole.DisplayRole), right.data(Qt.ItemDataRole.DisplayRole)
        x, y = _number(a), _number(b)
        if x is not None and y is not None:
            return x < y
        return str(a or "") < str(b or "")


def make_table(model: QAbstractItemModel, parent: QWidget, *, key: str, sortable: bool = True,
               stretch_last: bool = True) -> QTableView:
    """A seal table; `key` names it where its column widths are remembered."""
    table = QTableView(parent)
    if sortable:
        proxy = NaturalSortProxy(table)
        proxy.setSourceModel(model)
        table.setModel(proxy)
        # No sort until a header is clicked: the services' own order (newest first) stays.
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
    else:
        table.setModel(model)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(stretch_last)
    remember_columns(table, f"seals.{key}")
    return table


def source_row(table: QTableView) -> int:
    """The selected row in the source model's numbering, or -1."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return -1
    index = rows[0]
    model = table.model()
    if isinstance(model, QSortFilterProxyModel):
        index = model.mapToSource(index)
    return index.row()
