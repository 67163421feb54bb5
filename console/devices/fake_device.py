"""A USB receipt printer's device file for the tests and the bench: a pseudo-terminal.

    with FakeUsbPrinter(out_dir) as usb:        # usb.path: "/dev/pts/7", the "/dev/usb/lp0"
        deliver(PrinterConfig(kind=PrinterKind.USB, device=usb.path), job)
        usb.wait_for_jobs(1)                    # job-0001.{txt,png,json}, as FakePrinter

The terminal is put in raw mode, so bytes pass both ways unchanged, as through usblp:
what the transport writes on the path comes out of the master end, where the fake
printer's reader parses it and answers DLE EOT by writing back, which the transport
reads on the path. A device file has no connection to close, so a job ends when no byte
came for `idle_seconds` (a status read alone is counted as in FakePrinter). `unplug()`
closes both ends: the path disappears, as /dev/usb/lp0 does when the cable is pulled
(give `link` for a name of its own: a /dev/pts/N number may be taken by another
terminal at once).
"""

from __future__ import annotations

import os
import select
import threading
import time
import tty
from pathlib import Path
from types import TracebackType

from console.devices.escpos_reader import EscPosReader
from console.devices.fake_printer import FakePrinter, PrinterState

IDLE_SECONDS = 0.15


class FakeUsbPrinter:
    def __init__(self, out: Path, *, state: PrinterState | None = None,
                 idle_seconds: float = IDLE_SECONDS, link: Path | None = None) -> None:
        self.printer = FakePrinter(out, state=state, listen=False)
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no CR/LF translation: the bytes as sent
        self.path = os.ttyname(self._slave)
        self._link = link  # a stable name (as udev's /dev/usb/lp0), gone when unplugged
        if link is not None:
            if link.is_symlink():  # left by a printer that was killed
                link.unlink()
            link.symlink_to(self.path)
            self.path = str(link)
        self._idle = idle_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fake-usb-printer", daemon=True)

    @property
    def state(self) -> PrinterState:
        return self.printer.state

    @state.setter
    def state(self, state: PrinterState) -> None:
        self.printer.state = state

    def start(self) -> FakeUsbPrinter:
        self._thread.start()
        return self

    def unplug(self) -> None:
        """Stop reading and close the terminal: its path is gone."""
        self._stop.set()
        if self._link is not None:
            self._link.unlink(missing_ok=True)
        if self._thread.is_alive():
            self._thread.join(timeout=2)
        for fd in (self._master, self._slave):
            try:
                os.close(fd)
            except OSError:
                pass  # closed before
        self._master = self._slave = -1

    def __enter__(self) -> FakeUsbPrinter:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.unplug()

    def wait_for_jobs(self, count: int, timeout: float = 10.0) -> bool:
        return self.printer.wait_for_jobs(count, timeout)

    def job_path(self, number: int, suffix: str) -> Path:
        return self.printer.job_path(number, suffix)

    def _answer(self, n: int) -> None:
        os.write(self._master, self.printer.state.answer(n))

    def _run(self) -> None:
        self._new_job()
        while not self._stop.is_set():
            ready = select.select([self._master], [], [], self._idle)[0]
            if ready and self._take():
                continue
            if self._size:  # quiet for idle_seconds after some bytes: the job is over
                self._end_job()
            elif ready:
                time.sleep(self._idle)  # a hung-up master polls ready at once: do not spin
        while select.select([self._master], [], [], 0)[0] and self._take():
            pass  # stopped: what is still queued is read, then printed
        if self._size:
            self._end_job()

    def _new_job(self) -> None:
        self._reader, self._size, self._last = EscPosReader(on_status=self._answer), 0, 0.0

    def _take(self) -> bool:
        """Read what the master end has; False when nothing came (no process has the
        device open)."""
        try:
            chunk = os.read(self._master, 64 * 1024)
        except OSError:
            return False
        if chunk:
            self._size, self._last = self._size + len(chunk), time.monotonic()
            self._reader.feed(chunk)
        return bool(chunk)

    def _end_job(self) -> None:
        doc, size, limit = self._reader.finish(), self._size, self.printer.limits.max_bytes
        refused = "" if size <= limit else f"job over {limit} bytes"
        if refused or doc.items or doc.kicks or doc.cuts or doc.unknown:
            self.printer.record(doc, size, refused, self._last)
        else:
            self.printer.status_only(len(doc.status_queries))
        self._new_job()
