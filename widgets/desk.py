"""The desk: one per login, what every panel works through.

It holds the database handle, the acting user and the task runner, runs use cases off
the GUI thread with the two guards every panel needs built in, and tells every panel
what a write changed (Anki's CollectionOp / OpChanges is the model):

- liveness: once `owner` (the panel or dialog that asked) is deleted, its callbacks are
  dropped; a dialog closed while its task ran is never called back;
- staleness: runs given the same `key` by the same owner supersede each other; only the
  newest one's answer (or error) arrives, so a slow old search never overwrites a new one;
- changes: a write (`write=True`) whose answer carries `Changes` (console.changes) is
  broadcast on `sig_changed` after the owner's callback, even if the owner is gone
  meanwhile: the database changed all the same. Each panel decides in `_on_changed`;
- session: with `guard_session`, a run refused because the session ended (SessionEnded) or
  the password must be changed first (PasswordChangeRequired) is answered in one place: the
  owner's on_error still runs (it resets its own "in progress" state), then the desk says so
  on `sig_session_ended` (once) / `sig_password_change_required`, which the main window
  answers; without an on_error such a refusal is not shown as an unexpected error.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from console.changes import Changes, changes_of
from console.db import Database
from console.errors import PasswordChangeRequired, SessionEnded
from console.services.actor import Actor
from widgets.task_runner import OnDone, OnError, TaskRunner


class Desk(QObject):
    """The database, the acting user and the task runner of one login."""

    sig_changed = Signal(object)
    """A write through this desk changed something (a console.changes.Changes)."""

    sig_session_ended = Signal(object)
    """The services ended this login (a SessionEnded); emitted once, later runs are dropped."""

    sig_password_change_required = Signal(object)
    """The services refuse everything until the password is changed (PasswordChangeRequired)."""

    sig_printer_used = Signal()
    """This workstation's receipt printer printed, refused a job or was set up anew: whoever
    shows its state reads it again (widgets.devices.printer_field)."""

    def __init__(self, db: Database, tasks: TaskRunner, actor: Actor,
                 parent: QObject | None = None, *, guard_session: bool = False) -> None:
        super().__init__(parent)
        self.db, self.tasks, self.actor = db, tasks, actor
        self.guard_session, self.ended = guard_session, False
        self._tickets = itertools.count(1)
        self._latest: dict[tuple[int, str], int] = {}  # (id(owner), key) → newest ticket

    def run(self, op: Callable[[], Any], owner: QObject, on_done: OnDone | None = None,
            on_error: OnError | None = None, *, key: str | None = None,
            write: bool = False) -> Future:
        """Run `op()` off the GUI thread; call back on it while `owner` lives (and, with a
        `key`, while this is the owner's newest run under that key)."""
        current = self._ticket(owner, key)
        failed = self._guard(owner, current, on_error, False) if on_error else None
        if self.guard_session:
            failed = self._session_guard(failed)
        return self.tasks.run(op, self._guard(owner, current, on_done, write), failed,
                              write=write)

    def _session_guard(self, on_error: OnError | None) -> OnError:
        def guarded(exc: BaseException) -> None:
            session = isinstance(exc, SessionEnded | PasswordChangeRequired)
            if on_error is not None:
                on_error(exc)  # the owner undoes its own "in progress" state first
            elif not session:
                raise exc  # as the task runner would have: logged and shown
            if isinstance(exc, SessionEnded) and not self.ended:
                self.ended = True
                self.sig_session_ended.emit(exc)
            elif isinstance(exc, PasswordChangeRequired):
                self.sig_password_change_required.emit(exc)

        return guarded

    def notify(self, changes: Changes) -> None:
        """Tell every panel about a change made outside `run` (a dialog's own task)."""
        if changes:
            self.sig_changed.emit(changes)

    def drop(self, owner: QObject, key: str) -> None:
        """Make the answers of `owner`'s runs under `key` still on their way stale."""
        slot = (id(owner), key)
        if slot in self._latest:
            self._latest[slot] = next(self._tickets)

    def _ticket(self, owner: QObject, key: str | None) -> Callable[[], bool]:
        if key is None:
            return lambda: True
        slot, ticket = (id(owner), key), next(self._tickets)
        if slot not in self._latest:
            # Forget the owner's keys with it; its id may be reused by a new widget.
            owner.destroyed.connect(lambda *_: self._forget(slot))
        self._latest[slot] = ticket
        return lambda: self._latest.get(slot) == ticket

    def _forget(self, slot: tuple[int, str]) -> None:
        self._latest.pop(slot, None)

    def _guard(self, owner: QObject, current: Callable[[], bool],
               callback: Callable[[Any], None] | None, broadcast: bool) -> Callable[[Any], None]:
        def guarded(value: Any) -> None:
            try:
                if callback is not None and shiboken6.isValid(owner) and current():
                    callback(value)
            finally:  # the database changed, whatever became of the owner's callback
                changes = changes_of(value) if broadcast else None
                if changes:
                    self.sig_changed.emit(changes)

        return guarded
