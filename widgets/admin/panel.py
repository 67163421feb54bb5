"""Administration: staff accounts — create, disable/enable, reset password, unlock —
and, for roles that manage them, tabs with the tariffs, the cost-control policies and
the calendar of days without disconnections."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.services.admin import users
from console.services.admin.users import UnitInfo, UserInfo
from console.services.permissions import Permission, allowed
from widgets.admin.calendar_tab import CalendarTab
from widgets.admin.policies_tab import PoliciesTab
from widgets.admin.security_tab import SecurityTab
from widgets.admin.user_dialogs import CreateUserDialog, ResetPasswordDialog
from widgets.admin.users_model import UsersModel
from widgets.billing.tariffs_panel import TariffsPanel
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.navigation import panel_description
from widgets.resources import icon
from widgets.table_columns import remember_columns


class AdminPanel(QWidget):
    """The staff list with its actions; every call on the task runner, errors inline."""

    sig_users_loaded = Signal(int)
    """The list was (re)loaded; carries the number of accounts."""

    sig_user_changed = Signal(object)
    """An account was created or changed; carries its UserInfo."""

    sig_description_changed = Signal()
    """Another tab was chosen: the window's subtitle should say what this one is for."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._db, self._actor = desk.db, desk.actor
        self._units: list[UnitInfo] = []
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self.refresh()

    def _build_ui(self) -> None:
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(280)
        self.create_button = self._tool_button("add")
        self.toggle_button = self._tool_button("disable")
        self.reset_button = self._tool_button("key")
        self.unlock_button = self._tool_button("unlock")
        self.refresh_button = self._tool_button("refresh")
        self.refresh_shortcut = QShortcut(QKeySequence("F5"), self)
        self.refresh_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        for button in (self.create_button, self.toggle_button, self.reset_button,
                       self.unlock_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.filter_edit)
        bar.addWidget(self.refresh_button)
        self.message_bar = MessageBar(self, reserve_space=True)
        self.table = self._build_table()
        self.staff_page = QWidget(self)
        layout = QVBoxLayout(self.staff_page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.table, 1)
        self.tabs = QTabWidget(self)
        self.tabs.setTabBarAutoHide(True)  # one tab: no tab bar
        self.tabs.addTab(self.staff_page, "")
        self.tariffs_panel: TariffsPanel | None = None
        if allowed(self._actor.role, Permission.MANAGE_TARIFFS):
            self.tariffs_panel = TariffsPanel(self._desk, self)
            self.tabs.addTab(self.tariffs_panel, "")
        self.policies_tab: PoliciesTab | None = None
        self.calendar_tab: CalendarTab | None = None
        if allowed(self._actor.role, Permission.MANAGE_POLICIES):
            self.policies_tab = PoliciesTab(self._desk, self)
            self.calendar_tab = CalendarTab(self._desk, self)
            self.tabs.addTab(self.policies_tab, "")
            self.tabs.addTab(self.calendar_tab, "")
        self.security_tab: SecurityTab | None = None
        if allowed(self._actor.role, Permission.MANAGE_USERS):  # as the staff list itself
            self.security_tab = SecurityTab(self._desk, self)
            self.tabs.addTab(self.security_tab, "")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)
        self.create_button.setObjectName("PrimaryButton")

    def _tool_button(self, icon_name: str) -> QPushButton:
        button = QPushButton(self)
        button.setIcon(icon(icon_name, "#ffffff" if icon_name == "add" else "#38506b"))
        return button

    def _build_table(self) -> QTableView:
        self.model = UsersModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        table = QTableView(self)
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        remember_columns(table, "users")
        return table

    def _connect_signals(self) -> None:
        self.create_button.clicked.connect(self._on_create_button_clicked)
        self.toggle_button.clicked.connect(self._on_toggle_button_clicked)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.refresh_button.clicked.connect(self.refresh)
        self.refresh_shortcut.activated.connect(self.refresh)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.dataChanged.connect(self._update_buttons)
        self.tabs.currentChanged.connect(lambda _index: self.sig_description_changed.emit())

    def retranslate_ui(self) -> None:
        self.filter_edit.setPlaceholderText(self.tr("Filter by name, role or unit"))
        self.create_button.setText(self.tr("New account..."))
        self.reset_button.setText(self.tr("Reset password..."))
        self.unlock_button.setText(self.tr("Unlock"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Reload the list (F5)"))
        self.tabs.setTabText(0, self.tr("Staff"))
        if self.tariffs_panel is not None:
            self.tabs.setTabText(1, self.tr("Tariffs"))
        if self.policies_tab is not None and self.calendar_tab is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.policies_tab), self.tr("Policies"))
            self.tabs.setTabText(self.tabs.indexOf(self.calendar_tab), self.tr("Calendar"))
        if self.security_tab is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.security_tab),
                                 self.tr("Sessions and passwords"))
        self._update_buttons()

    def description(self) -> str:
        """What the tab shown is for (the window's subtitle)."""
        current = self.tabs.currentWidget()
        tabs = {self.tariffs_panel: "admin.tariffs", self.policies_tab: "admin.policies",
                self.calendar_tab: "admin.calendar", self.security_tab: "admin.security"}
        return panel_description(tabs.get(current, "admin"))

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        db, actor = self._db, self._actor
        self._desk.run(lambda: (users.list_users(db, actor), users.list_units(db)), self,
                       self._on_loaded, self.message_bar.show_error, key="loads")

    def _on_loaded(self, result: tuple[list[UserInfo], list[UnitInfo]]) -> None:
        accounts, self._units = result
        self.model.set_users(accounts)
        self.sig_users_loaded.emit(len(accounts))

    def selected_user(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.user_at(self.proxy.mapToSource(rows[0]).row())

    def _update_buttons(self) -> None:
        user = self.selected_user()
        for button in (self.toggle_button, self.reset_button):
            button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and self.model.is_locked(user))
        enable = user is not None and not user.active
        self.toggle_button.setText(self.tr("Enable") if enable else self.tr("Disable"))
        self.toggle_button.setIcon(icon("enable" if enable else "disable"))

    # -- actions ----------------------------------------------------------------------------

    def _on_create_button_clicked(self) -> None:
        db, actor = self._db, self._actor
        dialog = CreateUserDialog(self._desk, self._units,
                                  lambda **values: users.create_user(db, actor, **values), self)
        dialog.sig_user_saved.connect(self._on_user_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()

    def _on_reset_button_clicked(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        db, actor = self._db, self._actor
        dialog = ResetPasswordDialog(
            self._desk, user,
            lambda password: users.reset_password(db, actor, user.id, password,
                                                  version=user.version), self)
        dialog.sig_user_saved.connect(self._on_user_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()

    def _on_toggle_button_clicked(self) -> None:
        user = self.selected_user()
        if user is not None:
            db, actor = self._db, self._actor
            self._write(lambda: users.set_active(db, actor, user.id, not user.active,
                                                 version=user.version))

    def _on_unlock_button_clicked(self) -> None:
        user = self.selected_user()
        if user is not None:
            db, actor = self._db, self._actor
            self._write(lambda: users.unlock(db, actor, user.id, version=user.version))

    def _write(self, call: Callable[[], UserInfo]) -> None:
        self._desk.run(call, self, self._on_user_saved, self.message_bar.show_error, write=True)

    def _on_user_saved(self, user: UserInfo) -> None:
        self.model.replace_user(user)
        self.message_bar.show_success(self.tr("Saved: {name} ({user}) — {state}.").format(
            name=user.full_name, user=user.username, state=self.model.state_text(user)))
        self.sig_user_changed.emit(user)
