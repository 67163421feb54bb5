"""Days without disconnections: holidays and worked weekend days (admins), blackouts
(supervisors, for their own unit). A tab in Administration, and a dialog that the
switch control panel opens for supervisors.

Each kind can be written only by the role calendar_blocks.PERMISSION names, so
the form offers only those kinds; the service checks again.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.models.control import CalendarKind
from console.models.enums import Role
from console.services.admin import users
from console.services.cost_control import calendar_blocks
from console.services.cost_control.calendar_blocks import PERMISSION, BlockInfo
from console.services.permissions import allowed
from console.timeutil import local_today
from widgets import vocabulary
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.rows_model import ColumnSpec, RowsModel
from widgets.table_columns import remember_columns


def read_only_table(parent: QWidget, model: RowsModel, *, key: str) -> QTableView:
    """A table of whole rows, one selected at a time, columns sized to their text (and
    widened by hand, remembered under `key`)."""
    table = QTableView(parent)
    table.setModel(model)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    remember_columns(table, key)
    return table


class CalendarTab(QWidget):
    """Blocks from today on, a one-line form to declare one, and Remove."""

    sig_blocks_loaded = Signal(int)
    """The list was (re)loaded; carries the number of blocks."""

    sig_block_declared = Signal(object)
    """A block was recorded; carries its BlockInfo."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self.kinds = [k for k, p in PERMISSION.items() if allowed(desk.actor.role, p)]
        self._unit_names: dict[int, str] = {}
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self.refresh()

    def _build_ui(self) -> None:
        self.message_bar = MessageBar(self, reserve_space=True)
        self.kind_combo, self.unit_combo = QComboBox(self), QComboBox(self)
        for kind in self.kinds:
            self.kind_combo.addItem("", kind.value)
        today = local_today()
        self.from_edit, self.to_edit = self._date_edit(today), self._date_edit(today)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(200)
        self.reason_edit.setMinimumWidth(200)
        self.unit_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.unit_combo.setMinimumWidth(170)  # CJK unit names, filled after the first show
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.declare_button, self.remove_button = QPushButton(self), QPushButton(self)
        self.declare_button.setObjectName("PrimaryButton")
        self.labels = [QLabel(self) for _ in range(5)]
        for label, field in zip(self.labels, (self.kind_combo, self.from_edit, self.to_edit,
                                              self.unit_combo, self.reason_edit), strict=True):
            label.setBuddy(field)  # Alt+letter from the translated "&" label
        form = QHBoxLayout()
        for label, field in zip(self.labels, (self.kind_combo, self.from_edit, self.to_edit,
                                              self.unit_combo, self.reason_edit), strict=True):
            form.addWidget(label)
            form.addWidget(field, 2 if field is self.reason_edit else 0)
        form.addWidget(self.declare_button)
        self.model = RowsModel([], self)
        self.table = read_only_table(self, self.model, key="calendar")
        self.delete_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        self.delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def _date_edit(self, day: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _connect_signals(self) -> None:
        self.declare_button.clicked.connect(self._on_declare_button_clicked)
        self.reason_edit.returnPressed.connect(self._on_declare_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.delete_shortcut.activated.connect(self._on_remove_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

    def retranslate_ui(self) -> None:
        for label, text in zip(self.labels, (self.tr("&Kind:"), self.tr("&From:"),
                                             self.tr("&To:"), self.tr("&Unit:"),
                                             self.tr("&Reason:")), strict=True):
            label.setText(text)
        for n, kind in enumerate(self.kinds):
            self.kind_combo.setItemText(n, self.kind_name(kind))
        self.reason_edit.setPlaceholderText(self.tr("e.g. heat wave, exam week"))
        self.declare_button.setText(self.tr("Declare"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Lift the selected block (Delete)"))
        if self.unit_combo.count() and self.unit_combo.itemData(0) is None:
            self.unit_combo.setItemText(0, self.tr("All units"))
        self.model.set_columns(self._columns())
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def kind_name(self, kind: str) -> str:
        return vocabulary.label(CalendarKind, kind)

    def _columns(self) -> list[ColumnSpec]:
        def b(row: object) -> BlockInfo:
            assert isinstance(row, BlockInfo)
            return row

        return [
            ColumnSpec(self.tr("Kind"), lambda r: self.kind_name(b(r).kind)),
            ColumnSpec(self.tr("From"), lambda r: b(r).starts_on.isoformat()),
            ColumnSpec(self.tr("To"), lambda r: b(r).ends_on.isoformat()),
            ColumnSpec(self.tr("Unit"), lambda r: self._unit_names.get(b(r).unit_id, "")
                       if b(r).unit_id else self.tr("All units")),
            ColumnSpec(self.tr("Reason"), lambda r: b(r).reason),
        ]

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        db, actor, since = self._db, self._actor, local_today()
        self._desk.run(lambda: (calendar_blocks.list_blocks(db, actor, since=since),
                                users.list_units(db)),
                       self, self._on_loaded, self.message_bar.show_error, key="loads")

    def _on_loaded(self, result: tuple) -> None:
        blocks, units = result
        self._unit_names = {u.id: u.name for u in units}
        if not self.unit_combo.count():
            self._fill_units(units)
        self.model.set_rows(blocks)
        self.sig_blocks_loaded.emit(len(blocks))

    def _fill_units(self, units: list) -> None:
        # A supervisor declares for their own unit (and the stations under it, by the
        # unit tree); the calendar administrators may also block for everyone.
        if self._actor.role == Role.SUPERVISOR:
            self.unit_combo.addItem(self._unit_names.get(self._actor.unit_id, ""),
                                    self._actor.unit_id)
            return
        self.unit_combo.addItem(self.tr("All units"), None)
        for unit in units:
            self.unit_combo.addItem(unit.name, unit.id)

    def blocks(self) -> list[BlockInfo]:
        return [self.model.row_at(r) for r in range(self.model.rowCount())]  # type: ignore[misc]

    def selected_block(self) -> BlockInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None  # type: ignore[return-value]

    def _update_buttons(self) -> None:
        block = self.selected_block()
        self.remove_button.setEnabled(block is not None and block.kind in self.kinds)
        self.declare_button.setEnabled(bool(self.kinds))

    # -- writing ----------------------------------------------------------------------------

    def _on_declare_button_clicked(self) -> None:
        if not self.kinds:
            return
        self.message_bar.clear()
        db, actor = self._db, self._actor
        values = {"kind": self.kind_combo.currentData(), "unit_id": self.unit_combo.currentData(),
                  "starts_on": self.from_edit.date().toPython(),
                  "ends_on": self.to_edit.date().toPython(), "reason": self.reason_edit.text()}
        self._desk.run(lambda: calendar_blocks.declare_block(db, actor, **values), self,
                       self._on_declared, self.message_bar.show_error, write=True)

    def _on_declared(self, block: BlockInfo) -> None:
        self.reason_edit.clear()
        self.message_bar.show_success(self.tr("Declared: {kind} from {start} to {end}.").format(
            kind=self.kind_name(block.kind), start=block.starts_on.isoformat(),
            end=block.ends_on.isoformat()))
        self.sig_block_declared.emit(block)
        self.refresh()

    def _on_remove_button_clicked(self) -> None:
        block = self.selected_block()
        if block is None or block.kind not in self.kinds:
            return
        db, actor = self._db, self._actor
        self._desk.run(lambda: calendar_blocks.remove_block(db, actor, block.block_id), self,
                       lambda _none: self._on_removed(block), self.message_bar.show_error,
                       write=True)

    def _on_removed(self, block: BlockInfo) -> None:
        self.message_bar.show_success(self.tr("Removed: {kind} from {start} to {end}.").format(
            kind=self.kind_name(block.kind), start=block.starts_on.isoformat(),
            end=block.ends_on.isoformat()))
        self.refresh()


class CalendarDialog(QDialog):
    """The calendar on its own, for supervisors (opened from the switch control panel)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab = CalendarTab(desk, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.addWidget(self.tab, 1)
        layout.addWidget(self.buttons)
        self.resize(1040, 420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Days without disconnections"))


class CalendarButton(QPushButton):
    """"Calendar..." for a toolbar: opens the CalendarDialog; keeps its own text."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self.dialog: CalendarDialog | None = None
        self.clicked.connect(self._on_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(self.tr("Calendar..."))
        self.setToolTip(self.tr("Holidays and blackout days: no disconnections on them"))

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _on_clicked(self) -> None:
        self.dialog = CalendarDialog(self._desk, self.window())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.dialog.open()
