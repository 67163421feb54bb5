"""What the main window does about its session, in one place: the end the services declare
(the desk's sig_session_ended), a password that must be changed first, and the idle lock.

The idle time is the admins' setting (console.services.admin.security), read once when the
window opens; until it arrives the default of 10 minutes counts.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from console.errors import SessionEnded
from console.services.admin.security import DEFAULT, SecurityPolicy, security_policy
from widgets.desk import Desk
from widgets.errors import error_text
from widgets.sessions.idle import IdleWatch
from widgets.sessions.lock_screen import LockScreen


class SessionKeeper(QObject):
    """Watches one main window's login; the window forwards its two outward signals."""

    sig_session_ended = Signal(str)
    """This login is over (disabled, changed by an admin); carries what to tell the user."""

    sig_switch_user_requested = Signal()
    """Somebody else logs in from the lock screen: back to the login dialog, fresh."""

    sig_password_change_required = Signal(str)
    """The services refuse everything until the password is changed; carries why."""

    sig_policy_loaded = Signal(object)
    """The site's SecurityPolicy arrived; the idle lock counts with its time from now."""

    def __init__(self, desk: Desk, window: QMainWindow) -> None:
        super().__init__(window)
        self._desk, self._window = desk, window
        self._hidden: list[QDialog] = []
        self.idle = IdleWatch(DEFAULT.idle_lock_ms, self)
        self.lock_screen = LockScreen(desk, window)
        desk.sig_session_ended.connect(self._on_desk_session_ended)
        desk.sig_password_change_required.connect(self._on_desk_password_change_required)
        self.idle.sig_idle.connect(self.lock)
        self.lock_screen.sig_unlocked.connect(self._on_lock_screen_unlocked)
        self.lock_screen.sig_session_ended.connect(self._on_lock_screen_session_ended)
        self.lock_screen.sig_switch_user_requested.connect(self._on_switch_user_requested)
        self.idle.start()
        db = desk.db
        desk.run(lambda: security_policy(db), self.lock_screen, self._on_policy_loaded)

    def _on_policy_loaded(self, policy: SecurityPolicy) -> None:
        self.idle.set_interval(policy.idle_lock_ms)
        self.sig_policy_loaded.emit(policy)

    # -- the end of a session ---------------------------------------------------------------

    def _dialogs(self) -> list[QDialog]:
        return [dialog for dialog in self._window.findChildren(QDialog) if dialog.isVisible()]

    def _on_desk_session_ended(self, exc: SessionEnded) -> None:
        self.end(error_text(exc))

    def end(self, text: str) -> None:
        """Close whatever is open (a half-filled payment is not saved), then say why."""
        self._close_all()
        self.sig_session_ended.emit(text)

    def _close_all(self) -> None:
        self.idle.stop()
        _close_popup()
        for dialog in self._dialogs() + self._hidden:
            dialog.reject()
        self._hidden = []

    def _on_desk_password_change_required(self, exc: BaseException) -> None:
        self.sig_password_change_required.emit(error_text(exc))

    def _on_lock_screen_session_ended(self, why: object) -> None:
        self.end(error_text(why) if isinstance(why, BaseException) else error_text(
            SessionEnded("the account was changed", reason="changed")))

    def _on_switch_user_requested(self) -> None:
        self._close_all()  # the next user must not find the last one's dialogs
        self.sig_switch_user_requested.emit()

    # -- the idle lock ----------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.lock_screen.locked

    def lock(self) -> None:
        """Cover the window; open dialogs hide until the same user unlocks."""
        if self.locked or self._desk.ended:
            return
        self.idle.stop()
        _close_popup()
        self._hidden = self._dialogs()
        for dialog in self._hidden:
            dialog.hide()
        window = self._window
        covered: list[QWidget] = [w for w in (window.centralWidget(), window.menuBar(),
                                              window.statusBar()) if w is not None]
        self.lock_screen.lock(covered)

    def _on_lock_screen_unlocked(self) -> None:
        hidden, self._hidden = self._hidden, []
        for dialog in hidden:
            dialog.show()
        self.idle.start()


def _close_popup() -> None:
    popup = QApplication.activePopupWidget()
    if popup is not None:
        popup.close()
