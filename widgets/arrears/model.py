"""The arrears table model: 50,000 rows filtered and sorted in Python, not per cell in Qt.

A proxy model's filterAcceptsRow/lessThan would call back into Python for
every row and comparison; here the shown rows are a list of row numbers, a
filter one list comprehension, and a sort a cached order (`arrears_order`) per
column. A read arrives as an `ArrearsTable` a worker has already ordered and
summed; cells are formatted once per row, when first painted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)

from console.models.enums import NoticeKind, NoticeStatus
from console.services.arrears.types import ArrearsRow
from widgets.arrears.order import (
    NO_FILTER,
    NUMERIC,
    WORDED,
    ArrearsFilter,
    ArrearsTable,
    Column,
    Sort,
    Sums,
    Totals,
    bucket_totals,
    money_sums,
    ordered,
)
from widgets.domain_labels import category_name, control_state_name, money
from widgets.vocabulary import label

__all__ = ["ArrearsFilter", "ArrearsModel", "Column", "headers", "notice_text"]

translate = QCoreApplication.translate
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
DEFAULT_SORT: Sort = (Column.TOTAL, True)  # what `arrears.first_page` reads


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


class ArrearsModel(QAbstractTableModel):
    """All rows of the last read, the filtered rows shown, and their order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = ArrearsTable([], [])
        self._shown: list[int] = []  # row numbers in the table, in the view's order
        self._where: dict[int, int] | None = None  # customer id -> view row, on demand
        self._cells: dict[int, tuple[str, ...]] = {}  # row number -> its texts, once painted
        self._filter = NO_FILTER
        self._sort: Sort = DEFAULT_SORT
        self._headers = headers()
        self._words: dict[tuple[Column, str], str] = {}

    # -- filling ----------------------------------------------------------------------------

    @property
    def all_rows(self) -> Sequence[ArrearsRow]:
        return self._table.rows

    @property
    def filter(self) -> ArrearsFilter:
        return self._filter

    @property
    def sort_order(self) -> Sort:
        """(column, descending) the rows are shown in."""
        return self._sort

    def set_rows(self, rows: Sequence[ArrearsRow]) -> None:
        """Show these rows afresh (ordered and summed here, on the calling thread)."""
        self.set_table(ArrearsTable.prepare(rows, self._sort), grow=False)

    def set_table(self, table: ArrearsTable, *, grow: bool = True) -> bool:
        """Show a read. True when it only added rows below those shown (if `grow`), which
        keeps the selection and the scroll position as they were (the first page, then
        the rest)."""
        shown = self._arrange(table)
        old = [self._table.rows[n] for n in self._shown] if grow else []
        if old and len(shown) >= len(old) and all(
                table.rows[n] == row for n, row in zip(shown, old, strict=False)):
            if len(shown) > len(old):
                self.beginInsertRows(QModelIndex(), len(old), len(shown) - 1)
            self._install(table, shown)
            if len(shown) > len(old):
                self.endInsertRows()
            return True
        self.beginResetModel()
        self._install(table, shown)
        self.endResetModel()
        return False

    def _install(self, table: ArrearsTable, shown: list[int]) -> None:
        self._table, self._shown, self._where, self._cells = table, shown, None, {}

    def set_filter(self, new: ArrearsFilter) -> None:
        self.beginResetModel()
        self._filter = new
        self._shown, self._where = self._arrange(self._table), None
        self.endResetModel()

    def retranslate(self) -> None:
        self._headers, self._words, self._cells = headers(), {}, {}
        for sort in [s for s in self._table.orders if s[0] in WORDED]:
            del self._table.orders[sort]  # ordered by words of the old language
        if self._sort[0] in WORDED:
            self._rearrange()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1,
                                                              len(Column) - 1))

    def _arrange(self, table: ArrearsTable) -> list[int]:
        """The row numbers to show, in order: the table's cached order, filtered."""
        order = table.orders.get(self._sort)
        if order is None:
            order = table.orders[self._sort] = ordered(table.rows, table.base, self._sort,
                                                       self._word)
        if self._filter == NO_FILTER:
            return list(order)
        accepts, rows = self._filter.accepts, table.rows
        return [n for n in order if accepts(rows[n])]

    def row_at(self, row: int) -> ArrearsRow:
        return self._table.rows[self._shown[row]]

    def visible_rows(self) -> Sequence[ArrearsRow]:
        rows = self._table.rows
        return [rows[n] for n in self._shown]

    def row_of(self, customer_id: int) -> int:
        if self._where is None:
            rows = self._table.rows
            self._where = {rows[n].customer_id: r for r, n in enumerate(self._shown)}
        return self._where.get(customer_id, -1)

    def bucket_totals(self) -> Totals:
        """(customers, total) per age bucket, under every filter except the bucket."""
        if replace(self._filter, bucket=None) == NO_FILTER:
            return self._table.totals  # summed by the worker
        if self._filter.bucket is None:
            return bucket_totals(self._table.rows, self._shown)
        rows, accepts = self._table.rows, self._filter.accepts
        return bucket_totals(rows, [n for n in self._table.base
                                    if accepts(rows[n], ignore_bucket=True)])

    def sums(self) -> Sums:
        """(customers, arrears, late fees) of the rows shown."""
        if self._filter == NO_FILTER:
            return self._table.sums  # summed by the worker
        return money_sums(self._table.rows, self._shown)

    # -- sorting ----------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = (Column(column), order == Qt.SortOrder.DescendingOrder)
        if sort != self._sort:  # else the header asking again after sortByColumn has
            self._sort = sort
            self._rearrange()

    def _rearrange(self) -> None:
        """Show the rows in the current order, the persistent indexes (selection,
        current row) following their rows."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        numbers = [(self._shown[i.row()], i.column()) for i in persistent]
        self._shown, self._where = self._arrange(self._table), None
        if persistent:
            self.changePersistentIndexList(
                persistent, [self.index(row, col) for row, col in self._rows_of(numbers)])
        self.layoutChanged.emit()

    def _rows_of(self, numbers: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """View rows of (row number, column) pairs. Usually a handful of rows (the current
        index; the header keeps one per column on the top row): a scan each; a long
        selection: one map."""
        distinct = {n for n, _col in numbers}
        if len(distinct) <= 16:
            where = {n: self._shown.index(n) for n in distinct}
        else:
            where = {n: r for r, n in enumerate(self._shown)}
        return [(where[n], col) for n, col in numbers]

    def _word(self, column: Column, code: str) -> str:
        key = (column, code)
        if key not in self._words:
            name = category_name if column == Column.CATEGORY else control_state_name
            self._words[key] = name(code)
        return self._words[key]

    # -- Qt ---------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            number = self._shown[index.row()]
            cells = self._cells.get(number)
            if cells is None:
                cells = self._cells[number] = self._texts(self._table.rows[number])
            return cells[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in NUMERIC:
            return RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return self.row_at(index.row()).customer_id
        return None

    def _texts(self, row: ArrearsRow) -> tuple[str, ...]:
        """Every cell of a row, formatted once (painting asks for each cell many times)."""
        return (row.customer_no, row.name, row.unit_name, self._word(Column.CATEGORY, row.category),
                translate("Arrears", "Protected") if row.protected else "", str(row.bills),
                money(row.arrears), money(row.late_fees), money(row.total),
                row.oldest_due.isoformat(), str(row.days_overdue),
                notice_text(row.notice_kind, row.notice_status),
                self._word(Column.STATE, row.control_state))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None
