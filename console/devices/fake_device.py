"""A USB receipt printer's device file for the tests and the bench: a pseudo-terminal.

    with FakeUsbPrinter(out_dir) as usb:        # usb.path: "/dev/pts/7", the "/dev/usb/lp0"
        deliver(PrinterConfig(kind=PrinterKind.USB, device=usb.path), job)
        usb.wait_for_jobs(1)                    # job-0001.{txt,png,json}, as FakePrinter

The terminal is put in raw mode, so bytes pass both ways unchanged, as through usblp:
what the transport writes on the path comes out of the master end, where the fake
printer's reader parses it and answers DLE EOT by writing back, which the transport
reads on the path. A device file has no connection to close, so a job ends when no byte
came for `idle_seconds` (a status read alone is counted as in FakePrinter). `unplug()`
closes both ends: the path disappears, as /dev/usb/lp0 does when the cable is pulled.
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
                 idle_seconds: float = IDLE_SECONDS) -> None:
        self.printer = FakePrinter(out, state=state, listen=False)
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no CR/LF translation: the bytes as sent
        self.path = os.ttyname(self._slave)
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
        reader, size, last = EscPosReader(on_status=self._answer), 0, 0.0
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], self._idle)
            if ready:
                try:
                    chunk = os.read(self._master, 64 * 1024)
                except OSError:  # no process has the device open: nothing to read
                    chunk = b""
                if chunk:
                    size, last = size + len(chunk), time.monotonic()
                    reader.feed(chunk)
                    continue
            if size:  # quiet for idle_seconds after some bytes: the job is over
                self._end_job(reader, size, last)
                reader, size = EscPosReader(on_status=self._answer), 0
            elif ready:
                time.sleep(self._idle)  # a hung-up master polls ready at once: do not spin

    def _end_job(self, reader: EscPosReader, size: int, last: float) -> None:
        doc = reader.finish()
        refused = ("" if size <= self.printer.limits.max_bytes
                   else f"job over {self.printer.limits.max_bytes} bytes")
        if refused or doc.items or doc.kicks or doc.cuts or doc.unknown:
            self.printer.record(doc, size, refused, last)
        else:
            self.printer.status_only(len(doc.status_queries))
