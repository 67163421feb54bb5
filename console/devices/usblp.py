"""A USB receipt printer through the Linux printer class driver (usblp): /dev/usb/lp0.

    with open_device("/dev/usb/lp0", timeout=2.0) as link:
        link.write(job)            # ESC/POS out
        link.read(4)               # DLE EOT answers back (b"" when none came in time)
    find_usb_printers()            # ["/dev/usb/lp0", …] for the settings page

The kernel's usblp driver binds every USB printer-class device and gives it a character
device: what is written goes to the printer's bulk-out endpoint, what is read comes from
its bulk-in endpoint, where an ESC/POS printer answers DLE EOT. No libusb, no per-model
vendor:product id, no udev rule: the device belongs to the `lp` group, so the clerk's
account must be in it (`sudo usermod -aG lp USER`, then log in again). python-escpos's
pyusb route needs all three and detaches the kernel driver, so it is not used.

Every wait is bounded: the file is opened non-blocking and each write and read waits
with select() until `timeout`, so a printer that stopped taking data (out of paper with
a full buffer, unplugged mid-job) is a TimeoutError, never a frozen counter. Linux (and
other POSIX systems) only; a pseudo-terminal in raw mode stands in for the device in the
tests (console.devices.fake_device).
"""

from __future__ import annotations

import glob
import os
import select
import time
from collections.abc import Iterator
from contextlib import contextmanager

DEVICE_GLOB = "/dev/usb/lp*"


def find_usb_printers(pattern: str = DEVICE_GLOB) -> list[str]:
    """The usblp devices present now, in order (none on Windows or without a printer)."""
    return sorted(glob.glob(pattern), key=lambda p: (len(p), p))


class DeviceLink:
    """Writes and reads on an open device file, each within the timeout."""

    def __init__(self, fd: int, timeout: float) -> None:
        self._fd, self._timeout = fd, timeout

    def write(self, data: bytes) -> None:
        view, deadline = memoryview(data), time.monotonic() + self._timeout
        while view:
            _, ready, _ = select.select([], [self._fd], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("the printer took no more data in time")
            try:
                view = view[os.write(self._fd, view):]
            except BlockingIOError:
                continue

    def read(self, size: int) -> bytes:
        ready, _, _ = select.select([self._fd], [], [], self._timeout)
        if not ready:
            return b""
        try:
            return os.read(self._fd, size)
        except BlockingIOError:
            return b""

    def drain_input(self) -> None:
        """Throw away answers left from an earlier connection (a status read cut short)."""
        while select.select([self._fd], [], [], 0)[0]:
            try:
                if not os.read(self._fd, 256):
                    return
            except BlockingIOError:
                return


@contextmanager
def open_device(path: str, *, timeout: float) -> Iterator[DeviceLink]:
    """The device file opened for reading and writing; OSError as the system says it
    (FileNotFoundError: not plugged in; PermissionError: not in the lp group)."""
    if os.name != "posix":
        raise OSError("USB printer device files are a Linux feature: use a network or "
                      "USB serial printer on this system")
    if not path:
        raise ValueError("no USB printer device")
    fd = os.open(path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
    try:
        link = DeviceLink(fd, timeout)
        link.drain_input()
        yield link
    finally:
        os.close(fd)
