"""Field inspection dialogs: export a route, import results, settle conflicts.

Files are read and written in the worker with the service call, so a slow
network share never freezes the window. Package problems (foreign key, cut
short, edited, photos that are not photos) show inline, and nothing is applied.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.fieldwork.package import read_package_file
from console.files import write_user_file
from console.services import work_orders
from console.services.inspection import devices as field_devices, packages as inspection
from console.services.inspection.devices import RouteDevice
from console.services.inspection.types import ConflictRow, FindingRow, ImportOutcome
from console.services.work_orders.types import OPEN_STATES
from console.timeutil import local_time, local_today
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.inspection.texts import (
    conflict_name,
    finding_name,
    item_type_name,
    no_device_text,
    observation_text,
    package_error_text,
)
from widgets.rows_model import ColumnSpec, RowsModel
from widgets.save_files import ask_save_path, file_name, start_folder, today_text
from widgets.table_columns import remember_columns

ROUTE_KINDS = ("inspection", "seal_check")
FILTER = "GridDesk field package (*.gdpkg)"


def selectable_table(parent: QWidget, model: RowsModel, *, key: str) -> QTableView:
    """A read-only table over `model`, whole rows selected, several at once; `key` names it
    where its column widths are remembered."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    remember_columns(view, key)
    return view


class _Dialog(QDialog):
    """Shared frame: message bar, table, a row of buttons; closes itself on delete."""

    def __init__(self, desk: Desk, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self.message_bar = MessageBar(self)
        self.model = RowsModel([], self)
        self.view = selectable_table(self, self.model, key=type(self).__name__)
        self.buttons = QHBoxLayout()
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        self.resize(900, 520)

    def _lay_out(self, *rows: QWidget | QHBoxLayout) -> None:
        box = QVBoxLayout(self)
        box.addWidget(self.message_bar)
        for row in rows:
            box.addLayout(row) if isinstance(row, QHBoxLayout) else box.addWidget(row)
        box.addWidget(self.view, 1)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.close_button)
        box.addLayout(self.buttons)


    def _on_failed(self, exc: BaseException) -> None:
        self.message_bar.show_error(package_error_text(exc))


class ExportRouteDialog(_Dialog):
    """Pick open inspection orders (all selected at first) and write one route file."""

    sig_loaded = Signal(int)
    """The open inspection orders were listed; carries how many."""

    sig_exported = Signal(object)
    """A route file was written (inspection_types.ExportedRoute)."""

    sig_inspectors_loaded = Signal(int)
    """The inspectors who can carry the route are offered, enrolled devices first; carries
    how many."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        # The units' inspectors to pick from, not a name typed freely (and mistyped).
        self.inspector_label, self.inspector_combo = QLabel(self), QComboBox(self)
        self.device_label = QLabel(self, objectName="DeviceLabel")
        self.device_label.setWordWrap(True)
        self._devices: dict[int, RouteDevice] = {}
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("PrimaryButton")
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.inspector_combo.currentIndexChanged.connect(self._show_device)
        self.buttons.addWidget(self.export_button)
        row = QHBoxLayout()
        row.addWidget(self.inspector_label)
        row.addWidget(self.inspector_combo, 1)
        row.addWidget(self.device_label, 2)
        self._lay_out(row)
        self.retranslate_ui()
        db_, actor_ = desk.db, desk.actor
        self._desk.run(lambda: [o for o in work_orders.list_work_orders(
                           db_, actor_, states=OPEN_STATES)
                           if o.kind in ROUTE_KINDS and o.customer_id],
                       self, self._on_orders_loaded, self._on_failed)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Export inspection route"))
        self.inspector_label.setText(self.tr("Inspector:"))
        self.export_button.setText(self.tr("Export…"))
        self.close_button.setText(self.tr("Close"))
        self.model.set_columns([
            ColumnSpec(self.tr("Order"), lambda o: o.order_no),
            ColumnSpec(self.tr("Due"), lambda o: local_time(o.due_at)),
            ColumnSpec(self.tr("Customer"), lambda o: o.customer_no),
            ColumnSpec(self.tr("Name"), lambda o: o.customer_name),
            ColumnSpec(self.tr("Meter"), lambda o: o.meter_asset_no),
            ColumnSpec(self.tr("Description"), lambda o: o.description),
        ])
        self._show_device()

    def _on_orders_loaded(self, orders: list) -> None:
        self.model.set_rows(orders)
        self.view.selectAll()
        if not orders:
            self.message_bar.show_message(self.tr("No open inspection orders to send out."))
        else:
            db, actor, ids = self._db, self._actor, [o.id for o in orders]
            self._desk.run(lambda: field_devices.route_devices(db, actor, ids), self,
                           self._on_inspectors_loaded, self._on_failed)
        self.sig_loaded.emit(len(orders))

    def _on_inspectors_loaded(self, devices: list[RouteDevice]) -> None:
        self._devices = {d.inspector_id: d for d in devices}
        self.inspector_combo.clear()
        for device in devices:  # those with an enrolled device first: the first is chosen
            self.inspector_combo.addItem(device.full_name, device.inspector_id)
        if not devices:
            self.inspector_combo.addItem(self.tr("(no inspector in these units)"), None)
        self._show_device()
        self.sig_inspectors_loaded.emit(len(devices))

    def _show_device(self) -> None:
        """Which device the route will open on, or why it cannot go to the chosen inspector."""
        device = self._devices.get(self.inspector_id or 0)
        if device is None or not device.key_id:
            self.device_label.setText(no_device_text(device.full_name) if device else "")
        else:
            self.device_label.setText(self.tr("Sealed for the device {key} enrolled on {day}: "
                                              "only that tablet opens the route.").format(
                key=device.key_id, day=local_today(device.enrolled_at).isoformat()))
        self.export_button.setEnabled(device is not None and bool(device.key_id))

    @property
    def inspector_id(self) -> int | None:
        """The chosen inspector's user id: the route is sealed for their enrolled device."""
        return self.inspector_combo.currentData()

    @property
    def inspector(self) -> str:
        device = self._devices.get(self.inspector_id or 0)
        return device.full_name if device else ""

    def _on_export_button_clicked(self) -> None:
        name = file_name("route", self.inspector, today_text(),
                         suffix="gdpkg")
        path = ask_save_path(self, kind="inspection_route", title=self.tr("Save route"),
                             name=name, filters=FILTER)
        if path is not None:
            self.export_to(str(path))

    def export_to(self, path: str) -> None:
        """Write the selected orders as a route to `path` (the file dialog's answer)."""
        ids = [self.model.row_at(i.row()).id for i in self.view.selectionModel().selectedRows()]
        if not ids:
            self.message_bar.show_error(self.tr("Select the orders to put on the route."))
            return
        if self.inspector_id is None:
            self.message_bar.show_error(self.tr("Choose the inspector who carries the route."))
            return
        db, actor, inspector = self._db, self._actor, self.inspector_id

        def export():  # runs in the worker
            route = inspection.export_route(db, actor, ids, inspector_id=inspector)
            write_user_file(path, route.data)
            return route

        self._desk.run(export, self, self._on_exported, self._on_failed, write=True)

    def _on_exported(self, route) -> None:
        self.message_bar.show_success(self.tr("Route with %n order(s) saved.", "", route.orders))
        self.sig_exported.emit(route)


class ImportResultsDialog(_Dialog):
    """Check and apply an inspector's results file; list findings and conflicts."""

    sig_imported = Signal(object)
    """A results file was imported, or found imported before (inspection_types.ImportOutcome)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.choose_button = QPushButton(self)
        self.choose_button.setObjectName("PrimaryButton")
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.summary = QLabel(self, objectName="TotalsLabel")
        self.summary.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.summary, 1)
        self._lay_out(row)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import inspection results"))
        self.choose_button.setText(self.tr("Choose results file…"))
        self.close_button.setText(self.tr("Close"))
        self.model.set_columns(item_columns())

    def _on_choose_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open results"),
                                              str(start_folder("inspection_route")), FILTER)
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> None:
        """Read `path` and import it in the worker."""
        self.message_bar.clear()
        db, actor = self._db, self._actor
        self._desk.run(lambda: inspection.import_results(db, actor, read_package_file(path)),
                       self, self._on_imported, self._on_failed, write=True)

    def _on_imported(self, outcome: ImportOutcome) -> None:
        if outcome.already_imported:
            self.summary.setText(self.tr("These results were imported before; nothing changed."))
        else:
            self.summary.setText(self.tr(
                "{items} results: {applied} applied, {conflicts} held as conflicts for a "
                "supervisor.").format(items=outcome.items, applied=outcome.applied,
                                      conflicts=outcome.conflicts))
        self.model.set_rows([*outcome.conflict_list, *outcome.findings])
        self.sig_imported.emit(outcome)


def item_columns() -> list[ColumnSpec]:
    translate = QCoreApplication.translate
    return [
        ColumnSpec(translate("InspectionItems", "Result"), lambda r: item_type_name(r.item_type)),
        ColumnSpec(translate("InspectionItems", "Outcome"), _outcome_text),
        ColumnSpec(translate("InspectionItems", "Customer"), lambda r: r.customer_no),
        ColumnSpec(translate("InspectionItems", "Name"), lambda r: r.customer_name),
        ColumnSpec(translate("InspectionItems", "Meter"), lambda r: r.meter_asset_no),
        ColumnSpec(translate("InspectionItems", "Order"), lambda r: r.order_no),
        ColumnSpec(translate("InspectionItems", "Time"), lambda r: local_time(r.observed_at)),
        ColumnSpec(translate("InspectionItems", "Place"), lambda r: "" if r.latitude is None
                   else f"{r.latitude:.5f}, {r.longitude:.5f}"),
    ]


def _outcome_text(row: FindingRow) -> str:
    if isinstance(row, ConflictRow):
        return "⚠ " + conflict_name(row.conflict)
    if row.item_type == "finding":
        return finding_name(row.finding)
    return observation_text(row.item_type, json.loads(row.detail or "{}"))


class ConflictsDialog(_Dialog):
    """Results held back because the office changed something; mark them dealt with."""

    sig_loaded = Signal(int)
    """The open conflicts were listed; carries how many."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.resolve_button = QPushButton(self)
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.buttons.addWidget(self.resolve_button)
        self._lay_out()
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Inspection conflicts"))
        self.resolve_button.setText(self.tr("Mark dealt with"))
        self.close_button.setText(self.tr("Close"))
        self.model.set_columns(item_columns())

    def reload(self) -> None:
        db, actor = self._db, self._actor
        self._desk.run(lambda: inspection.list_conflicts(db, actor), self, self._on_loaded,
                       self._on_failed)

    def _on_loaded(self, rows: list[ConflictRow]) -> None:
        self.model.set_rows(rows)
        self.sig_loaded.emit(len(rows))

    def resolve_selected(self) -> None:
        ids = [self.model.row_at(i.row()).item_id for i in self.view.selectionModel().selectedRows()]
        db, actor = self._db, self._actor

        def resolve() -> None:
            for item_id in ids:
                inspection.resolve_conflict(db, actor, item_id)

        if ids:
            self._desk.run(resolve, self, lambda _none: self.reload(), self._on_failed, write=True)


class FindingsDialog(_Dialog):
    """What inspectors found on site (tampering, bypass, broken seals, faults), newest first."""

    sig_loaded = Signal(int)
    """The findings were listed; carries how many."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._lay_out()
        self.retranslate_ui()
        db_, actor_ = desk.db, desk.actor
        self._desk.run(lambda: inspection.list_findings(db_, actor_), self, self._on_loaded,
                       self._on_failed)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Inspection findings"))
        self.close_button.setText(self.tr("Close"))
        self.model.set_columns(item_columns())

    def _on_loaded(self, rows: list[FindingRow]) -> None:
        self.model.set_rows(rows)
        if not rows:
            self.message_bar.show_message(self.tr("No findings imported yet."))
        self.sig_loaded.emit(len(rows))
