"""What a receipt printer says about itself: DLE EOT 1–4 and their answer bytes.

    status = query_tcp("192.168.1.60")          # or parse_status(b"\\x12\\x12\\x12\\x12")
    if not status.ready: show(status.problem)   # "paper_end", "cover_open", …

DLE EOT n is a real-time command: the printer answers one byte at once, even when it is
offline or its buffer is full (Epson ESC/POS reference, DLE EOT). Each answer byte has
bits 1 and 4 set and bits 0 and 7 clear; a byte that is not shaped so is not a status
(a printer that ignores DLE EOT, or the wrong device on the port) and is refused.

    n=1 printer:  bit 2 drawer connector pin 3 HIGH, bit 3 offline
    n=2 offline:  bit 2 cover open, bit 3 feed button, bit 5 stopped at paper end,
                  bit 6 error
    n=3 error:    bit 3 autocutter, bit 5 unrecoverable, bit 6 auto-recoverable
    n=4 paper:    bits 2+3 near end, bits 5+6 paper end

Whether pin 3 HIGH means the drawer is open depends on how the drawer wires its switch:
the default reads HIGH as open, `drawer_open_high=False` reads it the other way (a
per-workstation setting, as the printer's manual of that hall says).
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass

REQUESTS = tuple(b"\x10\x04" + bytes([n]) for n in (1, 2, 3, 4))
TIMEOUT_S = 2.0


class StatusError(ValueError):
    """The answer is not an ESC/POS status (missing, short, or wrongly shaped)."""


@dataclass(frozen=True)
class PrinterStatus:
    online: bool
    cover_open: bool
    paper_end: bool
    paper_near_end: bool
    drawer_open: bool
    feed_button: bool = False
    autocutter_error: bool = False
    unrecoverable_error: bool = False
    recoverable_error: bool = False

    @property
    def problem(self) -> str:
        """The first thing that stops printing, as a code ("" when ready)."""
        for code in ("paper_end", "cover_open", "autocutter_error", "unrecoverable_error",
                     "recoverable_error"):
            if getattr(self, code):
                return code
        return "" if self.online else "offline"

    @property
    def ready(self) -> bool:
        return not self.problem


def parse_status(answer: bytes, *, drawer_open_high: bool = True) -> PrinterStatus:
    """The four answer bytes of DLE EOT 1, 2, 3, 4 (in that order) as a PrinterStatus."""
    if len(answer) != 4:
        raise StatusError(f"expected 4 status bytes, got {len(answer)}")
    for byte in answer:
        if byte & 0x93 != 0x12:
            raise StatusError(f"0x{byte:02x} is not an ESC/POS status byte")
    printer, offline, error, paper = answer
    return PrinterStatus(
        online=not printer & 0x08,
        drawer_open=bool(printer & 0x04) == drawer_open_high,
        cover_open=bool(offline & 0x04),
        feed_button=bool(offline & 0x08),
        paper_end=bool(offline & 0x20) or paper & 0x60 == 0x60,
        paper_near_end=paper & 0x0C == 0x0C,
        autocutter_error=bool(error & 0x08),
        unrecoverable_error=bool(error & 0x20),
        recoverable_error=bool(error & 0x40),
    )


def query(conn: socket.socket, *, drawer_open_high: bool = True) -> PrinterStatus:
    """Ask an open connection for its four statuses; StatusError when they do not come
    within the connection's timeout."""
    return ask(conn.sendall, conn.recv, drawer_open_high=drawer_open_high)


def ask(send: Callable[[bytes], object], receive: Callable[[int], bytes], *,
        drawer_open_high: bool = True) -> PrinterStatus:
    """DLE EOT 1–4 over any link (a socket, a serial port): `receive(n)` returns at most n
    bytes, b"" or TimeoutError when the wait is over."""
    send(b"".join(REQUESTS))
    answer = b""
    try:
        while len(answer) < 4:
            chunk = receive(4 - len(answer))
            if not chunk:
                break
            answer += chunk
    except TimeoutError as exc:
        raise StatusError(f"the printer answered {len(answer)} of 4 status bytes") from exc
    return parse_status(answer, drawer_open_high=drawer_open_high)


def query_tcp(host: str, port: int = 9100, *, timeout: float = TIMEOUT_S,
              drawer_open_high: bool = True) -> PrinterStatus:
    """The status of a network printer; OSError when it cannot be reached."""
    with socket.create_connection((host, port), timeout=timeout) as conn:
        conn.settimeout(timeout)
        return query(conn, drawer_open_high=drawer_open_high)
