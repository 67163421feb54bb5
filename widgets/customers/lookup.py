"""The one search box: numbers, scans, names, pinyin, phones, addresses.

Keyboard only: type (results follow after a short pause), Up/Down to choose,
Enter to open, Esc to clear. A barcode scanner types fast and presses Enter:
Enter searches at once and opens the customer when the match is exact.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.services.customers.search import SearchResult
from widgets.customers.results_model import Column, CustomerResultsModel
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.table_columns import remember_columns

DEBOUNCE_MS = 150
EXACT_RANK = 0

Search = Callable[[str], SearchResult]


class CustomerLookup(QWidget):
    """Search box and result table; emits the customer the clerk opens."""

    sig_results_loaded = Signal(int)
    """A search finished and the table shows this many rows."""

    sig_customer_selected = Signal(int)
    """The clerk opened this customer id (Enter, double-click, or an exact scan)."""

    def __init__(self, desk: Desk, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._search = desk, search
        self._shown_text: str | None = None  # the text the table's rows answer
        self._open_when_exact = False
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.search_edit = QLineEdit(objectName="lookupSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self.count_label = QLabel(objectName="lookupCount")
        self.message_bar = MessageBar(self)
        self.model = CustomerResultsModel(self)
        self.view = QTableView(objectName="lookupResults")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        # Widths from the widest value each column can hold, not from the rows: measuring
        # 50 rows on every answer cost 5 ms a keystroke (20 ms at p95) at the counter.
        self.columns = remember_columns(self.view, "lookup", follow_text=False)
        self.view.horizontalHeader().setSectionResizeMode(Column.ADDRESS,
                                                          QHeaderView.ResizeMode.Stretch)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.view, 1)

    def _connect_signals(self) -> None:
        self.search_edit.textEdited.connect(self._on_search_edit_text_edited)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.view.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.view.activated.connect(lambda index: self._open_row(index.row()))

    def retranslate_ui(self) -> None:
        self.search_edit.setPlaceholderText(self.tr(
            "Customer no., meter or seal barcode, phone, name, pinyin (zxl) or address — Ctrl+F"))
        self.model.retranslate()
        self._update_count(None)
        self._size_columns()

    def _size_columns(self) -> None:
        widest = {Column.NUMBER: "0000000000", Column.NAME: "欧阳某某某 ⚕",
                  Column.CATEGORY: "农业生产用电", Column.PHONE: "138****5678",
                  Column.UNIT: "牡丹区供电营业厅", Column.METER: "0" * 22}
        metrics, header = self.view.fontMetrics(), self.view.horizontalHeader()
        widths = {}
        for column, sample in widest.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(sample), header.fontMetrics().horizontalAdvance(title))
            widths[column] = width + 24
        self.columns.set_default_widths(widths)

    def focus_search(self) -> None:
        """Put the caret in the search box with its text selected (Ctrl+F)."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def type_ahead(self, text: str, *, enter: bool) -> None:
        """Text typed elsewhere (a scan into a closing dialog), as if typed here."""
        self.search_edit.setText(text)
        if enter:
            self._on_enter()
        else:
            self._on_search_edit_text_edited(text)

    def clear(self) -> None:
        self._desk.drop(self, "search")  # answers still on their way are now stale
        self._timer.stop()
        self.search_edit.clear()
        self.model.set_rows([])
        self._shown_text = None
        self.message_bar.clear()
        self._update_count(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            return self._on_search_edit_key(event)  # type: ignore[arg-type]
        return super().eventFilter(watched, event)

    def _on_search_edit_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move_selection(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_enter()
            return True
        if key == Qt.Key.Key_Escape:
            self.clear()
            return True
        return False

    def _on_search_edit_text_edited(self, _text: str) -> None:
        self._open_when_exact = False
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self._start_search(self.search_edit.text())

    def _on_enter(self) -> None:
        text = self.search_edit.text()
        if self._shown_text == text and self.model.rowCount():
            self._open_row(max(self.view.currentIndex().row(), 0))
            return
        # A scanner's Enter arrives before the pause is over: search now, open if exact.
        self._timer.stop()
        self._open_when_exact = True
        self._start_search(text)

    def _start_search(self, text: str) -> None:
        search = self._search
        # key: a newer query's answer wins.
        self._desk.run(lambda: search(text), self,
                       lambda result: self._on_search_done(text, result),
                       self._on_search_failed, key="search")

    def _on_search_done(self, text: str, result: SearchResult) -> None:
        self.message_bar.clear()
        self.model.set_rows(result.rows)
        self._shown_text = text
        self._update_count(result)
        if result.rows:
            self.view.selectRow(0)
        exact = [r for r in result.rows if r.rank == EXACT_RANK]
        open_exact, self._open_when_exact = self._open_when_exact and len(exact) == 1, False
        if result.elsewhere and not exact:
            self.message_bar.show_message(self.tr(
                "{query} belongs to a customer of another supply unit, outside what you may "
                "open. Ask the customer to go to their own service hall, or a colleague of "
                "that unit to help.").format(query=result.query))
        self.sig_results_loaded.emit(len(result.rows))
        if open_exact:
            self.sig_customer_selected.emit(exact[0].id)

    def _on_search_failed(self, exc: BaseException) -> None:
        self.message_bar.show_error(exc)
        self.sig_results_loaded.emit(self.model.rowCount())

    def _update_count(self, result: SearchResult | None) -> None:
        if result is None or not result.query:
            self.count_label.setText("")
        elif result.more:
            self.count_label.setText(self.tr("%n shown of more than 1,000", "", len(result.rows)))
        elif result.total > len(result.rows):
            self.count_label.setText(self.tr("{shown} shown of {total}").format(
                shown=len(result.rows), total=result.total))
        else:
            self.count_label.setText(self.tr("%n match(es)", "", result.total))

    def _move_selection(self, step: int) -> None:
        rows = self.model.rowCount()
        if rows:
            row = min(max(self.view.currentIndex().row() + step, 0), rows - 1)
            self.view.selectRow(row)

    def _open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.sig_customer_selected.emit(self.model.row_at(row).id)
