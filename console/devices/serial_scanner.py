"""A barcode scanner on a serial port or USB-CDC (a virtual COM port): one line per scan.

    scanner = SerialScanner("/dev/ttyACM0", on_scan=print, on_error=log)
    scanner.start()        # reads in a thread of its own
    scanner.stop()         # closes the port, joins the thread

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
    """Reads one port in a daemon thread and calls `on_scan(text)` there for each scan."""

    def __init__(self, port: str, *, baudrate: int = 9600,
                 on_scan: Callable[[str], None],
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self.port, self.baudrate = port, baudrate
        self._on_scan, self._on_error = on_scan, on_error
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._serial: serial.Serial | None = None

    def start(self) -> None:
        """Open the port (SerialException if it cannot be opened), then read in a thread."""
        self._serial = serial.serial_for_url(self.port, baudrate=self.baudrate,
                                             timeout=READ_TIMEOUT_S)
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

    def _run(self) -> None:
        lines = ScanLines()
        port = self._serial
        assert port is not None
        try:
            while not self._stop.is_set():
                # What is waiting (at most READ_CHUNK), or one byte within the timeout.
                data = port.read(min(max(port.in_waiting, 1), READ_CHUNK))
                for text in lines.feed(data):
                    self._on_scan(text)
        except (OSError, serial.SerialException) as exc:
            if self._stop.is_set():
                return  # the port closed under a read that stop() interrupted
            log.warning("scanner on %s stopped: %s", self.port, exc)
            if self._on_error is not None:
                self._on_error(exc)
