"""The arrears table: 50,000 rows filtered and sorted in Python, not per cell in Qt.

A proxy model's filterAcceptsRow/lessThan would call back into Python for
every row and comparison; here a filter is one list comprehension and a sort
one `list.sort` with a key per column (display texts cached per code), so
opening and re-sorting stay well inside the 1 s / 200 ms budget.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from operator import attrgetter

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)

from console.models.enums import NoticeKind, NoticeStatus
from console.services.arrears_types import ArrearsRow
from widgets.domain_labels import category_name, control_state_name, money
from widgets.vocabulary import label

translate = QCoreApplication.translate
ZERO = Decimal("0.00")


class Column(IntEnum):
    NUMBER = 0
    NAME = 1
    UNIT = 2
    CATEGORY = 3
    PROTECTED = 4
    BILLS = 5
    ARREARS = 6
    LATE_FEES = 7
    TOTAL = 8
    OLDEST_DUE = 9
    DAYS = 10
    NOTICE = 11
    STATE = 12


NUMERIC = {Column.BILLS, Column.ARREARS, Column.LATE_FEES, Column.TOTAL, Column.DAYS}
FIELDS = {Column.NUMBER: "customer_no", Column.NAME: "name", Column.UNIT: "unit_name",
          Column.BILLS: "bills", Column.ARREARS: "arrears", Column.LATE_FEES: "late_fees",
          Column.TOTAL: "total", Column.OLDEST_DUE: "oldest_due", Column.DAYS: "days_overdue",
          Column.PROTECTED: "protected"}


def headers() -> list[str]:
    return [translate("Arrears", "Customer no."), translate("Arrears", "Name"),
            translate("Arrears", "Unit"), translate("Arrears", "Category"),
            translate("Arrears", "Protected"), translate("Arrears", "Bills"),
            translate("Arrears", "Arrears (yuan)"), translate("Arrears", "Late fees (yuan)"),
            translate("Arrears", "Total (yuan)"), translate("Arrears", "Oldest due"),
            translate("Arrears", "Days overdue"), translate("Arrears", "Notice"),
            translate("Arrears", "Control state")]


def notice_text(kind: str, status: str) -> str:
    if not kind:
        return ""
    return f"{label(NoticeKind, kind)} · {label(NoticeStatus, status)}"


@dataclass(frozen=True)
class ArrearsFilter:
    """What the panel's filter row says; None means any."""

    unit_id: int | None = None
    category: str | None = None
    min_amount: Decimal | None = None
    bucket: int | None = None
    control_state: str | None = None

    def accepts(self, row: ArrearsRow, *, ignore_bucket: bool = False) -> bool:
        return ((self.unit_id is None or row.unit_id == self.unit_id)
                and (self.category is None or row.category == self.category)
                and (self.min_amount is None or row.total >= self.min_amount)
                and (ignore_bucket or self.bucket is None or row.bucket == self.bucket)
                and (self.control_state is None or row.control_state == self.control_state))


class ArrearsModel(QAbstractTableModel):
    """All rows, the filtered rows shown, and their order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[ArrearsRow] = []
        self._rows: list[ArrearsRow] = []
        self._filter = ArrearsFilter()
        self._sort = (Column.TOTAL, Qt.SortOrder.DescendingOrder)
        self._headers = headers()
        self._texts: dict[tuple[Column, str], str] = {}

    # -- filling ----------------------------------------------------------------------------

    @property
    def all_rows(self) -> Sequence[ArrearsRow]:
        return self._all

    @property
    def filter(self) -> ArrearsFilter:
        return self._filter

    def set_rows(self, rows: Sequence[ArrearsRow]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._rows = self._filtered()
        self._sort_rows()
        self.endResetModel()

    def set_filter(self, new: ArrearsFilter) -> None:
        self.beginResetModel()
        self._filter = new
        self._rows = self._filtered()
        self._sort_rows()
        self.endResetModel()

    def retranslate(self) -> None:
        self._headers, self._texts = headers(), {}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))

    def _filtered(self) -> list[ArrearsRow]:
        accepts = self._filter.accepts
        return [row for row in self._all if accepts(row)]

    def row_at(self, row: int) -> ArrearsRow:
        return self._rows[row]

    def visible_rows(self) -> Sequence[ArrearsRow]:
        return self._rows

    def row_of(self, customer_id: int) -> int:
        for number, row in enumerate(self._rows):
            if row.customer_id == customer_id:
                return number
        return -1

    def bucket_totals(self) -> list[tuple[int, Decimal]]:
        """(customers, total) per age bucket, under every filter except the bucket."""
        counts, sums = [0, 0, 0, 0], [ZERO, ZERO, ZERO, ZERO]
        accepts = self._filter.accepts
        for row in self._all:
            if accepts(row, ignore_bucket=True):
                counts[row.bucket] += 1
                sums[row.bucket] += row.total
        return list(zip(counts, sums, strict=True))

    # -- sorting ----------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [(self._rows[i.row()].customer_id, i.column()) for i in persistent]
        self._sort = (Column(column), order)
        self._sort_rows()
        where = {row.customer_id: n for n, row in enumerate(self._rows)} if persistent else {}
        self.changePersistentIndexList(
            persistent, [self.index(where[cid], col) for cid, col in ids])
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        self._rows.sort(key=self._key(column), reverse=order == Qt.SortOrder.DescendingOrder)

    def _key(self, column: Column) -> Callable[[ArrearsRow], object]:
        if column in FIELDS:
            return attrgetter(FIELDS[column])
        if column == Column.CATEGORY:
            return lambda r: self._text(column, r.category)
        if column == Column.STATE:
            return lambda r: self._text(column, r.control_state)
        return lambda r: (r.notice_kind, r.notice_status)

    # -- Qt ---------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(self._rows[index.row()], column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[index.row()].customer_id
        return None

    def _display(self, row: ArrearsRow, column: Column) -> str:
        if column in (Column.ARREARS, Column.LATE_FEES, Column.TOTAL):
            return money(getattr(row, FIELDS[column]))
        if column == Column.PROTECTED:
            return translate("Arrears", "Protected") if row.protected else ""
        if column == Column.CATEGORY:
            return self._text(column, row.category)
        if column == Column.STATE:
            return self._text(column, row.control_state)
        if column == Column.NOTICE:
            return notice_text(row.notice_kind, row.notice_status)
        if column == Column.OLDEST_DUE:
            return row.oldest_due.isoformat()
        return str(getattr(row, FIELDS[column]))

    def _text(self, column: Column, code: str) -> str:
        key = (column, code)
        if key not in self._texts:
            name = category_name if column == Column.CATEGORY else control_state_name
            self._texts[key] = name(code)
        return self._texts[key]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None
