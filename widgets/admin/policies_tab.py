"""Administration › Policies: the cost-control rule table, and "Edit..." for one row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from console.services.cost_control import policy_admin
from console.services.cost_control.policy_admin import PolicyView
from widgets.admin.calendar_tab import read_only_table
from widgets.admin.policy_dialog import PolicyDialog, money_text
from widgets.desk import Desk
from widgets.domain_labels import category_name
from widgets.errors import MessageBar
from widgets.resources import icon
from widgets.rows_model import ColumnSpec, RowsModel


class PoliciesTab(QWidget):
    """Every policy with its thresholds and guards; Enter or "Edit..." opens the form."""

    sig_policies_loaded = Signal(int)
    """The table was (re)loaded; carries the number of policies."""

    sig_policy_saved = Signal(object)
    """A policy was saved; carries its PolicyView."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self.refresh()

    def _build_ui(self) -> None:
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("PrimaryButton")
        self.refresh_button = QPushButton(self)
        self.refresh_button.setIcon(icon("refresh", "#38506b"))
        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(self.edit_button)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        self.message_bar = MessageBar(self, reserve_space=True)
        self.model = RowsModel([], self)
        self.table = read_only_table(self, self.model, key="policies")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.table, 1)

    def _connect_signals(self) -> None:
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.refresh_button.clicked.connect(self.refresh)
        # Enter or a double click on a row (a shortcut would also catch the dialog's Enter).
        self.table.activated.connect(self._on_edit_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

    def retranslate_ui(self) -> None:
        self.edit_button.setText(self.tr("Edit..."))
        self.edit_button.setToolTip(self.tr("Change the selected policy (Enter)"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.model.set_columns(self._columns())
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _columns(self) -> list[ColumnSpec]:
        def p(row: object) -> PolicyView:
            assert isinstance(row, PolicyView)
            return row

        yes, no = self.tr("yes"), self.tr("no")
        return [
            ColumnSpec(self.tr("Policy"), lambda r: p(r).name),
            ColumnSpec(self.tr("Unit"), lambda r: p(r).unit_name or self.tr("all units")),
            ColumnSpec(self.tr("Category"), lambda r: category_name(p(r).category)
                       if p(r).category else self.tr("all")),
            ColumnSpec(self.tr("Alert below"), lambda r: money_text(p(r).alert_balance),
                       numeric=True),
            ColumnSpec(self.tr("Cut below"), lambda r: money_text(p(r).disconnect_balance),
                       numeric=True),
            ColumnSpec(self.tr("Notice (days)"), lambda r: str(p(r).notice_days), numeric=True),
            ColumnSpec(self.tr("Quiet hours"), lambda r: f"{p(r).quiet_start:%H:%M}–{p(r).quiet_end:%H:%M}"),
            ColumnSpec(self.tr("Weekends"), lambda r: self.tr("no cuts") if p(r).no_weekends
                       else self.tr("cuts")),
            ColumnSpec(self.tr("Cuts/hour"), lambda r: str(p(r).max_disconnects_per_hour),
                       numeric=True),
            ColumnSpec(self.tr("Auto-approve"), lambda r: yes if p(r).auto_approve else no),
            ColumnSpec(self.tr("In force"), lambda r: yes if p(r).active else no),
        ]

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        db, actor = self._db, self._actor
        self._desk.run(lambda: policy_admin.list_policies(db, actor), self, self._on_loaded,
                       self.message_bar.show_error, key="loads")

    def _on_loaded(self, policies: list[PolicyView]) -> None:
        selected = self.selected_policy()
        self.model.set_rows(policies)
        if selected is not None:
            self.select_policy(selected.id)
        elif policies:
            self.table.selectRow(0)
        self.sig_policies_loaded.emit(len(policies))

    def policies(self) -> list[PolicyView]:
        return [self.model.row_at(r) for r in range(self.model.rowCount())]  # type: ignore[misc]

    def select_policy(self, policy_id: int) -> None:
        for row, policy in enumerate(self.policies()):
            if policy.id == policy_id:
                self.table.selectRow(row)

    def selected_policy(self) -> PolicyView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None  # type: ignore[return-value]

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected_policy() is not None)

    # -- editing ----------------------------------------------------------------------------

    def _on_edit_button_clicked(self) -> None:
        policy = self.selected_policy()
        if policy is None:
            return
        db, actor = self._db, self._actor
        dialog = PolicyDialog(self._desk, policy, lambda **fields: policy_admin.update_policy(
            db, actor, policy.id, **fields), self)
        dialog.sig_policy_saved.connect(self._on_policy_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()

    def _on_policy_saved(self, policy: PolicyView) -> None:
        self.message_bar.show_success(self.tr("Saved: policy {name}.").format(name=policy.name))
        self.sig_policy_saved.emit(policy)
        self.refresh()
