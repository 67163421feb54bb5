"""The lookup's result rows as a table model."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt

from console.models.enums import CustomerStatus
from console.services.customers.search import CustomerSummary
from widgets.domain_labels import category_name, customer_status_name
from widgets.rows_model import ColumnSpec, RowsModel

translate = QCoreApplication.translate


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    CATEGORY = 2
    PHONE = 3
    ADDRESS = 4
    UNIT = 5
    METER = 6


def _name(row: CustomerSummary) -> str:
    marks = " ⚕" if row.protected else ""
    if row.status == CustomerStatus.CLOSED:
        marks += f" ({customer_status_name(row.status)})"
    return row.name + marks


def _columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(translate("CustomerResultsModel", "Customer no."), lambda r: r.customer_no),
        ColumnSpec(translate("CustomerResultsModel", "Name"), _name),
        ColumnSpec(translate("CustomerResultsModel", "Category"), lambda r: category_name(r.category)),
        ColumnSpec(translate("CustomerResultsModel", "Phone"), lambda r: r.phone),
        ColumnSpec(translate("CustomerResultsModel", "Address"), lambda r: r.address),
        ColumnSpec(translate("CustomerResultsModel", "Unit"), lambda r: r.unit_name),
        ColumnSpec(translate("CustomerResultsModel", "Meter asset no."), lambda r: r.meter_asset_no),
    ]


class CustomerResultsModel(RowsModel):
    """Rows of `CustomerSummary`; replaced whole when a search finishes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_columns(), parent)

    def retranslate(self) -> None:
        self.set_columns(_columns())

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if index.isValid():
            row = self.row_at(index.row())
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.ADDRESS:
                return row.address
            if role == Qt.ItemDataRole.ForegroundRole and row.status == CustomerStatus.CLOSED:
                return Qt.GlobalColor.gray
        return super().data(index, role)
