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
  meanwhile: the database changed all the same. Each panel decides in `_on_changed`.
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
from console.services.actor import Actor
from widgets.task_runner import OnDone, OnError, TaskRunner


class Desk(QObject):
    """The database, the acting user and the task runner of one login."""

    sig_changed = Signal(object)
    """A write through this desk changed something (a console.changes.Changes)."""

    def __init__(self, db: Database, tasks: TaskRunner, actor: Actor,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.tasks, self.actor = db, tasks, actor
        self._tickets = itertools.count(1)
        self._latest: dict[tuple[int, str], int] = {}  # (id(owner), key) → newest ticket

    def run(self, op: Callable[[], Any], owner: QObject, on_done: OnDone | None = None,
            on_error: OnError | None = None, *, key: str | None = None,
            write: bool = False) -> Future:
        """Run `op()` off the GUI thread; call back on it while `owner` lives (and, with a
        `key`, while this is the owner's newest run under that key)."""
        current = self._ticket(owner, key)
        return self.tasks.run(op, self._guard(owner, current, on_done, write),
                              self._guard(owner, current, on_error, False) if on_error else None,
                              write=write)

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
