"""The lookup's result rows as a table model."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from console.services.customers import CustomerSummary
from widgets.domain_labels import category_name, customer_status_name


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    CATEGORY = 2
    PHONE = 3
    ADDRESS = 4
    UNIT = 5
    METER = 6


class CustomerResultsModel(QAbstractTableModel):
    """Rows of `CustomerSummary`; replaced whole when a search finishes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CustomerSummary] = []

    def set_rows(self, rows: tuple[CustomerSummary, ...] | list[CustomerSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> CustomerSummary:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, Column(index.column()))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.ADDRESS:
            return row.address
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "closed":
            return Qt.GlobalColor.gray
        return None

    def _display(self, row: CustomerSummary, column: Column) -> str:
        if column is Column.NAME:
            marks = (" ⚕" if row.protected else "") + (
                f" ({customer_status_name(row.status)})" if row.status == "closed" else "")
            return row.name + marks
        return {
            Column.NUMBER: row.customer_no,
            Column.CATEGORY: category_name(row.category),
            Column.PHONE: row.phone,
            Column.ADDRESS: row.address,
            Column.UNIT: row.unit_name,
            Column.METER: row.meter_asset_no,
        }[column]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return {
            Column.NUMBER: self.tr("Customer no."),
            Column.NAME: self.tr("Name"),
            Column.CATEGORY: self.tr("Category"),
            Column.PHONE: self.tr("Phone"),
            Column.ADDRESS: self.tr("Address"),
            Column.UNIT: self.tr("Unit"),
            Column.METER: self.tr("Meter asset no."),
        }[Column(section)]
