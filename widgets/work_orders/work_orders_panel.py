"""Work orders panel (工单): filter, see what is overdue, assign, start, complete, cancel, rate.

Keys: Enter runs the next step of the selected order (start, or complete with
its steps), Delete cancels it, F5 reloads, Ctrl+O opens the customer.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.changes import Changes, changes_of
from console.services import work_orders
from console.services.work_orders import satisfaction
from console.services.work_orders.types import WorkOrderView
from console.timeutil import local_time
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.resources import icon
from widgets.rows_model import ColumnSpec, RowsModel
from widgets.table_columns import remember_columns
from widgets.work_orders.actions import OrderActions, order_subject
from widgets.work_orders.satisfaction_dialog import SatisfactionSummaryDialog
from widgets.work_orders.texts import (
    KINDS,
    STATES,
    due_text,
    kind_name,
    source_name,
    stars,
    state_name,
    work_order_error,
)

OPEN = ("open", "assigned", "in_progress")
RELOAD_MS = 60_000  # overdue marks and other workstations' changes, while the panel is shown
OVERDUE_INK, OVERDUE_FILL = QColor("#b42318"), QColor("#fdecea")


class WorkOrdersModel(RowsModel):
    """Rows of WorkOrderView; overdue ones in red on pink with a clock icon."""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if index.isValid() and self.row_at(index.row()).overdue:
            if role == Qt.ItemDataRole.ForegroundRole:
                return OVERDUE_INK
            if role == Qt.ItemDataRole.BackgroundRole:
                return OVERDUE_FILL
            if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
                return icon("overdue", OVERDUE_INK.name())
        return super().data(index, role)


class WorkOrdersPanel(QWidget):
    """The list of work orders with filters and the actions on the selected one."""

    sig_orders_loaded = Signal(int)
    """The list was (re)loaded; carries how many rows the filters show."""

    sig_order_changed = Signal(object)
    """An order was written here (WorkOrderView or a step's result)."""

    sig_customer_open_requested = Signal(int)
    """Open this customer id in the lookup panel."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self.actions = OrderActions(desk)
        self._all = []
        self.dialog = None  # the open action dialog, for tests and to keep it alive
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self.reload()
        self._timer = QTimer(self, interval=RELOAD_MS)
        self._timer.timeout.connect(lambda: self.isVisible() and self.reload())
        self._timer.start()
        desk.sig_changed.connect(self._on_changed)

    def _build_ui(self) -> None:
        self.message_bar = MessageBar(self, reserve_space=True)
        self.state_combo, self.kind_combo, self.unit_combo = QComboBox(), QComboBox(), QComboBox()
        for data in ("open", *STATES, "all"):
            self.state_combo.addItem("", data)
        self.kind_combo.addItem("", None)
        for kind in KINDS:
            self.kind_combo.addItem("", kind)
        self.unit_combo.addItem("", None)
        self.overdue_check, self.refresh_button = QCheckBox(), QPushButton(icon("refresh"), "")
        self.summary_button = QPushButton()
        self.filter_labels = [QLabel() for _ in range(3)]
        self.model = WorkOrdersModel(self._columns(), self)
        self.table = QTableView(objectName="WorkOrdersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        remember_columns(self.table, "work_orders")
        self.detail_label = QLabel(objectName="WorkOrderDetail", wordWrap=True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = {name: QPushButton(objectName=f"WorkOrder_{name}") for name in
                        ("assign", "start", "finish", "cancel", "rate", "customer")}
        self.buttons["finish"].setObjectName("PrimaryButton")
        self._lay_out()

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        for label, combo in zip(self.filter_labels, (self.state_combo, self.kind_combo,
                                                     self.unit_combo), strict=True):
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addWidget(self.overdue_check)
        filters.addStretch(1)
        filters.addWidget(self.summary_button)
        filters.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        for button in self.buttons.values():
            actions.addWidget(button)
        actions.addStretch(1)
        # No title of its own: the window's heading above says "Work orders" already.
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_label)
        layout.addLayout(actions)

    def _connect_signals(self) -> None:
        for combo in (self.state_combo, self.kind_combo, self.unit_combo):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.overdue_check.toggled.connect(self._on_filter_changed)
        self.refresh_button.clicked.connect(self.reload)
        self.summary_button.clicked.connect(self._on_summary_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(lambda _i: self._on_customer_clicked())
        handlers = {"assign": self._on_assign_clicked, "start": self._on_start_clicked,
                    "finish": self._on_finish_clicked, "cancel": self._on_cancel_clicked,
                    "rate": self._on_rate_clicked, "customer": self._on_customer_clicked}
        for name, handler in handlers.items():
            self.buttons[name].clicked.connect(handler)
        for keys, handler in ((Qt.Key.Key_Return, self._on_enter_pressed),
                              (Qt.Key.Key_Enter, self._on_enter_pressed),
                              (Qt.Key.Key_Delete, self._on_cancel_clicked),
                              (Qt.Key.Key_F5, self.reload),
                              (QKeySequence("Ctrl+O"), self._on_customer_clicked)):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(handler)

    def retranslate_ui(self) -> None:
        states = {"open": self.tr("All open"), "all": self.tr("All states")}
        for index in range(self.state_combo.count()):
            code = self.state_combo.itemData(index)
            self.state_combo.setItemText(index, states.get(code) or state_name(code))
        self.kind_combo.setItemText(0, self.tr("All kinds"))
        for index, kind in enumerate(KINDS, start=1):
            self.kind_combo.setItemText(index, kind_name(kind))
        self.unit_combo.setItemText(0, self.tr("All units"))
        for label, text in zip(self.filter_labels, (self.tr("&State"), self.tr("&Kind"),
                                                    self.tr("&Unit")), strict=True):
            label.setText(text)
        self.overdue_check.setText(self.tr("&Overdue only"))
        self.summary_button.setText(self.tr("Satisfaction by unit..."))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Reload the list (F5)"))
        texts = {"assign": self.tr("Assign..."), "start": self.tr("Start"),
                 "finish": self.tr("Complete..."), "cancel": self.tr("Cancel order..."),
                 "rate": self.tr("Satisfaction..."), "customer": self.tr("Open customer")}
        tips = {"start": self.tr("Take the order and start it (Enter)"),
                "finish": self.tr("Complete it; a replacement or closure runs its steps (Enter)"),
                "cancel": self.tr("Cancel with a reason (Delete)"),
                "customer": self.tr("Open the customer (Ctrl+O, double-click)")}
        for name, button in self.buttons.items():
            button.setText(texts[name])
            button.setToolTip(tips.get(name, ""))
        self.model.set_columns(self._columns())
        self._on_selection_changed()

    def _columns(self) -> list[ColumnSpec]:
        return [
            ColumnSpec(self.tr("Order no."), lambda o: o.order_no),
            ColumnSpec(self.tr("Kind"), lambda o: kind_name(o.kind)),
            ColumnSpec(self.tr("State"), lambda o: state_name(o.state)),
            ColumnSpec(self.tr("Due"), due_text),
            ColumnSpec(self.tr("Customer"), lambda o: f"{o.customer_no} {o.customer_name}".strip()),
            ColumnSpec(self.tr("Unit"), lambda o: o.unit_name),
            ColumnSpec(self.tr("Assignee"), lambda o: o.assignee_name),
            ColumnSpec(self.tr("From"), lambda o: source_name(o.source)),
            ColumnSpec(self.tr("Satisfaction"), lambda o: stars(o.satisfaction)),
        ]

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Fetch the orders off the UI thread; a newer reload overtakes an older one."""
        db, actor = self._db, self._actor
        self._desk.run(lambda: work_orders.list_work_orders(db, actor), self, self._on_loaded,
                       lambda exc: self.message_bar.show_error(work_order_error(exc)), key="list")

    def _on_loaded(self, rows: list[WorkOrderView]) -> None:
        self._all = rows
        units = sorted({(o.unit_id, o.unit_name) for o in rows}, key=lambda u: u[1])
        chosen = self.unit_combo.currentData()
        self.unit_combo.blockSignals(True)
        while self.unit_combo.count() > 1:
            self.unit_combo.removeItem(1)
        for unit_id, name in units:
            self.unit_combo.addItem(name, unit_id)
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(chosen)))
        self.unit_combo.blockSignals(False)
        self._on_filter_changed()

    def _on_filter_changed(self, *_args: object) -> None:
        selected = self.selected
        state, kind = self.state_combo.currentData(), self.kind_combo.currentData()
        unit, overdue = self.unit_combo.currentData(), self.overdue_check.isChecked()
        states = OPEN if state == "open" else STATES if state == "all" else (state,)
        rows = [o for o in self._all if o.state in states and (kind is None or o.kind == kind)
                and (unit is None or o.unit_id == unit) and (not overdue or o.overdue)]
        self.model.set_rows(rows)
        self.select_order(selected.id if selected else None)
        self.sig_orders_loaded.emit(len(rows))

    def select_order(self, order_id: int | None) -> None:
        """Select the row of `order_id` (else the first row)."""
        rows = [self.model.row_at(r).id for r in range(self.model.rowCount())]
        row = rows.index(order_id) if order_id in rows else 0 if rows else -1
        if row >= 0:
            self.table.selectRow(row)
        self._on_selection_changed()

    @property
    def selected(self) -> WorkOrderView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_selection_changed(self, *_args: object) -> None:
        order = self.selected
        live = order is not None and order.state in OPEN
        self.buttons["assign"].setEnabled(live)
        self.buttons["start"].setEnabled(live and order.state != "in_progress")
        role = self._desk.actor.role
        self.buttons["finish"].setEnabled(live and order.state == "in_progress"
                                          and work_orders.may(role, "complete", order.kind))
        self.buttons["cancel"].setEnabled(live and work_orders.may(role, "cancel", order.kind))
        self.buttons["rate"].setEnabled(order is not None and order.state == "done"
                                        and order.satisfaction is None
                                        and order.customer_id is not None)
        self.buttons["customer"].setEnabled(order is not None and order.customer_id is not None)
        self.detail_label.setText(self._detail(order) if order else "")

    def _detail(self, o: WorkOrderView) -> str:
        parts = [self.tr("Opened {time} by {who}").format(time=local_time(o.created_at),
                                                          who=o.created_by_name or "—")]
        if o.meter_asset_no:
            parts.append(self.tr("Meter {asset}").format(asset=o.meter_asset_no))
        if o.description:
            parts.append(o.description)
        if o.resolution:
            parts.append(self.tr("Resolution: {text}").format(text=o.resolution))
        if o.satisfaction_comment:
            parts.append(f"{stars(o.satisfaction)} {o.satisfaction_comment}")
        return "  ·  ".join(parts)

    # ------------------------------------------------------------------ actions

    def _open(self, dialog) -> None:  # a WorkOrderForm
        self.dialog = dialog
        dialog.sig_saved.connect(self._on_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _on_changed(self, changes: Changes) -> None:
        # An order opened or moved at this desk (the customer view, a dialog here).
        if changes.work_orders:
            self.reload()

    def _on_saved(self, value: object) -> None:
        order = getattr(value, "order", value)
        if isinstance(order, WorkOrderView):
            self.message_bar.show_success(self.tr("Order {order}: {state}").format(
                order=order.order_no, state=state_name(order.state)))
        self.sig_order_changed.emit(value)
        if changes_of(value) is None:  # else _on_changed reads the list again
            self.reload()

    def _on_assign_clicked(self) -> None:
        if self.selected is not None and self.buttons["assign"].isEnabled():
            self._open(self.actions.assign(self.selected, self))

    def _on_start_clicked(self) -> None:
        order = self.selected
        if order is None or not self.buttons["start"].isEnabled():
            return
        start = self.actions.start
        self._desk.run(lambda: start(order), self, self._on_saved,
                       lambda e: self.message_bar.show_error(work_order_error(e)),
                       write=True)

    def _on_finish_clicked(self) -> None:
        if self.selected is not None and self.buttons["finish"].isEnabled():
            self._open(self.actions.finish(self.selected, self))

    def _on_cancel_clicked(self) -> None:
        if self.selected is not None and self.buttons["cancel"].isEnabled():
            self._open(self.actions.cancel(self.selected, self))

    def _on_rate_clicked(self) -> None:
        order = self.selected
        if order is not None and self.buttons["rate"].isEnabled():
            self._open(self.actions.rate(order, order.customer_id, order_subject(order), self))

    def _on_summary_button_clicked(self) -> None:
        db, actor = self._db, self._actor
        self.dialog = SatisfactionSummaryDialog(
            self._desk, lambda: satisfaction.satisfaction_summary(db, actor), self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()

    def _on_enter_pressed(self) -> None:
        if self.buttons["finish"].isEnabled():
            self._on_finish_clicked()
        else:
            self._on_start_clicked()

    def _on_customer_clicked(self) -> None:
        order = self.selected
        if order is not None and order.customer_id is not None:
            self.sig_customer_open_requested.emit(order.customer_id)
