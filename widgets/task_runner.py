"""The one task runner: service calls off the GUI thread, answers back on it.

Writes go to a single-worker executor (SQLite has one writer, and two writes
of one user should land in the order they were made); reads share a small
pool. The callable runs in a worker thread and must not touch widgets: read
the values it needs first and close over them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]


class TaskRunner(QObject):
    """Runs callables on executors and calls back on the GUI thread."""

    sig_finished = Signal(object, object, object)
    """Internal: (callback, value, error) from a worker; queued to the GUI thread."""

    sig_busy_changed = Signal(bool)
    """True when the first task starts, False when the last one has finished."""

    def __init__(self, parent: QObject | None = None, *, readers: int = 3) -> None:
        super().__init__(parent)
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="gd-writer")
        self._readers = ThreadPoolExecutor(readers, thread_name_prefix="gd-reader")
        self._pending = 0
        # The runner lives in the GUI thread, so a signal emitted by a worker
        # is queued and its slot runs in the GUI thread's event loop.
        self.sig_finished.connect(self._on_finished)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        *,
        write: bool = False,
    ) -> Future:
        """Run `fn()` in a worker; `on_done(value)` or `on_error(exc)` on the GUI thread."""
        executor = self._writer if write else self._readers
        self._pending += 1
        if self._pending == 1:
            self.sig_busy_changed.emit(True)
        future = executor.submit(fn)
        future.add_done_callback(lambda f: self._deliver(f, on_done, on_error))
        return future

    def _deliver(self, future: Future, on_done: OnDone | None, on_error: OnError | None) -> None:
        # Worker thread: only emit, never call back directly.
        error = future.exception()
        if error is None:
            self.sig_finished.emit(on_done, future.result(), None)
        else:
            self.sig_finished.emit(on_error, None, error)

    def _on_finished(self, callback: Callable | None, value: object, error: object) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.sig_busy_changed.emit(False)
        if error is not None and callback is None:
            # Nobody asked to hear about it: let the excepthook show it.
            raise error  # type: ignore[misc]
        if callback is not None:
            callback(error if error is not None else value)

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop taking tasks; wait for running ones (their answers are dropped)."""
        self._writer.shutdown(wait=wait, cancel_futures=True)
        self._readers.shutdown(wait=wait, cancel_futures=True)


class Generation:
    """Cancel-on-new: a newer request makes the answers of older ones stale.

    >>> gen = Generation(); first = gen.next(); second = gen.next()
    >>> gen.is_current(first), gen.is_current(second)
    (False, True)
    """

    def __init__(self) -> None:
        self._value = 0

    def next(self) -> int:
        self._value += 1
        return self._value

    def is_current(self, value: int) -> bool:
        return value == self._value

    def guard(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """A new generation, and `callback` wrapped to ignore it once stale."""
        mine = self.next()

        def guarded(value: Any) -> None:
            if self.is_current(mine):
                callback(value)

        return guarded
