"""The console shell: role-aware navigation, the panel stack, and the status bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.db import Database
from console.services.actor import Actor
from console.services.permissions import Permission, allowed
from widgets.change_password_dialog import ChangePasswordDialog
from widgets.desk import Desk
from widgets.devices.counter_devices import CounterDevices
from widgets.devices.settings_dialog import WorkstationSettingsDialog
from widgets.navigation import PanelSpec, panel_description, panel_title, visible_panels
from widgets.payments.cashup_dialog import CashUpDialog
from widgets.payments.doubt import watch_doubts
from widgets.resources import NAV_INK, WHITE, icon
from widgets.screen_fit import capped_size
from widgets.sessions.keeper import SessionKeeper
from widgets.status_bar import ConsoleStatusBar
from widgets.task_runner import TaskRunner


def default_settings() -> QSettings:
    return QSettings("GridDesk", "GridDesk")


class MainWindow(QMainWindow):
    """What one logged-in staff member works in; shows only what their role may use."""

    sig_logout_requested = Signal()
    """The user asked to log out; the shell closes this window and shows the login."""

    sig_panel_changed = Signal(str)
    """Another panel was opened; carries its key (lookup, arrears, admin…)."""

    sig_session_ended = Signal(str)
    """The services ended this login (account disabled or changed); carries what to tell the
    user. The shell closes this window and shows the login dialog with the message."""

    def __init__(self, db: Database, tasks: TaskRunner, actor: Actor, *,
                 settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._tasks, self._actor = db, tasks, actor
        self.desk = Desk(db, tasks, actor, self, guard_session=True)
        self._settings = settings or default_settings()
        self._specs = visible_panels(actor.role)
        self._panels: dict[str, QWidget] = {}
        self._password_dialog: ChangePasswordDialog | None = None
        self.customer_in_hand: int | None = None
        self._build_ui()
        # The customer display and the scanners (issue 19 items 4, 5).
        self.devices = CounterDevices(self, self._settings)
        self._connect_signals()
        self.retranslate_ui()
        self._restore_settings()

    # -- building ---------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.setWindowIcon(icon("logo"))
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_nav())
        layout.addWidget(self._build_content(), 1)
        self.setCentralWidget(central)
        self.status = ConsoleStatusBar(self.desk, self)
        self.setStatusBar(self.status)
        if allowed(self._actor.role, Permission.TAKE_PAYMENT):
            # A payment whose reply was lost is settled as soon as the database answers.
            watch_doubts(self.status.sig_connection_checked, self.desk, self.status.showMessage)
        self._build_menu()
        self._build_shortcuts()
        # The whole of a small counter screen (1366×768); a comfortable size on a big one.
        self.resize(capped_size(self, QSize(1440, 900)))
        self.setMinimumSize(QSize(900, 600))
        self.session = SessionKeeper(self.desk, self)  # session end, password, idle lock

    def _build_nav(self) -> QFrame:
        nav = QFrame(self)
        nav.setObjectName("NavPane")
        nav.setFixedWidth(212)
        brand = QLabel(nav)
        brand.setPixmap(icon("logo").pixmap(QSize(30, 30)))
        self.brand_label = QLabel("GridDesk", nav)
        self.brand_label.setObjectName("NavBrand")
        head = QHBoxLayout()
        head.setContentsMargins(16, 16, 12, 14)
        head.addWidget(brand)
        head.addWidget(self.brand_label, 1)
        self.nav_list = QListWidget(nav)
        self.nav_list.setObjectName("NavList")
        self.nav_list.setIconSize(QSize(20, 20))
        for spec in self._specs:
            item = QListWidgetItem(icon(spec.key, NAV_INK, WHITE), "")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav_list.addItem(item)
        self.password_button = self._nav_button("key")
        self.logout_button = self._nav_button("logout")
        box = QVBoxLayout(nav)
        box.setContentsMargins(0, 0, 0, 12)
        box.setSpacing(2)
        box.addLayout(head)
        box.addWidget(self.nav_list, 1)
        box.addWidget(self.password_button)
        box.addWidget(self.logout_button)
        return nav

    def _nav_button(self, icon_name: str) -> QPushButton:
        button = QPushButton(icon(icon_name, NAV_INK), "", self)
        button.setObjectName("NavButton")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def _build_content(self) -> QWidget:
        content = QWidget(self)
        content.setObjectName("ContentPane")
        self.panel_title = QLabel(content)
        self.panel_title.setObjectName("PanelTitle")
        self.panel_subtitle = QLabel(content)
        self.panel_subtitle.setObjectName("PanelSubtitle")
        self.panel_subtitle.setWordWrap(True)
        self.stack = QStackedWidget(content)
        box = QVBoxLayout(content)
        box.setContentsMargins(28, 20, 28, 16)
        box.setSpacing(4)
        box.addWidget(self.panel_title)
        box.addWidget(self.panel_subtitle)
        box.addSpacing(12)
        box.addWidget(self.stack, 1)
        return content

    def _build_menu(self) -> None:
        self.account_menu = self.menuBar().addMenu("")
        self.password_action = QAction(icon("key"), "", self)
        self.logout_action = QAction(icon("logout"), "", self)
        self.logout_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.quit_action = QAction("", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.count_action = QAction(icon("reports"), "", self)
        self.close_day_action = QAction(icon("lock"), "", self)
        self.count_action.setVisible(allowed(self._actor.role, Permission.TAKE_PAYMENT))
        self.close_day_action.setVisible(allowed(self._actor.role, Permission.CLOSE_DAY))
        self.account_menu.addAction(self.count_action)
        self.account_menu.addAction(self.close_day_action)
        self.devices_action = QAction(icon("print"), "", self)  # the counter's printer, drawer…
        self.account_menu.addAction(self.devices_action)
        self.account_menu.addSeparator()
        self.account_menu.addAction(self.password_action)
        self.account_menu.addAction(self.logout_action)
        self.account_menu.addSeparator()
        self.account_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        self.panel_actions: list[QAction] = []
        for spec in self._specs:
            action = QAction(icon(spec.key), "", self)
            action.setData(spec.key)
            self.view_menu.addAction(action)
            self.panel_actions.append(action)

    def _build_shortcuts(self) -> None:
        # Ctrl+1..n follow the visible order; F-keys are fixed per panel.
        for row, (spec, action) in enumerate(zip(self._specs, self.panel_actions, strict=True)):
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            shortcut = QShortcut(QKeySequence(spec.function_key), self)
            shortcut.activated.connect(lambda key=spec.key: self.show_panel(key))
        # Ctrl+F finds a customer from anywhere: the Lookup panel, caret in its box.
        self.find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self.find_shortcut.activated.connect(self._on_find_shortcut_activated)

    def _connect_signals(self) -> None:
        self.nav_list.currentRowChanged.connect(self._on_nav_list_current_row_changed)
        self.password_button.clicked.connect(self._on_password_requested)
        self.password_action.triggered.connect(self._on_password_requested)
        self.logout_button.clicked.connect(self._on_logout_requested)
        self.logout_action.triggered.connect(self._on_logout_requested)
        self.quit_action.triggered.connect(self.close)
        self.session.sig_session_ended.connect(self._on_session_ended)
        self.session.sig_switch_user_requested.connect(self._on_logout_requested)
        self.session.sig_password_change_required.connect(self._open_password_dialog)
        self.count_action.triggered.connect(lambda: self._open_cashup(supervisor=False))
        self.close_day_action.triggered.connect(lambda: self._open_cashup(supervisor=True))
        self.devices_action.triggered.connect(self.open_workstation_settings)
        for action in self.panel_actions:
            action.triggered.connect(lambda _=False, key=action.data(): self.show_panel(key))  # noqa: B008 - binds this action's key now

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("GridDesk Power Supply Service Hall Console — {unit}")
                            .format(unit=self._actor.unit_name))
        for row, spec in enumerate(self._specs):
            self._retranslate_entry(row, spec)
        # Alt+A is the switch panel's Approve; the menu takes a letter no panel uses.
        self.account_menu.setTitle(self.tr("Accou&nt"))
        self.view_menu.setTitle(self.tr("&Go"))
        self.password_action.setText(self.tr("Change password..."))
        self.count_action.setText(self.tr("Count my cash drawer..."))
        self.close_day_action.setText(self.tr("Close a clerk's day..."))
        self.devices_action.setText(self.tr("Workstation settings..."))
        self.logout_action.setText(self.tr("Log out"))
        self.quit_action.setText(self.tr("Quit"))
        self.password_button.setText(self.tr("Change password"))
        self.logout_button.setText(self.tr("Log out"))
        self.logout_button.setToolTip(self.tr("Log out (Ctrl+Shift+L)"))
        self._show_panel_heading()

    def _retranslate_entry(self, row: int, spec: PanelSpec) -> None:
        title = panel_title(spec.key)
        keys = f"Ctrl+{row + 1}, {spec.function_key}"
        item = self.nav_list.item(row)
        item.setText(title)
        item.setToolTip(self.tr("{panel} ({keys})").format(panel=title, keys=keys))
        self.panel_actions[row].setText(title)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- panels -----------------------------------------------------------------------------

    @property
    def actor(self) -> Actor:
        return self._actor

    def nav_titles(self) -> list[str]:
        return [self.nav_list.item(row).text() for row in range(self.nav_list.count())]

    def panel_keys(self) -> list[str]:
        return [spec.key for spec in self._specs]

    def panel(self, key: str) -> QWidget:
        """The panel for `key`, built on first use (an admin list loads only when opened)."""
        if key not in self._panels:
            spec = next(spec for spec in self._specs if spec.key == key)
            widget = spec.build(self.desk, self)
            self._panels[key] = widget
            self.stack.addWidget(widget)
            self._wire(widget)
        return self._panels[key]

    def _wire(self, panel: QWidget) -> None:
        """What a panel may offer the shell, by the signals it has (none is required)."""
        if hasattr(panel, "sig_description_changed"):
            panel.sig_description_changed.connect(self._show_panel_heading)
        if hasattr(panel, "sig_customer_open_requested"):  # a list row: the customer
            panel.sig_customer_open_requested.connect(self.open_customer)
        if hasattr(panel, "sig_customer_opened"):  # the customer in hand changed
            panel.sig_customer_opened.connect(self._on_customer_opened)

    def open_customer(self, customer_id: int) -> None:
        """Show the customer in the Lookup panel (from the arrears list, say)."""
        if "lookup" not in self.panel_keys():
            return
        lookup = self.panel("lookup")
        self.show_panel("lookup")
        lookup.open_customer(customer_id)

    def _on_customer_opened(self, customer_id: int) -> None:
        # The customer in hand follows the clerk from panel to panel.
        self.customer_in_hand = customer_id
        for panel in self._panels.values():
            if hasattr(panel, "show_customer"):
                panel.show_customer(customer_id)

    def _on_find_shortcut_activated(self) -> None:
        self.show_panel("lookup")
        panel = self._panels.get("lookup")
        if panel is not None:
            panel.show_results()

    def show_panel(self, key: str) -> None:
        keys = self.panel_keys()
        if key in keys:
            self.nav_list.setCurrentRow(keys.index(key))

    def current_panel_key(self) -> str:
        row = self.nav_list.currentRow()
        return self._specs[row].key if 0 <= row < len(self._specs) else ""

    def _on_nav_list_current_row_changed(self, row: int) -> None:
        if not 0 <= row < len(self._specs):
            return
        key = self._specs[row].key
        panel = self.panel(key)
        self.stack.setCurrentWidget(panel)
        if hasattr(panel, "show_customer") and self.customer_in_hand is not None:
            panel.show_customer(self.customer_in_hand)
        elif hasattr(panel, "focus_search"):  # the clerk types or scans at once
            panel.focus_search()
        self._show_panel_heading()
        self._settings.setValue("main_window/panel", key)
        self.sig_panel_changed.emit(key)

    def _show_panel_heading(self) -> None:
        key = self.current_panel_key()
        self.panel_title.setText(panel_title(key) if key else "")
        panel = self._panels.get(key)
        # A panel with tabs or role-dependent content says itself what the shown part is for.
        described = getattr(panel, "description", None)
        self.panel_subtitle.setText(described() if described else
                                    panel_description(key) if key else "")
        self.panel_subtitle.setVisible(bool(key))

    # -- account ----------------------------------------------------------------------------

    def _on_password_requested(self) -> None:
        self._open_password_dialog("")

    def _open_password_dialog(self, why: str) -> None:
        """The change-password dialog, once; `why` says the services asked for it."""
        if self._password_dialog is not None:
            self._password_dialog.raise_()
            return
        dialog = self._password_dialog = ChangePasswordDialog(self.desk, parent=self)
        dialog.sig_password_changed.connect(self._on_password_changed)
        dialog.finished.connect(self._on_password_dialog_finished)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        if why:
            dialog.message_bar.show_error(why)
        dialog.open()

    def _on_password_dialog_finished(self, _result: int) -> None:
        self._password_dialog = None

    def _open_cashup(self, *, supervisor: bool) -> None:
        dialog = CashUpDialog(self.desk, supervisor=supervisor, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()

    def open_workstation_settings(self) -> WorkstationSettingsDialog:
        """This PC's devices: printer and drawer, customer display, scanner."""
        dialog = WorkstationSettingsDialog(self.desk, self)
        self.devices.add_pages(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        return dialog

    def _on_password_changed(self, actor: Actor) -> None:
        # The change raised the account's session stamp: panels holding the old Actor would
        # be told their session ended, so they are built again for the new one.
        self._actor = self.desk.actor = actor
        self._rebuild_panels()
        self.status.showMessage(self.tr("Your password was changed."), 8000)

    def _rebuild_panels(self) -> None:
        key = self.current_panel_key()
        for panel in self._panels.values():
            self.stack.removeWidget(panel)
            panel.deleteLater()
        self._panels.clear()
        row = self.nav_list.currentRow()
        if key:
            self._on_nav_list_current_row_changed(row)

    def _on_session_ended(self, text: str) -> None:
        self._save_settings()
        self.sig_session_ended.emit(text)

    def _on_logout_requested(self) -> None:
        self._save_settings()
        self.sig_logout_requested.emit()

    # -- settings ---------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self._settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        last = str(self._settings.value("main_window/panel", "") or "")
        keys = self.panel_keys()
        self.nav_list.setCurrentRow(keys.index(last) if last in keys else 0)

    def _save_settings(self) -> None:
        self._settings.setValue("main_window/geometry", self.saveGeometry())
        self._settings.setValue("main_window/panel", self.current_panel_key())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_settings()
        self.status.stop()
        self.session.idle.stop()  # a closed window never locks
        super().closeEvent(event)
