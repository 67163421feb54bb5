"""The one task runner: service calls off the GUI thread, answers back on it.

Writes go to a single-worker executor (SQLite has one writer, and two writes
of one user should land in the order they were made); reads share a small
pool. The callable runs in a worker thread and must not touch widgets: read
the values it needs first and close over them.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from console import logsetup

log = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]

# What a task cancelled before it ran "returns": its callbacks are dropped, never called.
_CANCELLED = object()


class TaskRunner(QObject):
    """Runs callables on executors and calls back on the GUI thread.

    Callbacks never travel to the worker: they stay in a dict on the GUI side
    keyed by task id, and the worker sends back only the id and the outcome.
    (A worker holding the last reference to a bound method would destroy its
    widget in the wrong thread, leaving Qt timers registered: a crash.)
    """

    sig_finished = Signal(int, object, object)
    """Internal: (task id, value, error) from a worker; queued to the GUI thread."""

    sig_busy_changed = Signal(bool)
    """True when the first task starts, False when the last one has finished."""

    def __init__(self, parent: QObject | None = None, *, readers: int = 3,
                 slow_seconds: float = logsetup.SLOW_SECONDS) -> None:
        super().__init__(parent)
        self._slow = slow_seconds
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="gd-writer")
        self._readers = ThreadPoolExecutor(readers, thread_name_prefix="gd-reader")
        self._callbacks: dict[int, tuple[OnDone | None, OnError | None]] = {}
        self._ids = itertools.count(1)
        self._closed = False
        # Always queued, so the slot runs in the GUI thread's event loop: a task
        # done before run() returns would otherwise call back from inside run()
        # (add_done_callback calls at once), e.g. in the middle of a constructor.
        self.sig_finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        *,
        write: bool = False,
    ) -> Future:
        """Run `fn()` in a worker; `on_done(value)` or `on_error(exc)` on the GUI thread.

        After shutdown nothing runs and nobody is called back: a widget's late
        signal (a view that loaded while the window closed) asks in vain.
        """
        if self._closed:
            dropped: Future = Future()
            dropped.cancel()
            return dropped
        executor = self._writer if write else self._readers
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_done, on_error)
        if len(self._callbacks) == 1:
            self.sig_busy_changed.emit(True)
        future = executor.submit(self._timed, fn)
        future.add_done_callback(lambda f, task_id=task_id: self._deliver(task_id, f))
        return future

    def _timed(self, fn: Callable[[], Any]) -> Any:
        # Worker thread: a task over a second is logged with its time, so a
        # slow screen can be traced to the service call behind it.
        name = f"task {getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', fn)}"
        with logsetup.timed(log, name, slow=self._slow):
            return fn()

    def _deliver(self, task_id: int, future: Future) -> None:
        # Worker thread: only emit, never call back directly.
        if future.cancelled():
            self.sig_finished.emit(task_id, _CANCELLED, None)
            return
        error = future.exception()
        self.sig_finished.emit(task_id, None if error else future.result(), error)

    def _on_finished(self, task_id: int, value: object, error: object) -> None:
        on_done, on_error = self._callbacks.pop(task_id, (None, None))
        if not self._callbacks:
            self.sig_busy_changed.emit(False)
        if value is _CANCELLED:
            return  # shut down before it ran: nobody waits for an answer any more
        if error is not None:
            if on_error is None:
                # Nobody asked to hear about it: let the excepthook show it.
                raise error  # type: ignore[misc]
            on_error(error)  # type: ignore[arg-type]
        elif on_done is not None:
            on_done(value)

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop taking tasks; wait for running ones (their answers are dropped)."""
        self._closed = True
        self._writer.shutdown(wait=wait, cancel_futures=True)
        self._readers.shutdown(wait=wait, cancel_futures=True)
