"""The login dialog: brand pane, the form, and on the demo database its accounts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.db import Database
from console.services import auth
from console.services.actor import Actor
from widgets.change_password_dialog import ChangePasswordDialog
from widgets.desk import Desk
from widgets.errors import MessageBar, error_text
from widgets.labels import role_name
from widgets.resources import icon
from widgets.table_columns import remember_columns
from widgets.task_runner import TaskRunner

DemoAccount = tuple[str, str, str, str]  # user name, full name, role, password


class LoginDialog(QDialog):
    """Who is at the desk. Logging in runs on the task runner (argon2, remote DB)."""

    sig_logged_in = Signal(object)
    """Login succeeded (and any forced password change is done); carries the Actor."""

    sig_login_failed = Signal(str)
    """A login attempt was refused; carries the text shown to the user."""

    sig_retry_requested = Signal()
    """The user wants the database connection tried again."""

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._db: Database | None = None
        self._accounts: list[DemoAccount] = []
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self.show_busy("")

    # -- building ---------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.setObjectName("LoginDialog")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_brand())
        layout.addWidget(self._build_form(), 1)
        self.resize(820, 520)

    def _build_brand(self) -> QFrame:
        brand = QFrame(self)
        brand.setObjectName("LoginBrand")
        brand.setFixedWidth(280)
        logo = QLabel(brand)
        logo.setPixmap(icon("logo").pixmap(QSize(56, 56)))
        self.brand_title = QLabel("GridDesk", brand)
        self.brand_title.setObjectName("BrandTitle")
        self.brand_subtitle = QLabel(brand)
        self.brand_subtitle.setObjectName("BrandSubtitle")
        self.brand_subtitle.setWordWrap(True)
        self.brand_footer = QLabel(brand)
        self.brand_footer.setObjectName("BrandFooter")
        self.brand_footer.setWordWrap(True)
        box = QVBoxLayout(brand)
        box.setContentsMargins(28, 36, 28, 24)
        box.setSpacing(10)
        for widget in (logo, self.brand_title, self.brand_subtitle):
            box.addWidget(widget)
        box.addStretch(1)
        box.addWidget(self.brand_footer)
        return brand

    def _build_form(self) -> QWidget:
        pane = QWidget(self)
        pane.setObjectName("LoginPane")
        self.heading = QLabel(pane)
        self.heading.setObjectName("LoginHeading")
        self._build_fields(pane)
        self.login_button = QPushButton(pane)
        self.login_button.setObjectName("PrimaryButton")
        self.login_button.setDefault(True)
        self.message_bar = MessageBar(pane)
        self.progress = QProgressBar(pane)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.retry_button = QPushButton(pane)
        self.database_label = QLabel(pane)
        self.database_label.setObjectName("DatabaseLabel")
        self.database_label.setWordWrap(True)
        box = QVBoxLayout(pane)
        box.setContentsMargins(36, 32, 36, 20)
        box.setSpacing(12)
        box.addWidget(self.heading)
        box.addLayout(self.form)
        box.addWidget(self.login_button)
        box.addWidget(self.progress)
        box.addWidget(self.message_bar)
        box.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self._build_demo_box(pane), 1)
        box.addStretch(0)
        box.addWidget(self.database_label)
        return pane

    def _build_fields(self, pane: QWidget) -> None:
        self.username_edit, self.password_edit = QLineEdit(pane), QLineEdit(pane)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form = QFormLayout()
        self.form.setSpacing(10)
        self.username_label, self.password_label = QLabel(pane), QLabel(pane)
        self.form.addRow(self.username_label, self.username_edit)
        self.form.addRow(self.password_label, self.password_edit)

    def _build_demo_box(self, parent: QWidget) -> QWidget:
        self.demo_box = QWidget(parent)
        self.demo_label = QLabel(self.demo_box)
        self.demo_label.setObjectName("SectionLabel")
        self.demo_table = QTableWidget(0, 4, self.demo_box)
        self.demo_table.verticalHeader().hide()
        self.demo_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.demo_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.demo_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.demo_table.horizontalHeader().setStretchLastSection(True)
        self.demo_columns = remember_columns(self.demo_table, "login_demo")
        self.demo_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        box = QVBoxLayout(self.demo_box)
        box.setContentsMargins(0, 6, 0, 0)
        box.addWidget(self.demo_label)
        box.addWidget(self.demo_table)
        self.demo_box.hide()
        return self.demo_box

    def _connect_signals(self) -> None:
        self.login_button.clicked.connect(self._on_login_button_clicked)
        self.password_edit.returnPressed.connect(self._on_login_button_clicked)
        # Enter in the user name moves on; the dialog's default button must not see it
        # (it would submit an empty password and count a failed attempt).
        self.username_edit.installEventFilter(self)
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        self.demo_table.cellClicked.connect(self._on_demo_table_clicked)
        self.demo_table.cellDoubleClicked.connect(self._on_demo_table_double_clicked)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("GridDesk — log in"))
        self.brand_subtitle.setText(self.tr("Power supply service hall console"))
        self.brand_footer.setText(self.tr("Payments, arrears, remote switching and seals "
                                          "for the service hall."))
        self.heading.setText(self.tr("Log in"))
        self.username_label.setText(self.tr("User name:"))
        self.password_label.setText(self.tr("Password:"))
        self.username_edit.setPlaceholderText(self.tr("Your staff user name"))
        self.login_button.setText(self.tr("Log in"))
        self.retry_button.setText(self.tr("Try again"))
        self.demo_label.setText(self.tr("Demo accounts — click one to fill in the form"))
        self.demo_table.setHorizontalHeaderLabels(
            [self.tr("User"), self.tr("Name"), self.tr("Role"), self.tr("Password")])
        self._fill_demo_table()
        self._show_database()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if (watched is self.username_edit and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.password_edit.setFocus(Qt.FocusReason.TabFocusReason)
            self.password_edit.selectAll()
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- state set by the shell -------------------------------------------------------------

    def show_busy(self, text: str, fraction: float | None = None) -> None:
        """Wait for the database: progress shown (busy when `fraction` is None), form disabled."""
        self._set_ready(False)
        self.progress.setRange(0, 0 if fraction is None else 100)
        if fraction is not None:
            self.progress.setValue(round(fraction * 100))
        self.progress.show()
        self.retry_button.hide()
        if text:
            self.message_bar.show_message(text, MessageBar.Kind.INFO)

    def show_problem(self, text: str) -> None:
        """The database could not be opened: say why, offer to try again."""
        self._set_ready(False)
        self.progress.hide()
        self.retry_button.show()
        self.message_bar.show_error(text)

    def set_database(self, db: Database, accounts: Sequence[DemoAccount] = ()) -> None:
        """Ready to log in to `db`; `accounts` are listed for the demo database."""
        self._db, self._accounts = db, list(accounts)
        self.progress.hide()
        self.retry_button.hide()
        self.message_bar.clear()
        self.demo_box.setVisible(bool(self._accounts))
        self._fill_demo_table()
        self._show_database()
        self._set_ready(True)
        self.username_edit.setFocus()

    def _set_ready(self, ready: bool) -> None:
        for widget in (self.username_edit, self.password_edit, self.login_button):
            widget.setEnabled(ready)

    def _show_database(self) -> None:
        where = self._db.description if self._db else "…"
        self.database_label.setText(self.tr("Database: {where}").format(where=where))

    def _fill_demo_table(self) -> None:
        self.demo_table.setRowCount(len(self._accounts))
        for row, (user, name, role, password) in enumerate(self._accounts):
            for column, text in enumerate((user, name, role_name(role), password)):
                self.demo_table.setItem(row, column, QTableWidgetItem(text))
        # setRowCount fitted the columns to empty cells: fit them to the names now.
        self.demo_columns.fit()

    # -- logging in -------------------------------------------------------------------------

    def _on_demo_table_clicked(self, row: int, _column: int) -> None:
        user, _name, _role, password = self._accounts[row]
        self.username_edit.setText(user)
        self.password_edit.setText(password)

    def _on_demo_table_double_clicked(self, row: int, column: int) -> None:
        self._on_demo_table_clicked(row, column)
        self._on_login_button_clicked()

    def _on_retry_button_clicked(self) -> None:
        self.sig_retry_requested.emit()

    def _on_login_button_clicked(self) -> None:
        db, user, password = self._db, self.username_edit.text(), self.password_edit.text()
        if db is None or not self.login_button.isEnabled():
            return
        if not user.strip():
            self._refuse(self.tr("Please enter your user name."))
            return
        self._set_ready(False)
        self._tasks.run(lambda: auth.login(db, user, password),
                        lambda actor: self._on_login_done(actor, password),
                        self._on_login_error, write=True)

    def _on_login_done(self, actor: Actor, password: str) -> None:
        self.message_bar.clear()
        if not actor.must_change_password:
            self._finish(actor)
            return
        assert self._db is not None
        # The login's desk, for the one write that must come before the console opens.
        dialog = ChangePasswordDialog(Desk(self._db, self._tasks, actor),
                                      current_password=password, parent=self)
        dialog.sig_password_changed.connect(self._finish)
        dialog.rejected.connect(lambda: self._set_ready(True))
        dialog.open()

    def _finish(self, actor: Actor) -> None:
        self.password_edit.clear()
        self._set_ready(True)
        # The main window opens first, so the app never has no window (and quits).
        self.sig_logged_in.emit(actor)
        self.accept()

    def _on_login_error(self, exc: BaseException) -> None:
        self._set_ready(True)
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        self._refuse(error_text(exc))

    def _refuse(self, text: str) -> None:
        self.message_bar.show_error(text)
        self.sig_login_failed.emit(text)
