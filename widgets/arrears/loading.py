"""Reading the arrears list for the panel: the first page at once, then everyone; and
reading again whenever the database says something changed.

On a fresh open, `arrears.first_page` (the customers owing most, as the panel
sorts by default) is shown first; only then does `arrears.list_arrears` run,
and the worker also orders and sums its rows (`ArrearsTable.prepare`), so the
UI thread only swaps them in. Afterwards a cheap change marker is polled and
the whole list read again when a payment, bill run, notice or switch request
has landed somewhere.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from console.services.arrears import listing as arrears
from console.services.arrears.types import ArrearsList
from widgets.arrears.order import ArrearsTable, Sort
from widgets.desk import Desk

LIST = "list"  # the first page and the whole list: a newer read overtakes an older one


class ArrearsLoader(QObject):
    """Reads for one panel; every answer arrives on the GUI thread as a signal."""

    sig_page_read = Signal(object)
    """The first page of a fresh open (an `ArrearsList`); everyone follows."""

    sig_list_read = Signal(object, object)
    """Everyone: the `ArrearsList` and its `ArrearsTable`, ordered for the sort asked."""

    sig_failed = Signal(object)
    """A read failed (the exception)."""

    sig_changed = Signal()
    """The database moved past the last read's marker: the panel reads again."""

    def __init__(self, desk: Desk, parent: QObject, *, poll_ms: int) -> None:
        super().__init__(parent)
        self._desk, self._db, self._actor = desk, desk.db, desk.actor
        self.marker: tuple[int, ...] | None = None  # of the last complete read
        self._polling = False
        self.page_rows = arrears.FIRST_PAGE  # rows read before everyone
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        self.poll_timer.timeout.connect(self._on_poll_timer_timeout)

    def _run(self, fn: Callable[[], object], on_done: Callable[[object], None],
             on_error: Callable[[BaseException], None], *, key: str | None = None) -> None:
        """A read whose answer is dropped once the panel is gone (a log-out meanwhile);
        under `key`, also once a newer read under the same key has been asked for."""
        self._desk.run(fn, self, on_done, on_error, key=key)

    def read_first_page(self, then_sort: Callable[[], Sort]) -> None:
        """The first page, then everyone ordered by `then_sort()` as it is by then."""
        db, actor, limit = self._db, self._actor, self.page_rows

        def read_rest(page: ArrearsList) -> None:
            self.sig_page_read.emit(page)
            self.read_all(then_sort())

        self._run(lambda: arrears.first_page(db, actor, limit=limit), read_rest,
                  self.sig_failed.emit, key=LIST)

    def read_all(self, sort: Sort) -> None:
        """Everyone, ordered by `sort` in the worker; a newer read overtakes an older one."""
        db, actor = self._db, self._actor

        def read() -> tuple[ArrearsList, ArrearsTable]:
            result = arrears.list_arrears(db, actor)
            return result, ArrearsTable.prepare(result.rows, sort)

        self._run(read, self._on_list_read, self.sig_failed.emit, key=LIST)

    def _on_list_read(self, answer: tuple[ArrearsList, ArrearsTable]) -> None:
        self.marker = answer[0].marker
        self.sig_list_read.emit(*answer)

    def _on_poll_timer_timeout(self) -> None:
        if self._polling or self.marker is None:
            return
        self._polling = True
        db, actor = self._db, self._actor
        self._run(lambda: arrears.change_marker(db, actor), self._on_marker_read,
                  self._on_marker_failed)

    def _on_marker_read(self, marker: tuple[int, ...]) -> None:
        self._polling = False
        if marker != self.marker:
            self.sig_changed.emit()

    def _on_marker_failed(self, _exc: BaseException) -> None:
        self._polling = False  # the status bar already says when the database is away
