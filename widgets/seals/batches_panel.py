"""Seal batches with counts by state and unit; new batch, issue, return, labels.

Each action is offered only to whom the service lets do it: new batches and labels need
CREATE_SEAL_BATCHES, issue and return ISSUE_SEALS (supervisors too), the side exits of a
whole range (scrap, lost, damaged) MANAGE_SEALS."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.services.permissions import Permission, allowed
from console.services.seals.types import BatchView, Choice
from console.timeutil import local_time
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.resources import icon
from widgets.rows_model import ColumnSpec, RowsModel
from widgets.seals import calls
from widgets.seals.batch_dialog import CreateBatchDialog
from widgets.seals.issue_dialog import (
    DAMAGED,
    ISSUE_INSTALLER,
    ISSUE_UNIT,
    LOST,
    RETURN,
    SCRAP,
    MoveSealsDialog,
)
from widgets.seals.labels_dialog import LabelsDialog
from widgets.seals.table import make_table, source_row
from widgets.seals.texts import colour_name, type_name

translate = QCoreApplication.translate


def _count(state: str) -> Callable[[object], str]:
    return lambda r: f"{r.count(state):,}"


STATE_COLUMNS = ("in_stock", "issued_unit", "issued_person", "installed", "removed")
GONE = ("scrapped", "lost", "damaged")


def _state_columns() -> list[ColumnSpec]:
    headers = {"in_stock": translate("Seals", "In stock"),
               "issued_unit": translate("Seals", "At units"),
               "issued_person": translate("Seals", "With installers"),
               "installed": translate("Seals", "Installed"),
               "removed": translate("Seals", "Removed")}
    return [*(ColumnSpec(headers[state], _count(state), numeric=True) for state in STATE_COLUMNS),
            ColumnSpec(translate("Seals", "Scrapped, lost, damaged"),
                       lambda r: f"{sum(r.count(s) for s in GONE):,}", numeric=True)]


def batch_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec(translate("Seals", "Batch"), lambda r: r.batch_no),
        ColumnSpec(translate("Seals", "Unit"), lambda r: r.unit_name),
        ColumnSpec(translate("Seals", "Type"), lambda r: type_name(r.seal_type)),
        ColumnSpec(translate("Seals", "Colour"), lambda r: colour_name(r.colour)),
        ColumnSpec(translate("Seals", "Year"), lambda r: str(r.year)),
        ColumnSpec(translate("Seals", "Quantity"), lambda r: f"{r.quantity:,}", numeric=True),
        *_state_columns(),
        ColumnSpec(translate("Seals", "First number"), lambda r: r.first_no),
        ColumnSpec(translate("Seals", "Last number"), lambda r: r.last_no),
        ColumnSpec(translate("Seals", "Manufacturer"), lambda r: r.manufacturer),
        ColumnSpec(translate("Seals", "Created"), lambda r: local_time(r.created_at)),
    ]


@dataclass(frozen=True)
class UnitCounts:
    """One unit's share of a batch, by state (the pivot of BatchView.by_unit)."""

    unit_name: str
    counts: dict[str, int]

    def count(self, state: str) -> int:
        return self.counts.get(state, 0)


def by_unit(batch: BatchView) -> list[UnitCounts]:
    units: dict[str, dict[str, int]] = {}
    for share in batch.by_unit:
        units.setdefault(share.unit_name, {})[share.state] = share.count
    return [UnitCounts(name, counts) for name, counts in units.items()]


def unit_columns() -> list[ColumnSpec]:
    return [ColumnSpec(translate("Seals", "Unit"), lambda r: r.unit_name), *_state_columns()]


class BatchesPanel(QWidget):
    """The batch list; each action opens its dialog and reloads the list when it is done."""

    sig_batches_loaded = Signal(int)
    """The list was (re)loaded; carries the number of batches."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self._select_next: int | None = None  # the batch just made: selected once it is listed
        self.units: list[Choice] = []
        self.installers: list[Choice] = []
        role = desk.actor.role
        self.can_create = allowed(role, Permission.CREATE_SEAL_BATCHES)
        self.can_issue = allowed(role, Permission.ISSUE_SEALS)
        self.can_manage = allowed(role, Permission.MANAGE_SEALS)
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self.refresh()

    def _build_ui(self) -> None:
        self.new_button = QPushButton(icon("add", "#ffffff"), "", self)
        self.new_button.setObjectName("PrimaryButton")
        self.issue_unit_button = QPushButton(self)
        self.issue_installer_button = QPushButton(icon("user"), "", self)
        self.return_button = QPushButton(self)
        self.labels_button = QPushButton(icon("print"), "", self)
        self.more_button = QPushButton(self)
        self.more_menu = QMenu(self.more_button)
        self.exit_actions = {mode: self.more_menu.addAction("") for mode in (SCRAP, LOST, DAMAGED)}
        self.more_button.setMenu(self.more_menu)
        self.refresh_button = QPushButton(icon("refresh"), "", self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(200)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("TotalsLabel")
        bar = QHBoxLayout()
        for button, offered in ((self.new_button, self.can_create),
                                (self.issue_unit_button, self.can_issue),
                                (self.issue_installer_button, self.can_issue),
                                (self.return_button, self.can_issue),
                                (self.labels_button, self.can_create),
                                (self.more_button, self.can_manage)):
            bar.addWidget(button)
            if not offered:
                button.hide()
        bar.addStretch(1)
        # The totals and the filter get a row of their own: beside six buttons the totals
        # were cut off mid-sentence in a 1400-pixel window ("81 batches, 13,130 seals, in").
        totals = QHBoxLayout()
        totals.addWidget(self.totals_label)
        totals.addStretch(1)
        totals.addWidget(self.filter_edit)
        totals.addWidget(self.refresh_button)
        self.message_bar = MessageBar(self, reserve_space=True)
        self.model = RowsModel(batch_columns(), self)
        self.table = make_table(self.model, self, key="batches")
        self.units_title = QLabel(self)
        self.units_title.setObjectName("SectionLabel")
        self.units_model = RowsModel(unit_columns(), self)
        self.units_table = make_table(self.units_model, self, key="batch_units", sortable=False,
                                      stretch_last=False)
        self.units_table.setMaximumHeight(150)
        self.refresh_shortcut = QShortcut(QKeySequence("F5"), self)
        self.refresh_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 10)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addLayout(totals)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.units_title)
        layout.addWidget(self.units_table)

    def _connect_signals(self) -> None:
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.issue_unit_button.clicked.connect(lambda: self._open_move(ISSUE_UNIT))
        self.issue_installer_button.clicked.connect(lambda: self._open_move(ISSUE_INSTALLER))
        self.return_button.clicked.connect(lambda: self._open_move(RETURN))
        self.labels_button.clicked.connect(self._on_labels_button_clicked)
        for mode, action in self.exit_actions.items():
            action.triggered.connect(lambda _=False, mode=mode: self._open_move(mode))
        self.refresh_button.clicked.connect(self.refresh)
        self.refresh_shortcut.activated.connect(self.refresh)
        proxy = self.table.model()
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        proxy.setFilterKeyColumn(-1)
        self.filter_edit.textChanged.connect(proxy.setFilterFixedString)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        if self.can_create:
            self.table.doubleClicked.connect(lambda _index: self._on_labels_button_clicked())

    def retranslate_ui(self) -> None:
        self.new_button.setText(self.tr("New batch..."))
        self.issue_unit_button.setText(self.tr("Issue to unit..."))
        self.issue_installer_button.setText(self.tr("Issue to installer..."))
        self.return_button.setText(self.tr("Return to stock..."))
        self.labels_button.setText(self.tr("Labels..."))
        self.more_button.setText(self.tr("More"))
        self.exit_actions[SCRAP].setText(self.tr("Scrap..."))
        self.exit_actions[LOST].setText(self.tr("Record as lost..."))
        self.exit_actions[DAMAGED].setText(self.tr("Record as damaged..."))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Reload the list (F5)"))
        self.filter_edit.setPlaceholderText(self.tr("Filter by batch, unit, type…"))
        self.model.set_columns(batch_columns())
        self.units_model.set_columns(unit_columns())
        self._show_totals()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        db, actor = self._db, self._actor
        self._desk.run(lambda: (calls.list_batches(db, actor), calls.list_units(db, actor),
                                calls.list_installers(db, actor)),
                       self, self._on_loaded, self.message_bar.show_error, key="loads")

    def _on_loaded(self, result: tuple[list[BatchView], list[Choice], list[Choice]]) -> None:
        batches, self.units, self.installers = result
        chosen = self.selected_batch()
        wanted, self._select_next = self._select_next, None
        self.model.set_rows(batches)
        self._select(wanted or (chosen.id if chosen else None))
        self._show_totals()
        self.sig_batches_loaded.emit(len(batches))

    def _show_totals(self) -> None:
        rows = [self.model.row_at(r) for r in range(self.model.rowCount())]
        self.totals_label.setText(self.tr("{batches} batches, {seals} seals, {stock} in stock")
                                  .format(batches=len(rows),
                                          seals=f"{sum(r.quantity for r in rows):,}",
                                          stock=f"{sum(r.count('in_stock') for r in rows):,}"))

    def _select(self, batch_id: int | None) -> None:
        """Keep the batch selected across a reload (or take the newest): the by-unit counts
        and the action buttons follow the selection."""
        rows = [self.model.row_at(r).id for r in range(self.model.rowCount())]
        if rows:
            source = self.model.index(rows.index(batch_id) if batch_id in rows else 0, 0)
            self.table.selectRow(self.table.model().mapFromSource(source).row())

    def selected_batch(self) -> BatchView | None:
        row = source_row(self.table)
        return self.model.row_at(row) if row >= 0 else None

    def _update_buttons(self) -> None:
        batch = self.selected_batch()
        chosen = batch is not None
        self.units_model.set_rows(by_unit(batch) if batch else [])
        self.units_title.setText(
            self.tr("Batch {batch} by unit").format(batch=batch.batch_no) if batch
            else self.tr("Select a batch to see where its seals are, unit by unit."))
        for button in (self.issue_unit_button, self.issue_installer_button, self.return_button,
                       self.labels_button, self.more_button):
            button.setEnabled(chosen)

    # -- actions ----------------------------------------------------------------------------

    def _on_new_button_clicked(self) -> None:
        dialog = CreateBatchDialog(self._desk, self.units, self)
        dialog.sig_batch_created.connect(self._on_batch_created)
        self._open(dialog)

    def _on_batch_created(self, batch: BatchView) -> None:
        self.message_bar.show_success(self.tr("Batch {batch} created: {n} seals, {first} to "
                                              "{last}.").format(
            batch=batch.batch_no, n=f"{batch.quantity:,}", first=batch.first_no,
            last=batch.last_no))
        # Labels, issue and return act on the selection: it must be the batch just made, not
        # the one selected before (54 labels of an old batch were opened that way).
        self._select_next = batch.id
        self.refresh()

    def _open_move(self, mode: str) -> None:
        batch = self.selected_batch()
        if batch is None:
            return
        targets = self.installers if mode == ISSUE_INSTALLER else self.units
        dialog = MoveSealsDialog(self._desk, mode=mode, targets=targets,
                                 first=batch.first_no, last=batch.last_no, parent=self)
        dialog.sig_seals_moved.connect(self._on_seals_moved)
        self._open(dialog)

    def _on_seals_moved(self, count: int) -> None:
        self.message_bar.show_success(self.tr("Seals moved: {n}.").format(n=f"{count:,}"))
        self.refresh()

    def _on_labels_button_clicked(self) -> None:
        batch = self.selected_batch()
        if batch is not None:
            self._open(LabelsDialog(self._desk, first=batch.first_no,
                                    last=batch.last_no, parent=self))

    def _open(self, dialog: QWidget) -> None:
        self.last_dialog = dialog  # tests and screenshots reach the dialog through this
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
