"""Satisfaction summed up by unit and kind: how many ratings, their mean, the share of 4-5."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.rows_model import ColumnSpec, RowsModel
from widgets.table_columns import remember_columns
from widgets.work_orders.texts import kind_name, work_order_error


class SatisfactionSummaryDialog(QDialog):
    """Loads the summary off the UI thread and lists it."""

    sig_loaded = Signal(int)
    """The table shows this many unit-and-kind rows."""

    def __init__(self, desk: Desk, load: Callable[[], Sequence[object]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.message_bar = MessageBar(self)
        self.model = RowsModel(self._columns(), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        remember_columns(self.table, "satisfaction")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 360)
        self.setWindowTitle(self.tr("Satisfaction by unit and kind"))
        self._desk.run(load, self, self._on_loaded,
                       lambda exc: self.message_bar.show_error(work_order_error(exc)))

    def _columns(self) -> list[ColumnSpec]:
        return [
            ColumnSpec(self.tr("Unit"), lambda s: s.unit_name),
            ColumnSpec(self.tr("Kind"), lambda s: kind_name(s.kind)),
            ColumnSpec(self.tr("Ratings"), lambda s: str(s.count), numeric=True),
            ColumnSpec(self.tr("Mean"), lambda s: f"{s.mean:.2f}", numeric=True),
            ColumnSpec(self.tr("Satisfied (4-5)"),
                       lambda s: f"{s.satisfied_share * 100:.0f}%", numeric=True),
        ]

    def _on_loaded(self, rows: Sequence[object]) -> None:
        self.model.set_rows(rows)
        self.sig_loaded.emit(len(rows))
