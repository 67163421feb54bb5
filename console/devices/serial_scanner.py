"""A barcode scanner on a serial port or USB-CDC (a virtual COM port): one line per scan.

    scanner = SerialScanner("/dev/ttyACM0", on_scan=print, on_error=log, on_reopened=say)
    scanner.start()        # reads in a thread of its own
    scanner.stop()         # closes the port, joins the thread

A USB-CDC scanner unplugged (or a serial server gone) makes the read fail: `on_error` is
told, the port closed, and the thread opens it again by itself, waiting 0.25 s, 0.5 s, …
up to 5 s between tries, until the port is back (`on_reopened`) or stop() is called.
Name the port by its stable link (/dev/serial/by-id/…): a scanner plugged back in may
come back as another /dev/ttyACMn.

Halls whose scanners are not keyboards (most fixed counter scanners can be either) set
them to "USB-CDC" or RS-232; the scanner then sends the code and CR, LF or CR LF.
The port is external input: each read asks for at most READ_CHUNK bytes, a line longer
than MAX_SCAN is thrown away whole (a scanner stuck on repeat, a wrong baud rate
reading noise), and control characters never reach the caller. Text is UTF-8 when it
decodes as such, else GB18030 (Chinese scanners set to their own defaults).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import serial

log = logging.getLogger(__name__)

# The same bound as the scan box of the seal panel (widgets/seals/scan_field.py).
MAX_SCAN = 2000
READ_CHUNK = 256
READ_TIMEOUT_S = 0.2  # how long a read waits: stop() is noticed within this
RETRY_FIRST_S = 0.25  # the first wait before opening a lost port again; doubled each try
RETRY_MAX_S = 5.0
TERMINATORS = b"\r\n"


class ScanLines:
    """Bytes in, finished scans out: split at CR/LF, bounded, cleaned."""

    def __init__(self, max_scan: int = MAX_SCAN) -> None:
        self._max = max_scan
        self._buffer = bytearray()
        self._overflow = False  # the line being read is too long: drop it at its end
        self.dropped = 0  # lines thrown away as too long

    def feed(self, data: bytes) -> list[str]:
        scans: list[str] = []
        for byte in data:
            if byte in TERMINATORS:
                scans.extend(self._end_line())
            elif self._overflow:
                continue
            elif len(self._buffer) >= self._max:
                self._overflow, self._buffer = True, bytearray()
            else:
                self._buffer.append(byte)
        return scans

    def _end_line(self) -> list[str]:
        raw, self._buffer = bytes(self._buffer), bytearray()
        if self._overflow:
            self._overflow = False
            self.dropped += 1
            return []
        text = clean(decode(raw))
        return [text] if text else []


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def clean(text: str) -> str:
    """Printable characters only, no surrounding blanks: a control character in a scan
    would be a key (Tab, Esc) to whatever widget receives it."""
    return "".join(ch for ch in text if ch.isprintable()).strip()


class SerialScanner:
    """Reads one port in a daemon thread and calls `on_scan(text)` there for each scan;
    `on_error(exc)` when the port went away, `on_reopened()` when it is read again."""

    def __init__(self, port: str, *, baudrate: int = 9600,
                 on_scan: Callable[[str], None],
                 on_error: Callable[[BaseException], None] | None = None,
                 on_reopened: Callable[[], None] | None = None) -> None:
        self.port, self.baudrate = port, baudrate
        self._on_scan, self._on_error, self._on_reopened = on_scan, on_error, on_reopened
        self.connected = False  # the port is open now (False while it is being reopened)
        self.reopen_tries = 0  # failed tries to open a lost port, all told
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._serial: serial.Serial | None = None

    def start(self) -> None:
        """Open the port (SerialException if it cannot be opened), then read in a thread."""
        self._serial = self._open()
        self.connected = True
        self._thread = threading.Thread(target=self._run, name=f"scanner {self.port}",
                                        daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2 * READ_TIMEOUT_S + 1)
        if self._serial is not None:
            self._serial.close()

    def _open(self) -> serial.Serial:
        return serial.serial_for_url(self.port, baudrate=self.baudrate, timeout=READ_TIMEOUT_S)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._read()
            except (OSError, serial.SerialException) as exc:
                if self._stop.is_set():
                    return  # the port closed under a read that stop() interrupted
                self._lost(exc)
                if not self._reopen():
                    return  # stopped while waiting for the port
                if self._on_reopened is not None:
                    self._on_reopened()

    def _read(self) -> None:
        lines = ScanLines()  # a half line from before a lost port is no scan
        port = self._serial
        assert port is not None
        while not self._stop.is_set():
            # What is waiting (at most READ_CHUNK), or one byte within the timeout.
            data = port.read(min(max(port.in_waiting, 1), READ_CHUNK))
            for text in lines.feed(data):
                self._on_scan(text)

    def _lost(self, exc: BaseException) -> None:
        log.warning("scanner on %s lost: %s; opening it again", self.port, exc)
        self.connected = False
        if self._serial is not None:
            try:
                self._serial.close()
            except (OSError, serial.SerialException):
                pass  # a port that went away may not close cleanly
        if self._on_error is not None:
            self._on_error(exc)

    def _reopen(self) -> bool:
        """Open the port again, waiting longer after each failed try; False once stopped."""
        delay = RETRY_FIRST_S
        while not self._stop.wait(delay):
            try:
                self._serial = self._open()
            except (OSError, ValueError, serial.SerialException):
                self.reopen_tries += 1
                delay = min(delay * 2, RETRY_MAX_S)
                continue
            self.connected = True
            log.info("scanner on %s open again", self.port)
            return True
        return False
