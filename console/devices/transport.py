"""Getting a job to the workstation's receipt printer: over TCP (port 9100), a serial
port or a USB printer's device file, status first.

    config = PrinterConfig(kind=PrinterKind.NETWORK, host="192.168.1.60")
    status = deliver(config, job)     # PrinterNotReady / ReceiptPrinterUnavailable, or sent

`deliver` asks DLE EOT 1–4 on the connection it will print on and sends the job only to
a ready printer: a printer out of paper keeps a job in its buffer and prints it when the
paper is back, hours later and unasked, so a receipt recorded "printed" must have gone to
a printer that said it could print it. Every wait is bounded (`timeout`, 2 s by default):
a printer switched off is a clear error, never a frozen counter.

Serial printers (and USB printers with a USB-CDC serial port, /dev/ttyACM0, COM3) go
through pyserial (a dependency; a frozen build without it says so, not a traceback). A USB
printer class device written raw (python-escpos/pyusb) is not supported: it needs a
per-model vendor/product id and, on Windows, a driver swap, for what a USB-CDC or
network printer does without either. A USB printer-class printer is written through
the kernel's own driver instead (/dev/usb/lp0, console.devices.usblp): no library, no id.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from console.devices.escpos import Paper
from console.devices.status import PrinterStatus, StatusError, ask
from console.devices.usblp import open_device
from console.errors import ConsoleError

TIMEOUT_S = 2.0
RAW_PORT = 9100
BAUD_RATES = (9600, 19200, 38400, 57600, 115200)


class PrinterKind(StrEnum):
    NONE = "none"  # PDF receipts (the system printer or a file)
    NETWORK = "network"
    SERIAL = "serial"
    USB = "usb"  # the Linux usblp device file, /dev/usb/lp0


class PrinterNotReady(ConsoleError):
    """The printer answered but cannot print: params problem (PrinterStatus.problem)."""

    code = "printer_not_ready"

    def __init__(self, status: PrinterStatus) -> None:
        super().__init__(f"printer not ready: {status.problem}", problem=status.problem)
        self.status = status


class ReceiptPrinterUnavailable(ConsoleError):
    """No printer answered: params where, detail (none, timeout, refused, address,
    no_pyserial, no_port, no_status, usb_missing, usb_permission, usb_busy, other) and the
    system's error text."""

    code = "receipt_printer_unavailable"


@dataclass(frozen=True)
class PrinterConfig:
    """One workstation's receipt printer (kept in its settings, widgets.devices)."""

    kind: PrinterKind = PrinterKind.NONE
    host: str = ""
    port: int = RAW_PORT
    device: str = ""  # serial port (/dev/ttyUSB0, COM3) or USB device file (/dev/usb/lp0)
    baud: int = 9600
    paper_mm: int = 80
    drawer_open_high: bool = True  # how the drawer's switch is wired (console.devices.status)
    timeout: float = TIMEOUT_S

    @property
    def thermal(self) -> bool:
        return self.kind != PrinterKind.NONE

    @property
    def paper(self) -> Paper:
        return Paper.MM58 if self.paper_mm == 58 else Paper.MM80

    @property
    def where(self) -> str:
        """The printer's address as the audit and the clerk read it."""
        if self.kind == PrinterKind.NETWORK:
            return f"{self.host}:{self.port}"
        if self.kind == PrinterKind.USB:
            return self.device
        return f"{self.device} {self.baud}" if self.kind == PrinterKind.SERIAL else ""


class Link(Protocol):
    def write(self, data: bytes) -> None: ...
    def read(self, size: int) -> bytes: ...


class _TcpLink:
    def __init__(self, conn: socket.socket) -> None:
        self._conn = conn

    def write(self, data: bytes) -> None:
        self._conn.sendall(data)

    def read(self, size: int) -> bytes:
        return self._conn.recv(size)


class _SerialLink:
    def __init__(self, port: Any) -> None:
        self._port = port

    def write(self, data: bytes) -> None:
        self._port.write(data)
        self._port.flush()  # the job is out of our buffer before the port closes

    def read(self, size: int) -> bytes:
        return bytes(self._port.read(size))  # b"" once the read timeout passes


@contextmanager
def open_link(config: PrinterConfig) -> Iterator[Link]:
    """A connection to the printer; ReceiptPrinterUnavailable when there is none."""
    try:
        if config.kind == PrinterKind.NETWORK:
            with _tcp(config) as link:
                yield link
        elif config.kind == PrinterKind.SERIAL:
            with _serial(config) as link:
                yield link
        elif config.kind == PrinterKind.USB:
            with open_device(config.device, timeout=config.timeout) as device:
                yield device
        else:
            raise ReceiptPrinterUnavailable("no receipt printer is configured", where="",
                                            detail="none")
    except (OSError, ValueError) as exc:
        raise ReceiptPrinterUnavailable(f"printer {config.where}: {exc}", where=config.where,
                                        detail=_detail(exc, config.kind), error=str(exc)) from exc


def _detail(exc: BaseException, kind: PrinterKind) -> str:
    """Why no printer answered, as a code the workstation words (the OS's text is English)."""
    if kind == PrinterKind.USB and isinstance(exc, OSError):
        usb = _usb_detail(exc)
        if usb:
            return usb
    if isinstance(exc, TimeoutError):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, ImportError) or "pyserial" in str(exc):
        return "no_pyserial"
    if isinstance(exc, ValueError):
        return "address"
    if isinstance(exc, FileNotFoundError) or "could not open port" in str(exc):
        return "no_port"  # pyserial's SerialException is an OSError saying so
    return "other"


def _usb_detail(exc: OSError) -> str:
    """A USB device file's own failures: not there, not allowed, held by another program."""
    if isinstance(exc, PermissionError):
        return "usb_permission"
    if isinstance(exc, FileNotFoundError) or exc.errno in (errno.ENODEV, errno.ENXIO):
        return "usb_missing"
    return "usb_busy" if exc.errno == errno.EBUSY else ""


@contextmanager
def _tcp(config: PrinterConfig) -> Iterator[Link]:
    if not config.host or not 0 < config.port < 65536:
        raise ValueError("no printer address")
    with socket.create_connection((config.host, config.port), timeout=config.timeout) as conn:
        conn.settimeout(config.timeout)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        yield _TcpLink(conn)
        conn.shutdown(socket.SHUT_WR)  # the job is complete: a 9100 printer prints on close


@contextmanager
def _serial(config: PrinterConfig) -> Iterator[Link]:
    try:
        import serial  # frozen builds may leave it out
    except ImportError as exc:
        raise OSError("pyserial is not installed (pip install pyserial)") from exc
    if not config.device:
        raise ValueError("no serial port")
    # A URL opens too (pyserial's socket://host:port, rfc2217://): a serial server's port,
    # and the tests' way to the fake printer through this very code.
    with serial.serial_for_url(config.device, baudrate=config.baud, timeout=config.timeout,
                               write_timeout=config.timeout) as port:
        yield _SerialLink(port)


def read_status(link: Link, *, drawer_open_high: bool = True) -> PrinterStatus:
    """DLE EOT 1–4 on an open link; StatusError when the four bytes do not come."""
    return ask(link.write, link.read, drawer_open_high=drawer_open_high)


def printer_status(config: PrinterConfig) -> PrinterStatus:
    """The printer's status now (the settings page, the drawer's state)."""
    with open_link(config) as link:
        return _status(link, config)


def deliver(config: PrinterConfig, job: bytes) -> PrinterStatus:
    """Send `job` to a ready printer in one connection; PrinterNotReady (nothing sent) or
    ReceiptPrinterUnavailable otherwise. Returns the status read before sending."""
    with open_link(config) as link:
        status = _status(link, config)
        if not status.ready:
            raise PrinterNotReady(status)
        link.write(job)
        return status


def _status(link: Link, config: PrinterConfig) -> PrinterStatus:
    try:
        return read_status(link, drawer_open_high=config.drawer_open_high)
    except StatusError as exc:  # a device that is not an ESC/POS printer, or silent
        raise ReceiptPrinterUnavailable(str(exc), where=config.where, detail="no_status", error=str(exc)) from exc
