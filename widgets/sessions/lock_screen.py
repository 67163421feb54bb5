"""The lock screen: covers the whole main window after idle time, asks the same user's
password, and leaves everything underneath as it was.

While it shows, no input reaches the window below: the menu bar, panels and status bar are
disabled (they keep their state) and an application-wide filter swallows the window's
shortcuts. The password is checked as a login (auth.login), so a wrong one counts towards
the lockout exactly like one typed at the login dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.errors import AccountDisabled
from console.services import auth
from console.services.actor import Actor
from widgets.desk import Desk
from widgets.errors import MessageBar
from widgets.resources import icon

_SWALLOWED = frozenset({QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride})


class LockScreen(QFrame):
    """Shown by `lock()` over its parent window; `sig_unlocked` when the password is right."""

    sig_locked = Signal()
    """The window was covered."""

    sig_unlocked = Signal()
    """The same user typed their password; the window is theirs again as it was."""

    sig_unlock_failed = Signal(str)
    """A wrong password (or a locked account); carries the text shown."""

    sig_session_ended = Signal(object)
    """The password was right but the account changed meanwhile (role, unit, reset) or was
    disabled: this session cannot go on (carries the error or the new Actor)."""

    sig_switch_user_requested = Signal()
    """Somebody else wants to log in: this session ends and a fresh one starts."""

    def __init__(self, desk: Desk, window: QWidget) -> None:
        super().__init__(window)
        self._desk = desk
        self._covered: list[QWidget] = []
        self.setObjectName("LockScreen")
        self.setAutoFillBackground(True)
        self._build_ui()
        self._connect_signals()
        self.retranslate_ui()
        self.hide()
        window.installEventFilter(self)  # follow the window's size

    def _build_ui(self) -> None:
        card = QFrame(self)
        card.setObjectName("LockCard")
        card.setFixedWidth(420)
        logo = QLabel(card)
        logo.setPixmap(icon("lock").pixmap(QSize(40, 40)))
        self.title_label, self.who_label = QLabel(card), QLabel(card)
        self.title_label.setObjectName("LoginHeading")
        self.who_label.setWordWrap(True)
        self.password_edit = QLineEdit(card)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_button = QPushButton(card)
        self.unlock_button.setObjectName("PrimaryButton")
        self.switch_button = QPushButton(icon("user"), "", card)
        self.message_bar = MessageBar(card, reserve_space=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        box = QVBoxLayout(card)
        box.setContentsMargins(28, 24, 28, 20)
        box.setSpacing(12)
        for widget in (logo, self.title_label, self.who_label, self.password_edit,
                       self.message_bar):
            box.addWidget(widget)
        box.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def _connect_signals(self) -> None:
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.password_edit.returnPressed.connect(self._on_unlock_button_clicked)
        self.switch_button.clicked.connect(self.sig_switch_user_requested)

    def retranslate_ui(self) -> None:
        actor = self._desk.actor
        self.title_label.setText(self.tr("The console is locked"))
        self.who_label.setText(self.tr(
            "Nobody used the console for a while. {name} ({user}), type your password to go "
            "on where you left off; somebody else can log in with a fresh session.").format(
                name=actor.full_name or actor.username, user=actor.username))
        self.password_edit.setPlaceholderText(self.tr("Your password"))
        self.unlock_button.setText(self.tr("Unlock"))
        self.switch_button.setText(self.tr("Switch user"))

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- covering ---------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.isVisible()

    def lock(self, covered: list[QWidget]) -> None:
        """Cover the window; `covered` (menu bar, panels, status bar) take no input meanwhile."""
        if self.locked:
            return
        self._covered = [widget for widget in covered if widget.isEnabled()]
        for widget in self._covered:
            widget.setEnabled(False)
        self.retranslate_ui()
        self.password_edit.clear()
        self.message_bar.clear()
        self.unlock_button.setEnabled(True)
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        QApplication.instance().installEventFilter(self)
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.sig_locked.emit()

    def uncover(self) -> None:
        QApplication.instance().removeEventFilter(self)
        for widget in self._covered:
            widget.setEnabled(True)
        self._covered = []
        self.password_edit.clear()
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        elif event.type() in _SWALLOWED and self.locked and not self._inside(watched):
            event.accept()
            return True  # the window's shortcuts (Ctrl+1, F2, menus) stay asleep
        return super().eventFilter(watched, event)

    def _inside(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and (watched is self or self.isAncestorOf(watched))

    # -- unlocking --------------------------------------------------------------------------

    def _on_unlock_button_clicked(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        db, actor, password = self._desk.db, self._desk.actor, self.password_edit.text()
        self.unlock_button.setEnabled(False)
        self._desk.run(lambda: auth.login(db, actor.username, password,
                                          workstation=actor.workstation,
                                          action="session.unlocked"),
                       self, self._on_login_done, self._on_login_failed, write=True)

    def _on_login_done(self, fresh: Actor) -> None:
        actor = self._desk.actor
        self.unlock_button.setEnabled(True)
        if (fresh.role, fresh.unit_id, fresh.session_stamp) != (
                actor.role, actor.unit_id, actor.session_stamp):
            self.sig_session_ended.emit(fresh)  # changed by an admin while the desk slept
            return
        self.uncover()
        self.sig_unlocked.emit()

    def _on_login_failed(self, exc: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        if isinstance(exc, AccountDisabled):
            self.sig_session_ended.emit(exc)
            return
        self.message_bar.show_error(exc)
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        self.sig_unlock_failed.emit(self.message_bar.text)
