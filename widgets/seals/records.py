"""Two read-only lists for admins: the anomalies inspections found, and who holds seals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.db import Database
from console.services.actor import Actor
from console.timeutil import local_time
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.resources import icon
from widgets.rows_model import ColumnSpec, RowsModel
from widgets.seals import calls
from widgets.seals.table import make_table
from widgets.seals.texts import anomaly_name, order_state_name

translate = QCoreApplication.translate


def anomaly_columns() -> list[ColumnSpec]:
    return [ColumnSpec(translate("Seals", "Found"), lambda r: local_time(r.at)),
            ColumnSpec(translate("Seals", "Anomaly"), lambda r: anomaly_name(r.kind)),
            ColumnSpec(translate("Seals", "Seal"), lambda r: r.seal_no),
            ColumnSpec(translate("Seals", "Meter"), lambda r: r.meter_no),
            ColumnSpec(translate("Seals", "Customer"),
                       lambda r: f"{r.customer_no} {r.customer_name}".strip()),
            ColumnSpec(translate("Seals", "Unit"), lambda r: r.unit_name),
            ColumnSpec(translate("Seals", "Work order"), lambda r: r.work_order_no),
            ColumnSpec(translate("Seals", "Order state"),
                       lambda r: order_state_name(r.work_order_state)),
            ColumnSpec(translate("Seals", "Reported by"), lambda r: r.reported_by)]


def holding_columns() -> list[ColumnSpec]:
    drawer = translate("Seals", "(unit drawer)")
    return [ColumnSpec(translate("Seals", "Installer"), lambda r: r.holder or drawer),
            ColumnSpec(translate("Seals", "Unit"), lambda r: r.unit),
            ColumnSpec(translate("Seals", "Seals held"), lambda r: f"{r.count:,}", numeric=True),
            ColumnSpec(translate("Seals", "From"), lambda r: r.first_no),
            ColumnSpec(translate("Seals", "To"), lambda r: r.last_no),
            ColumnSpec(translate("Seals", "Held since"), lambda r: local_time(r.oldest))]


class RecordsList(QWidget):
    """A caption, Refresh (F5) and one table, loaded by `load(db, actor)` in a worker."""

    sig_loaded = Signal(int)
    """The list was (re)loaded; carries its number of rows."""

    def __init__(self, desk: Desk, *,
                 load: Callable[[Database, Actor], list[Any]],
                 columns: Callable[[], list[ColumnSpec]], caption: Callable[[], str], key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self._load, self._columns, self._caption = load, columns, caption
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.refresh_button = QPushButton(icon("refresh"), "", self)
        self.message_bar = MessageBar(self, reserve_space=True)
        self.model = RowsModel(columns(), self)
        self.table = make_table(self.model, self, key=key)
        self.refresh_shortcut = QShortcut(QKeySequence("F5"), self)
        self.refresh_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        bar = QHBoxLayout()
        bar.addWidget(self.caption, 1)
        bar.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        layout.addLayout(bar)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.table, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.refresh_shortcut.activated.connect(self.refresh)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.caption.setText(self._caption())
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Reload the list (F5)"))
        self.model.set_columns(self._columns())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def refresh(self) -> None:
        db, actor, load = self._db, self._actor, self._load
        self._desk.run(lambda: load(db, actor), self, self._on_loaded, self.message_bar.show_error,
                       key="loads")

    def _on_loaded(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        self.sig_loaded.emit(len(rows))


def _anomalies_caption() -> str:
    return translate("Seals", "Every anomaly an inspection check found, newest first, with the "
                     "work order it opened for the meter's unit.")


def _holdings_caption() -> str:
    return translate("Seals", "Seals issued and not yet installed or returned: each installer "
                     "answers for theirs, each unit for its drawer.")


def anomalies_list(desk: Desk, parent: QWidget) -> RecordsList:
    return RecordsList(desk, load=calls.list_anomalies, columns=anomaly_columns,
                       caption=_anomalies_caption, key="anomalies", parent=parent)


def holdings_list(desk: Desk, parent: QWidget) -> RecordsList:
    return RecordsList(desk, load=calls.list_holdings, columns=holding_columns,
                       caption=_holdings_caption, key="holdings", parent=parent)
